//! Sentence embeddings from a pretrained sentence-transformers model (a BERT encoder such as
//! all-MiniLM-L6-v2: `config.json`, `tokenizer.json`, `model.safetensors` in one directory),
//! used as an optional dense block of features beside the n-grams (`stance train
//! --embeddings DIR`).
//!
//! The encoder itself ([`SentenceEmbedder`], through candle) is compiled only with the cargo
//! feature `embeddings`; without it this module keeps what model files need — the
//! [`EmbeddingSpec`] they record, so they still load and are refused with a clear message when
//! they need an encoder this build cannot run.
//!
//! A model trained with embeddings records which encoder it used (name, dimension, SHA-256 of
//! the weights); loading it needs that same encoder, passed in by the caller as an [`Encoder`]
//! (the command line loads it from `--embeddings DIR` or the `STANCE_EMBEDDINGS` variable).
//! There is no registry: the encoder travels in the [`EmbeddingSpec`] of the options that use
//! it, and so do the warnings about texts it could not read.
//!
//! ```no_run
//! use stance::embed::SentenceEmbedder;
//! let e = SentenceEmbedder::load(std::path::Path::new("all-MiniLM-L6-v2")).unwrap();
//! let v = e.embed("Russia proposed a new investigation.").unwrap();
//! assert_eq!(v.len(), e.dim());
//! ```

#[cfg(not(feature = "embeddings"))]
mod absent;
#[cfg(feature = "embeddings")]
pub(crate) mod bert;

#[cfg(not(feature = "embeddings"))]
pub use absent::SentenceEmbedder;
#[cfg(feature = "embeddings")]
pub use bert::{SentenceEmbedder, write_tiny_encoder};

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::error::{Result, StanceError};

/// Which sentence encoder a model's embedding features came from, and how much they weigh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingSpec {
    /// The encoder's name (its directory's name when trained), for messages.
    pub model: String,
    /// SHA-256 of its `model.safetensors`, lowercase hex: the encoder must be this one.
    pub sha256: String,
    /// Embedding dimension.
    pub dim: usize,
    /// Scale of the (unit-length) embedding against the unit-length n-gram vector.
    pub weight: f32,
    /// The encoder itself, when the caller gave it (not stored: a model file names its
    /// encoder, whoever loads the model passes it in).
    #[serde(skip)]
    pub encoder: Option<Encoder>,
}

/// Why this build cannot run an encoder (without the `embeddings` feature).
pub const MISSING_FEATURE: &str = "this build of stance lacks the `embeddings` cargo feature \
     (rebuild with `cargo build --release --features embeddings`)";

/// An error about the encoder in `dir`.
pub(crate) fn encoder_error(dir: &Path, what: impl std::fmt::Display) -> StanceError {
    StanceError::Encoder(format!("sentence encoder {}: {what}", dir.display()))
}

/// A sentence encoder handed to the library by its caller (the command line loads it from
/// the directory it is given), shared by the models and options that use it, with the
/// warnings about texts it could not read. Two handles are equal when their weights are.
#[derive(Clone)]
pub struct Encoder {
    embedder: Arc<SentenceEmbedder>,
    warnings: Arc<Mutex<Warnings>>,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoder({})", self.embedder.name())
    }
}

impl PartialEq for Encoder {
    fn eq(&self, other: &Encoder) -> bool {
        self.embedder.sha256() == other.embedder.sha256()
    }
}

impl Encoder {
    /// Wraps a loaded encoder.
    pub fn new(embedder: SentenceEmbedder) -> Encoder {
        Encoder {
            embedder: Arc::new(embedder),
            warnings: Arc::default(),
        }
    }

    /// Loads the encoder in `dir`.
    pub fn load(dir: &Path) -> Result<Encoder> {
        SentenceEmbedder::load(dir).map(Encoder::new)
    }

    /// The encoder itself.
    pub fn embedder(&self) -> &SentenceEmbedder {
        &self.embedder
    }

    /// The spec a model trained with this encoder records, at `weight`, holding this encoder.
    pub fn spec(&self, weight: f32) -> EmbeddingSpec {
        EmbeddingSpec {
            encoder: Some(self.clone()),
            ..self.embedder.spec(weight)
        }
    }

    /// Whether this is the encoder `spec` names (same weights, same dimension); the error says
    /// which one is needed and why this one is not it.
    pub fn check(&self, spec: &EmbeddingSpec) -> Result<(), String> {
        let e = &self.embedder;
        if e.sha256() != spec.sha256 {
            return Err(format!(
                "the encoder given is another one: {} (sha256 {}…)",
                e.name(),
                e.sha256().get(..16).unwrap_or(e.sha256())
            ));
        }
        if e.dim() != spec.dim {
            return Err(format!(
                "encoder {} gives {} dimensions, the model expects {}",
                e.name(),
                e.dim(),
                spec.dim
            ));
        }
        Ok(())
    }

    /// Records a warning (a row that went without its embedding features).
    pub(crate) fn warn(&self, message: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .add(message);
    }

    /// The warnings recorded since the last call (distinct, in order; past the first 20 every
    /// further one is only counted), emptying the record. The library's jobs return them with
    /// their results.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner())).list()
    }
}

impl EmbeddingSpec {
    /// The encoder these embeddings need, as given to the library; an error naming the one
    /// needed when none was given.
    pub fn encoder(&self) -> Result<&Encoder> {
        self.encoder
            .as_ref()
            .ok_or_else(|| StanceError::Encoder(format!("{}, {}", self.needs(), self.lacking())))
    }

    /// Which encoder these embeddings need, for messages.
    pub fn needs(&self) -> String {
        format!(
            "needs the sentence encoder it was trained with ({}, {} dimensions, weights sha256 {}…)",
            self.model,
            self.dim,
            self.sha256.get(..16).unwrap_or(&self.sha256),
        )
    }

    /// Why no encoder is at hand: this build cannot run one, or none was given.
    pub fn lacking(&self) -> String {
        if cfg!(feature = "embeddings") {
            "and none was given".into()
        } else {
            format!("but {MISSING_FEATURE}")
        }
    }
}

/// At most this many distinct warnings are kept; the rest are counted.
const MAX_WARNINGS: usize = 20;

/// Distinct warnings, the first [`MAX_WARNINGS`] kept and the rest counted.
#[derive(Debug, Default)]
struct Warnings {
    kept: Vec<String>,
    more: usize,
}

impl Warnings {
    /// Adds `message` unless already kept.
    fn add(&mut self, message: String) {
        if self.kept.contains(&message) {
            return;
        }
        if self.kept.len() < MAX_WARNINGS {
            self.kept.push(message);
        } else {
            self.more += 1;
        }
    }

    /// The kept warnings, and a last one counting the rest.
    fn list(mut self) -> Vec<String> {
        if self.more > 0 {
            self.kept.push(format!(
                "… and {} more warning(s) about the sentence encoder",
                self.more
            ));
        }
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> EmbeddingSpec {
        EmbeddingSpec {
            model: "nowhere".into(),
            sha256: "ab".repeat(32),
            dim: 8,
            weight: 1.0,
            encoder: None,
        }
    }

    #[test]
    fn missing_encoders_are_named_without_flags() {
        let m = spec().encoder().unwrap_err().to_string();
        assert!(m.contains("nowhere") && m.contains("8 dimensions"), "{m}");
        assert!(!m.contains("--embeddings"), "{m}");
        if !cfg!(feature = "embeddings") {
            assert!(m.contains("lacks the `embeddings` cargo feature"), "{m}");
        }
        let dir = tempfile::tempdir().unwrap();
        let m = Encoder::load(dir.path()).unwrap_err().to_string();
        let expected = if cfg!(feature = "embeddings") {
            "config.json"
        } else {
            "`embeddings` cargo feature"
        };
        assert!(m.contains(expected), "{m}");
    }

    #[test]
    fn warnings_are_kept_distinct_counted_past_the_limit_and_taken_once() {
        let mut w = Warnings::default();
        for i in 0..MAX_WARNINGS + 3 {
            w.add(format!("row {i}"));
            w.add(format!("row {i}"));
        }
        let w = w.list();
        assert_eq!(w.len(), MAX_WARNINGS + 1);
        assert_eq!(w[0], "row 0");
        // Past the limit every further warning is counted, repeats included.
        assert!(w[MAX_WARNINGS].contains("6 more"), "{w:?}");
        assert!(Warnings::default().list().is_empty());
    }
}
