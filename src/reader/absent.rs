//! The reader's place in a build without the `embeddings` feature: a type with no values, so
//! code that would use a reader compiles, and loading one is a clear error.

use std::path::Path;

use super::reader_error;
use crate::embed::MISSING_FEATURE;
use crate::error::Result;

/// A fine-tuned pair classifier; this build has none (no values of this type exist).
#[derive(Debug)]
pub enum PairReader {}

impl PairReader {
    /// Always an error: this build cannot run a reader.
    pub fn load(dir: &Path) -> Result<PairReader> {
        Err(reader_error(dir, MISSING_FEATURE))
    }

    /// The reader's name.
    pub fn name(&self) -> &str {
        match *self {}
    }

    /// Its labels, in its output order.
    pub fn labels(&self) -> &[String] {
        match *self {}
    }

    /// Its blend weight.
    pub fn blend(&self) -> f64 {
        match *self {}
    }

    /// Its probabilities for `actor` in `sentence`.
    pub fn probabilities(&self, _actor: &str, _sentence: &str) -> Result<Vec<f64>> {
        match *self {}
    }
}
