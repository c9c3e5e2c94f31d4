//! Word n-grams over the token sequence, mentions as placeholders: `w:` unigrams, `b:`
//! bigrams, `t:` trigrams, `n:` longer.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};

use serde::{Deserialize, Serialize};

/// Word n-gram orders, inclusive (1..=2 = unigrams and bigrams).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordNgramParams {
    /// Shortest n-gram.
    pub min: usize,
    /// Longest n-gram.
    pub max: usize,
}

/// Word n-grams of the orders `min..=max`.
pub(crate) struct WordNgrams {
    /// Orders, inclusive.
    pub orders: (usize, usize),
}

impl FeatureFamily for WordNgrams {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let (lo, hi) = self.orders;
        for n in lo..=hi {
            let prefix = match n {
                1 => "w:",
                2 => "b:",
                3 => "t:",
                _ => "n:",
            };
            for gram in ctx.seq.windows(n) {
                sink.emit(prefix, gram);
            }
        }
    }
}
