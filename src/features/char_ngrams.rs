//! Character n-grams: within each word (`c:`, the word padded as `<word>`), or across words
//! over the whole sentence (`k:`), punctuation and the actor placeholders included.

use super::extract::{FeatureFamily, SequenceContext};
use super::{ACTOR, ActorSentence, FeatureSink, OTHER};

use serde::{Deserialize, Serialize};

/// Character n-grams: orders, where they are read, how they are normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharNgramParams {
    /// Shortest n-gram.
    pub min: usize,
    /// Longest n-gram.
    pub max: usize,
    /// Over the whole sentence (lower-cased, white space collapsed), across word boundaries
    /// and punctuation (`k:` features), instead of within words only (`c:`).
    pub across: bool,
    /// L2-normalise the character n-grams and the other features as two separate blocks
    /// (each gets norm 1, like concatenating two TF-IDF vectorisers), so the many character
    /// n-grams do not drown the word features.
    pub block_norm: bool,
}

/// Character n-grams of the orders `min..=max`.
pub(crate) struct CharNgrams {
    /// Orders, inclusive.
    pub orders: (usize, usize),
    /// Over the whole sentence (`k:`) instead of within words (`c:`).
    pub across: bool,
    /// Across words: mentions become placeholders.
    pub actor_aware: bool,
}

impl FeatureFamily for CharNgrams {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        if self.across {
            emit_char_ngrams(
                "k:",
                &char_stream(ctx.input, self.actor_aware),
                self.orders,
                sink,
            );
            return;
        }
        let mut word = String::new();
        for w in ctx.seq.iter().filter(|w| **w != ACTOR && **w != OTHER) {
            word.clear();
            word.push('<');
            word.extend(w.chars().flat_map(char::to_lowercase));
            word.push('>');
            emit_char_ngrams("c:", &word, self.orders, sink);
        }
    }
}

/// Every character n-gram of `text` with `min..=max` characters, as `prefix` features.
fn emit_char_ngrams(
    prefix: &str,
    text: &str,
    (min, max): (usize, usize),
    sink: &mut impl FeatureSink,
) {
    let idx: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let nchars = idx.len() - 1;
    for n in min..=max.min(nchars) {
        for s in 0..=nchars - n {
            sink.emit(prefix, &[&text[idx[s]..idx[s + n]]]);
        }
    }
}

/// The sentence for character n-grams across words: lower-cased, white space collapsed to
/// one space, padded with a space at each end; actor mentions become `@a`, others `@o`.
fn char_stream(input: &ActorSentence, actor_aware: bool) -> String {
    let mut out = String::with_capacity(input.text.len() + 2);
    out.push(' ');
    let mut skip_to = 0;
    for (i, c) in input.text.char_indices() {
        if i < skip_to {
            continue;
        }
        if actor_aware {
            let span = [(&input.actor, ACTOR), (&input.others, OTHER)]
                .into_iter()
                .find_map(|(spans, p)| spans.iter().find(|r| r.start == i).map(|r| (r.end, p)));
            if let Some((end, p)) = span {
                out.push_str(p);
                skip_to = end;
                continue;
            }
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{chars, with};
    use super::super::{ActorSentence, Cues, FeatureOptions, StringSink, extract};

    #[test]
    fn char_ngrams_handle_any_script() {
        let s = ActorSentence::locate("Москва отклонила расследование", "Москва", &[]);
        let opts = FeatureOptions::default().with(chars(2, 4, false));
        let mut sink = StringSink::default();
        extract(&s, &opts, &Cues::default(), &mut sink);
        assert!(sink.0.iter().any(|f| f == "c:<о"));
    }

    #[test]
    fn char_ngrams_across_words_see_punctuation_and_the_placeholder() {
        let s = ActorSentence::locate("Paris  vetoed it!!", "Paris", &[]);
        let opts = FeatureOptions::default().with(chars(3, 4, true));
        let f = with(&s, &opts);
        for want in ["k:@a v", "k:d it", "k:t!! ", "k: @a "] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        assert!(!f.iter().any(|x| x.contains("par")), "{f:?}");
        assert!(!f.iter().any(|x| x.starts_with("c:")));
    }
}
