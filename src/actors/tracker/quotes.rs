//! Quotations that go on past their speaker's sentence: in "Mr Churkin said the text was
//! confrontational." followed by "“Our vote against is no veto.”", the second sentence names no
//! one, yet its "our" is Churkin's. The tracker remembers the last speaker and, in a sentence
//! that opens a quotation and has no speaker of its own, reads the quotation's first-person
//! words ("we", "our", "I") as mentions of that speaker.

use super::{ActorTracker, Mention};
use crate::actors::dictionary::ActorKind;
use crate::text::{Token, first_person_in_quotes, opens_with_quote, quoted_ranges, speaks_at};

impl ActorTracker<'_> {
    /// In a sentence that opens with a quotation and has no speaker of its own (`own`, from
    /// [`Self::speaker_of`]), the first-person words inside the quotation are mentions of the
    /// last speaker (if not named here already).
    pub(super) fn add_continued_speaker(
        &self,
        sentence: &str,
        tokens: &[Token],
        own: Option<usize>,
        found: &mut Vec<Mention>,
    ) {
        let Some(speaker) = self.last_speaker else {
            return;
        };
        if own.is_some() || !opens_with_quote(sentence) || found.iter().any(|m| m.actor == speaker)
        {
            return;
        }
        for span in first_person_in_quotes(sentence, tokens) {
            found.push(Mention {
                span,
                actor: speaker,
                pronoun: true,
            });
        }
    }

    /// Remembers who speaks in this sentence for the ones after it: its own speaker (`own`);
    /// else, while a quotation goes on, the speaker before; else no one.
    pub(super) fn remember_speaker(&mut self, sentence: &str, own: Option<usize>) {
        self.last_speaker = match own {
            Some(s) => Some(s),
            None if opens_with_quote(sentence) => self.last_speaker,
            None => None,
        };
    }

    /// The actor that speaks in the sentence: a mention outside any quotation with a verb of
    /// saying within three words after it ("Churkin added", "Gantz, the minister, said") or
    /// right before it ("said Gantz"), or after "according to". A person is preferred to a
    /// body ("Russia's envoy Churkin said"), the last named to earlier ones.
    pub(super) fn speaker_of(
        &self,
        sentence: &str,
        tokens: &[Token],
        found: &[Mention],
    ) -> Option<usize> {
        if found.is_empty() {
            return None;
        }
        let quoted = quoted_ranges(sentence);
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let speaks = |m: &Mention| {
            if quoted
                .iter()
                .any(|r| r.start <= m.span.start && m.span.start < r.end)
            {
                return false;
            }
            let Some(first) = tokens.iter().position(|t| t.span.0 >= m.span.start) else {
                return false;
            };
            let after = tokens[first..]
                .iter()
                .position(|t| t.span.0 >= m.span.end)
                .map_or(words.len(), |k| first + k);
            speaks_at(&words, first, after)
        };
        let speakers: Vec<usize> = found
            .iter()
            .filter(|m| speaks(m))
            .map(|m| m.actor)
            .collect();
        speakers
            .iter()
            .rev()
            .find(|&&a| self.actors[a].kind == ActorKind::Person)
            .or(speakers.last())
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use crate::actors::{ActorTracker, Dictionary};

    /// The (text, actor) of every mention in each sentence of `sentences`, read in order.
    fn read(sentences: &[&str]) -> Vec<Vec<(String, String)>> {
        let dict = Dictionary::builtin().unwrap();
        let mut tracker = ActorTracker::new(&dict);
        sentences
            .iter()
            .map(|s| {
                tracker
                    .find(s)
                    .into_iter()
                    .map(|m| {
                        let name = tracker.actors[m.actor].canonical.clone();
                        (s[m.span].to_string(), name)
                    })
                    .collect()
            })
            .collect()
    }

    /// Whether `found` has a mention `text` of `actor`.
    fn has(found: &[(String, String)], text: &str, actor: &str) -> bool {
        found.iter().any(|(t, a)| t == text && a == actor)
    }

    #[test]
    fn a_quotation_going_on_is_its_speakers() {
        let f = read(&[
            "Russia's ambassador Vitaly Churkin said the text was confrontational.",
            "“Our vote against will not mean that we are deaf to the victims.”",
            "“I regret it,” he said.",
        ]);
        assert!(has(&f[1], "Our", "Vitaly Churkin"), "{f:?}");
        assert!(has(&f[1], "we", "Vitaly Churkin"), "{f:?}");
        // Carried on through a third paragraph of the same quotation.
        let f = read(&[
            "Foreign Minister Sergei Lavrov told reporters the inquiry was biased.",
            "“We cannot accept it.",
            "“Our experts were never consulted.”",
        ]);
        assert!(has(&f[1], "We", "Sergei Lavrov"), "{f:?}");
        assert!(has(&f[2], "Our", "Sergei Lavrov"), "{f:?}");
    }

    #[test]
    fn no_speaker_no_carry() {
        // Narration in between ends the quotation; a sentence with its own speaker keeps it;
        // first-person words outside a quotation are no one's.
        let f = read(&[
            "Foreign Minister Sergei Lavrov said the inquiry was biased.",
            "The council met on Monday.",
            "“We cannot accept it.”",
        ]);
        assert!(f[2].is_empty(), "{f:?}");
        let f = read(&[
            "Foreign Minister Sergei Lavrov said the inquiry was biased.",
            "“We back it,” Secretary of State John Kerry said.",
        ]);
        assert!(!f[1].iter().any(|(_, a)| a == "Sergei Lavrov"), "{f:?}");
        let f = read(&[
            "Foreign Minister Sergei Lavrov said the inquiry was biased.",
            "We were told nothing.",
        ]);
        assert!(f[1].is_empty(), "{f:?}");
    }
}
