//! Actor identity: who the actor is, by its name's words (`id:` features), so the model can
//! learn how the training text usually portrays a recurring actor.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};

/// The `id:` features: the words of the actor's name, lower-cased.
pub(crate) struct ActorIdentity;

impl FeatureFamily for ActorIdentity {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        for w in ctx.input.name.split_whitespace() {
            sink.emit("id:", &[&w.to_lowercase()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::with;
    use super::super::{ActorSentence, FeatureOptions, find_whole_word};

    #[test]
    fn actor_identity_names_the_actor_only_when_asked() {
        let text = "President Trump praised Pelosi";
        let spans = find_whole_word(text, "Pelosi");
        let s = ActorSentence::locate(text, "President Trump", &spans);
        let ids = |opts: &FeatureOptions| {
            let mut ids: Vec<String> = with(&s, opts)
                .into_iter()
                .filter(|f| f.starts_with("id:"))
                .collect();
            ids.sort();
            ids
        };
        assert!(ids(&FeatureOptions::default()).is_empty());
        let opts = FeatureOptions::default().with(super::super::Family::Identity);
        assert_eq!(ids(&opts), ["id:president", "id:trump"]);
    }
}
