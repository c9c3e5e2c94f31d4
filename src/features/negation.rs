//! Negation: the words up to three tokens after a negation ("not", "never", "n't", …) also
//! give `N:` features.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};

/// The `N:` features: words in the scope of a negation.
pub(crate) struct Negation;

impl FeatureFamily for Negation {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        // Words in the scope of a negation: up to three tokens after it.
        let mut scope = 0;
        for w in &ctx.seq {
            if scope > 0 {
                sink.emit("N:", &[w]);
                scope -= 1;
            }
            if is_negation(w) {
                scope = 3;
            }
        }
    }
}

/// Negation words whose scope is the next few tokens.
pub(crate) fn is_negation(w: &str) -> bool {
    const NEG: &[&str] = &[
        "not", "no", "never", "nor", "neither", "without", "nobody", "nothing", "none", "cannot",
    ];
    NEG.iter().any(|n| w.eq_ignore_ascii_case(n)) || w.ends_with("n't") || w.ends_with("n’t")
}

#[cfg(test)]
mod tests {
    use super::super::testing::with;
    use super::super::{ActorSentence, FeatureOptions};

    #[test]
    fn negation_scope_is_three_tokens() {
        let opts = FeatureOptions::default().with(super::super::Family::Negation);
        let f = with(
            &ActorSentence::locate("They didn't really support him at all", "him", &[]),
            &opts,
        );
        assert!(f.contains(&"N:support".to_string()) && f.contains(&"N:@a".to_string()));
        assert!(!f.contains(&"N:at".to_string()) && !f.contains(&"N:they".to_string()));
        assert!(
            !with(
                &ActorSentence::locate("They didn't support him", "him", &[]),
                &FeatureOptions::default()
            )
            .iter()
            .any(|x| x.starts_with("N:"))
        );
    }
}
