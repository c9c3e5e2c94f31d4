//! The sentence encoder's place in a build without the `embeddings` feature: a type with no
//! values, so code that would use an encoder compiles, and loading one is a clear error.

use std::path::Path;
use std::sync::Arc;

use super::{EmbeddingSpec, MISSING_FEATURE, encoder_error};
use crate::error::Result;

/// A sentence encoder; this build has none (no values of this type exist).
#[derive(Debug)]
pub enum SentenceEmbedder {}

impl SentenceEmbedder {
    /// Always an error: this build cannot run an encoder.
    pub fn load(dir: &Path) -> Result<SentenceEmbedder> {
        Err(encoder_error(dir, MISSING_FEATURE))
    }

    /// Embedding dimension.
    pub fn dim(&self) -> usize {
        match *self {}
    }

    /// SHA-256 of the weights.
    pub fn sha256(&self) -> &str {
        match *self {}
    }

    /// The encoder's name.
    pub fn name(&self) -> &str {
        match *self {}
    }

    /// The spec a model trained with this encoder records, at `weight`.
    pub fn spec(&self, _weight: f32) -> EmbeddingSpec {
        match *self {}
    }

    /// The embedding of `text`.
    pub fn embed(&self, _text: &str) -> Result<Arc<[f32]>> {
        match *self {}
    }

    /// Embeds every text not yet cached.
    pub fn prefetch<'a>(&self, _texts: impl IntoIterator<Item = &'a str>) -> Result<()> {
        match *self {}
    }
}
