//! Quoted words read as the speaker's: when the actor is the one quoted ("“We will not
//! cooperate,” the minister said"), the words inside the quotation marks are its own, wherever
//! they stand in the sentence (`Q:` words, `Q2:` bigrams) — the side windows of a speaker named
//! after a long quotation reach only its last words, and another actor named inside the
//! quotation cuts the zones short.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};
use super::speech::actor_speaks;
use super::spelling::{british_word, written_out};
use crate::text::{quoted_ranges, tokenize};

/// The `Q:`/`Q2:` features of a speaker's quotation.
pub(crate) struct SpeakerQuotes {
    /// Read American spelling as British inside the quotation too.
    pub british: bool,
    /// Write negative contractions out inside the quotation too.
    pub contractions: bool,
}

impl FeatureFamily for SpeakerQuotes {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let text = ctx.input.text;
        if !text.contains(['"', '“', '”']) || !actor_speaks(ctx) {
            return;
        }
        let quoted = quoted_ranges(text);
        if quoted.is_empty() {
            return;
        }
        let input = ctx.input;
        let in_mention = |b: usize| {
            input
                .actor
                .iter()
                .chain(&input.others)
                .any(|r| r.start <= b && b < r.end)
        };
        let mut words: Vec<&str> = Vec::new();
        let mut last_range = None;
        for t in tokenize(text) {
            let at = t.span.0;
            let Some(k) = quoted.iter().position(|r| r.start <= at && at < r.end) else {
                continue;
            };
            if last_range != Some(k) {
                // A new quotation: no bigram across the narration between two.
                words.push("|");
                last_range = Some(k);
            }
            if in_mention(at) {
                words.push("@o");
                continue;
            }
            match self.contractions.then(|| written_out(t.text)).flatten() {
                Some(two) => words.extend(two),
                None => words.push(
                    self.british
                        .then(|| british_word(t.text))
                        .flatten()
                        .unwrap_or(t.text),
                ),
            }
        }
        for w in words.iter().filter(|w| **w != "|") {
            sink.emit("Q:", &[w]);
        }
        for pair in words.windows(2).filter(|p| p[0] != "|" && p[1] != "|") {
            sink.emit("Q2:", pair);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::with;
    use super::super::{ActorSentence, Family, FeatureOptions, find_whole_word};
    fn q_features(text: &str, actor: &str, others: &[&str]) -> Vec<String> {
        let spans: Vec<_> = others
            .iter()
            .flat_map(|o| find_whole_word(text, o))
            .collect();
        let opts = FeatureOptions::default().with(Family::SpeakerQuotes);
        with(&ActorSentence::locate(text, actor, &spans), &opts)
            .into_iter()
            .filter(|f| f.starts_with("Q"))
            .collect()
    }

    #[test]
    fn the_speaker_owns_the_quoted_words() {
        let text = "“The Justice Department’s decision is a grave mistake,” Benny Gantz said.";
        let f = q_features(text, "Benny Gantz", &["Justice Department"]);
        assert!(f.contains(&"Q:mistake".to_string()), "{f:?}");
        assert!(f.contains(&"Q2:grave mistake".to_string()), "{f:?}");
        assert!(f.contains(&"Q2:@o ’s".to_string()) || f.contains(&"Q:@o".to_string()));
        // The actor named inside the quotation is not the speaker: no Q features for it.
        assert!(q_features(text, "Justice Department", &["Benny Gantz"]).is_empty());
        // No quotation, or no speech verb by the actor: none either.
        assert!(q_features("Benny Gantz said it was a mistake.", "Benny Gantz", &[]).is_empty());
        assert!(q_features("Benny Gantz met a “grave” critic.", "Benny Gantz", &[]).is_empty());
    }

    #[test]
    fn speaker_after_the_verb_and_contractions_inside() {
        let f = q_features("“We won't cooperate,” said Gantz.", "Gantz", &[]);
        assert!(f.contains(&"Q2:will not".to_string()), "{f:?}");
        assert!(f.contains(&"Q:cooperate".to_string()), "{f:?}");
        // Two quotations: no bigram across the narration between them.
        let f = q_features("“No,” Gantz said, “never.”", "Gantz", &[]);
        assert!(f.contains(&"Q:no".to_string()) && f.contains(&"Q:never".to_string()));
        assert!(!f.iter().any(|x| x == "Q2:no never"), "{f:?}");
    }
}
