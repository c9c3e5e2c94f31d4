//! The actor as a topic rather than a name in the text (a tweet's target, a claim): whether
//! it is mentioned (`x:topic`, `TO:`), `x:no-actor` when the text does not name it, its name
//! crossed with the words (`T:`, `TB:`), and, with `cross_all`, every feature crossed with
//! the topic (`topic|prefix:…`).

use super::FeatureSink;
use super::OTHER;
use super::extract::{FeatureFamily, SequenceContext};

use serde::{Deserialize, Serialize};

/// The topic crossed with the words when the actor is not in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetCrossParams {
    /// Every feature (character n-grams and embeddings included) is also emitted crossed with
    /// the topic (`name|` prefix): one shared model plus one per topic in a single fit.
    pub cross_all: bool,
}

/// The topic features: overlap with the text, and the name crossed with the words.
pub(crate) struct TargetTopic {
    /// Cross the name with the words when the actor is not in the text (`target_cross`).
    pub cross: bool,
    /// Words sharing the topic's stem stand for the actor (`target_overlap`).
    pub overlap: bool,
}

impl FeatureFamily for TargetTopic {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let (input, seq, actor_pos) = (ctx.input, &ctx.seq, &ctx.actor_pos);
        if self.overlap && input.actor.is_empty() && !input.name.is_empty() {
            let found = if actor_pos.is_empty() {
                "absent"
            } else {
                "mentioned"
            };
            sink.emit("x:", &["topic", found]);
            sink.emit("TO:", &[input.name, found]);
        }
        if actor_pos.is_empty() || (self.overlap && !ctx.topic.is_empty()) {
            if actor_pos.is_empty() {
                sink.emit("x:", &["no-actor"]);
            }
            if self.cross && !input.name.is_empty() {
                // The target is a topic, not a mention (a tweet's subject, a claim): cross it with
                // the words, so each target learns its own vocabulary of stance.
                let name = input.name;
                for w in seq.iter().filter(|w| **w != OTHER) {
                    sink.emit("T:", &[name, w]);
                }
                for gram in seq.windows(2) {
                    sink.emit("TB:", &[name, gram[0], gram[1]]);
                }
            }
        }
    }
}

/// Lower-case words (3+ characters) of a topic name ("climate change" → climate, change).
pub(crate) fn topic_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Whether `token` shares a stem with one of the topic words: it starts with the whole word
/// ("ClimateChange" for "climate") or both share their first five characters ("feminists",
/// "feminism" for "feminist"; "atheists" for "atheism").
pub(crate) fn shares_stem(token: &str, topic: &[String]) -> bool {
    let t = token.to_lowercase();
    topic.iter().any(|w| {
        t.starts_with(w.as_str())
            || t.chars().zip(w.chars()).take_while(|(a, b)| a == b).count() >= 5
    })
}

/// The prefix of a feature crossed with the actor's topic (`--cross-all`): its name,
/// lower-cased, and `|`.
pub(crate) fn topic_prefix(name: &str) -> String {
    format!("{}|", name.to_lowercase())
}

/// A sink that passes each feature on as is and crossed with the topic (`cross_all`).
pub(crate) struct TopicCrossed<'s, S> {
    inner: &'s mut S,
    name: String,
    prefix: String,
}

impl<'s, S> TopicCrossed<'s, S> {
    /// Crosses the features sent to `inner` with the topic `name`.
    pub(crate) fn new(inner: &'s mut S, name: &str) -> Self {
        let name = topic_prefix(name);
        TopicCrossed {
            inner,
            prefix: name.clone(),
            name,
        }
    }
}

impl<S: FeatureSink> FeatureSink for TopicCrossed<'_, S> {
    fn emit(&mut self, prefix: &str, parts: &[&str]) {
        self.inner.emit(prefix, parts);
        self.prefix.truncate(self.name.len());
        self.prefix.push_str(prefix);
        self.inner.emit(&self.prefix, parts);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{chars, topic, with};
    use super::super::{Family, FeatureOptions, TargetCrossParams, Vocabulary};
    use super::*;

    #[test]
    fn topic_words_stand_for_the_actor_when_they_share_its_stem() {
        assert!(shares_stem("ClimateChange", &topic_words("climate")));
        assert!(shares_stem("feminists", &topic_words("feminist")));
        assert!(!shares_stem("climb", &topic_words("climate")));
        let opts = FeatureOptions::default()
            .with(Family::TopicOverlap)
            .with(Family::TargetCross(TargetCrossParams { cross_all: false }));
        let f = with(&topic("I support feminists everywhere", "feminist"), &opts);
        for want in [
            "L1:support",
            "b:support @a",
            "TO:feminist mentioned",
            "T:feminist support",
        ] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        assert!(!f.contains(&"x:no-actor".to_string()));
        let f = with(&topic("Equal pay now", "feminist"), &opts);
        assert!(
            f.contains(&"x:no-actor".to_string()) && f.contains(&"TO:feminist absent".to_string())
        );
        // Off: the topic word stays a word.
        let f = with(
            &topic("I support feminists", "feminist"),
            &FeatureOptions::default(),
        );
        assert!(f.contains(&"w:feminists".to_string()) && !f.iter().any(|x| x.starts_with("L")));
    }

    #[test]
    fn cross_all_crosses_every_feature_with_the_topic() {
        let opts = FeatureOptions {
            min_count: 1,
            ..FeatureOptions::default()
                .with(Family::TargetCross(TargetCrossParams { cross_all: true }))
                .with(chars(2, 2, false))
        };
        let inputs = [topic("Stop it", "abortion"), topic("Go on", "abortion")];
        let f = with(&inputs[0], &opts);
        for want in [
            "w:stop",
            "abortion|w:stop",
            "c:st",
            "abortion|c:st",
            "abortion|T:abortion stop",
        ] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        let v = Vocabulary::fit(&inputs, &[0, 1], &opts);
        let char_of = |name: &str| v.char_block[v.features.iter().position(|f| f == name).unwrap()];
        assert!(char_of("abortion|c:st") && char_of("c:st") && !char_of("abortion|w:stop"));
        // Without --target-cross, nothing is crossed.
        let plain = opts.without(&Family::TargetCross(TargetCrossParams { cross_all: true }));
        assert!(!with(&inputs[0], &plain).iter().any(|x| x.contains('|')));
    }
}
