//! The extractor's input: a sentence, where the actor is named in it and where the other
//! actors are.

use std::ops::Range;

/// One input to the extractor: a sentence, where the actor is named, where the others are.
#[derive(Debug, Clone)]
pub struct ActorSentence<'a> {
    /// The sentence.
    pub text: &'a str,
    /// Byte ranges of the actor's mentions (may be empty when not found).
    pub actor: Vec<Range<usize>>,
    /// Byte ranges of other actors' mentions.
    pub others: Vec<Range<usize>>,
    /// The actor (or target topic) as given, used when it is not mentioned in the text.
    pub name: &'a str,
}

impl<'a> ActorSentence<'a> {
    /// Locates `actor` in `text` (whole-word, case-sensitive, then case-insensitive) and marks
    /// `others` — mentions of other actors — that do not overlap it.
    pub fn locate(text: &'a str, actor: &'a str, others: &[Range<usize>]) -> Self {
        let mut spans = find_whole_word(text, actor);
        if spans.is_empty() {
            spans = find_whole_word(&text.to_lowercase(), &actor.to_lowercase())
                .into_iter()
                .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
                .collect();
        }
        Self::at(text, actor, spans, others)
    }

    /// The actor at known byte ranges `spans` (e.g. from a data set's offsets); `others` that
    /// overlap them are dropped.
    pub fn at(
        text: &'a str,
        name: &'a str,
        mut spans: Vec<Range<usize>>,
        others: &[Range<usize>],
    ) -> Self {
        spans.sort_by_key(|r| (r.start, r.end));
        let others = others
            .iter()
            .filter(|o| !spans.iter().any(|s| crate::actors::span::overlaps(s, o)))
            .cloned()
            .collect();
        ActorSentence {
            text,
            actor: spans,
            others,
            name,
        }
    }
}

/// Whole-word occurrences of `needle` in `hay`.
pub fn find_whole_word(hay: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle)
        .filter(|(i, _)| {
            let before = hay[..*i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(i, _)| i..i + needle.len())
        .collect()
}
