//! Helpers shared by the feature families' unit tests.

use super::{
    ActorSentence, CharNgramParams, Cues, Family, FeatureOptions, StringSink, extract,
    find_whole_word,
};

/// The feature strings of `actor` in `text` under the default options, with `others` (located
/// by whole word) as the other actors and no cues.
pub(super) fn strings(text: &str, actor: &str, others: &[&str]) -> Vec<String> {
    let other_spans: Vec<_> = others
        .iter()
        .flat_map(|o| find_whole_word(text, o))
        .collect();
    let s = ActorSentence::locate(text, actor, &other_spans);
    let mut sink = StringSink::default();
    extract(&s, &FeatureOptions::default(), &Cues::default(), &mut sink);
    sink.0
}

/// The feature strings of `s` under `opts`, with no cues.
pub(super) fn with(s: &ActorSentence, opts: &FeatureOptions) -> Vec<String> {
    let mut sink = StringSink::default();
    extract(s, opts, &Cues::default(), &mut sink);
    sink.0
}

/// Character n-grams of orders `min..=max`, within words or `across` them, without block
/// normalisation.
pub(super) fn chars(min: usize, max: usize, across: bool) -> Family {
    Family::CharNgrams(CharNgramParams {
        min,
        max,
        across,
        block_norm: false,
    })
}

/// A topic target `name` that `text` does not mention as such.
pub(super) fn topic<'a>(text: &'a str, name: &'a str) -> ActorSentence<'a> {
    ActorSentence {
        text,
        actor: Vec::new(),
        others: Vec::new(),
        name,
    }
}
