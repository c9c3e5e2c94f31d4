//! Reported speech: whether the actor is the speaker ("X said", "said X", "according to X"),
//! is inside a quotation, or the sentence quotes anyone (`x:speech …`).

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};
use crate::text::speaks_at;

/// The `x:speech` feature: `speaker`, `in-quote`, `outside-quote` or `no-quote`.
pub(crate) struct Speech;

impl FeatureFamily for Speech {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let text = ctx.input.text;
        let speaks = actor_speaks(ctx);
        let quoted = ctx.actor_at.iter().any(|&b| inside_quote(&text[..b]));
        let has_quote = text.contains(['"', '“', '”']);
        let state = if speaks {
            "speaker"
        } else if quoted {
            "in-quote"
        } else if has_quote {
            "outside-quote"
        } else {
            "no-quote"
        };
        sink.emit("x:", &["speech", state]);
    }
}

/// Whether the actor is the speaker: a verb of saying within three words after one of its
/// mentions ("X said", "X, who …, told"), right before it ("said X"), or "according to X".
pub(crate) fn actor_speaks(ctx: &SequenceContext) -> bool {
    ctx.actor_pos.iter().any(|&p| speaks_at(&ctx.seq, p, p + 1))
}

/// Whether the end of `before` lies inside a quotation: more “ than ” so far, or an odd
/// number of straight double quotes.
fn inside_quote(before: &str) -> bool {
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    open > close || before.matches('"').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::super::testing::with;
    use super::super::{ActorSentence, FeatureOptions};

    #[test]
    fn speech_tells_speaker_quoted_and_spoken_about_apart() {
        let opts = FeatureOptions::default().with(super::super::Family::Speech);
        let state = |text: &str, actor: &str| {
            let f = with(&ActorSentence::locate(text, actor, &[]), &opts);
            f.into_iter().find(|x| x.starts_with("x:speech")).unwrap()
        };
        assert_eq!(
            state("Trump said the plan failed", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("The plan failed, said Trump", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("According to Trump, it failed", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("“Trump is a disaster,” Biden wrote", "Trump"),
            "x:speech in-quote"
        );
        assert_eq!(
            state("Critics attacked Trump over his “plan”", "Trump"),
            "x:speech outside-quote"
        );
        assert_eq!(
            state("Critics attacked Trump", "Trump"),
            "x:speech no-quote"
        );
    }
}
