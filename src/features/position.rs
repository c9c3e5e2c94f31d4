//! Where the actor stands among the sentence's actors: named first or later, how many others
//! there are, whether the sentence starts with it (`x:` features), and the role bigrams — the
//! word bigrams again, marked by whether the actor is named first (`bf:`) or after another
//! (`bl:`): the same words read differently for the subject of "X rejected a proposal by Y
//! and Z" than for Y and Z.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};

/// The position features, and the role bigrams when asked for.
pub(crate) struct Position {
    /// Emit the role bigrams (in sentences that name other actors too).
    pub role_bigrams: bool,
}

impl FeatureFamily for Position {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let (actor_pos, other_pos) = (&ctx.actor_pos, &ctx.other_pos);
        let first = actor_pos[0] < other_pos.first().copied().unwrap_or(usize::MAX);
        sink.emit("x:", &[if first { "actor-first" } else { "actor-later" }]);
        if self.role_bigrams && !other_pos.is_empty() {
            let prefix = if first { "bf:" } else { "bl:" };
            for gram in ctx.seq.windows(2) {
                sink.emit(prefix, gram);
            }
        }
        sink.emit(
            "x:",
            &[match other_pos.len() {
                0 => "others-0",
                1 => "others-1",
                _ => "others-2+",
            }],
        );
        if actor_pos[0] == 0 {
            sink.emit("x:", &["actor-starts"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::strings;
    use super::super::{Family, FeatureOptions, LegacyFeatureOptions};

    #[test]
    fn same_sentence_differs_by_actor() {
        let t = "Lavrov regretted the US opposition to the inspection";
        let a = strings(t, "Lavrov", &["US"]);
        let b = strings(t, "US", &["Lavrov"]);
        assert!(a.contains(&"b:@a regretted".to_string()));
        assert!(b.contains(&"b:@a opposition".to_string()));
        // Role bigrams: the same bigram, marked by whether the actor is named first.
        assert!(a.contains(&"bf:regretted the".to_string()));
        assert!(b.contains(&"bl:regretted the".to_string()));
        assert!(!a.iter().any(|f| f.starts_with("bl:")));
        assert_ne!(a, b);
    }

    #[test]
    fn role_bigrams_need_another_actor_and_are_off_in_older_models() {
        assert!(
            !strings("Peru rejected it", "Peru", &[])
                .iter()
                .any(|f| f.starts_with("bf:"))
        );
        let old: LegacyFeatureOptions = serde_json::from_str(
            r#"{"word_ngrams":[1,2],"char_ngrams":null,"window":5,"zones":true,"cues":300,
            "target_cross":false,"actor_aware":true,"min_count":2,"weighting":"tf-idf",
            "sublinear_tf":true}"#,
        )
        .unwrap();
        let old = FeatureOptions::from(old);
        assert!(
            !old.has(&Family::RoleBigrams) && FeatureOptions::default().has(&Family::RoleBigrams)
        );
    }
}
