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
//! the weights); loading it needs that same encoder, found through [`register`] (the CLI's
//! `--embeddings DIR` or the `STANCE_EMBEDDINGS` variable).
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
mod bert;

#[cfg(not(feature = "embeddings"))]
pub use absent::SentenceEmbedder;
#[cfg(feature = "embeddings")]
pub use bert::{SentenceEmbedder, write_tiny_encoder};

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

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
}

/// Why this build cannot run an encoder (without the `embeddings` feature).
pub const MISSING_FEATURE: &str = "this build of stance lacks the `embeddings` cargo feature \
     (rebuild with `cargo build --release --features embeddings`)";

/// An error about the encoder in `dir`.
pub(crate) fn encoder_error(dir: &Path, what: impl std::fmt::Display) -> StanceError {
    StanceError::Encoder(format!("sentence encoder {}: {what}", dir.display()))
}

/// Encoders known to this process, by weight hash.
fn registry() -> std::sync::MutexGuard<'static, Vec<Arc<SentenceEmbedder>>> {
    static REGISTRY: OnceLock<Mutex<Vec<Arc<SentenceEmbedder>>>> = OnceLock::new();
    REGISTRY
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Makes an encoder available to models that name it (by weight hash); returns it.
pub fn register(e: SentenceEmbedder) -> Arc<SentenceEmbedder> {
    let mut r = registry();
    if let Some(known) = r.iter().find(|k| k.sha256() == e.sha256()) {
        return known.clone();
    }
    let e = Arc::new(e);
    r.push(e.clone());
    e
}

/// Loads the encoder in `dir` and registers it.
pub fn register_dir(dir: &Path) -> Result<Arc<SentenceEmbedder>> {
    SentenceEmbedder::load(dir).map(register)
}

/// The environment variable naming an encoder directory, read when a model needs one that
/// was not registered.
pub const ENV_VAR: &str = "STANCE_EMBEDDINGS";

/// The registered encoder a model's spec names (or the one in `$STANCE_EMBEDDINGS`), checked
/// by weight hash and dimension.
pub fn embedder_for(spec: &EmbeddingSpec) -> Result<Arc<SentenceEmbedder>> {
    let needs = format!(
        "needs the sentence encoder it was trained with ({}, {} dimensions, weights sha256 {}…)",
        spec.model,
        spec.dim,
        spec.sha256.get(..16).unwrap_or(&spec.sha256),
    );
    if !cfg!(feature = "embeddings") {
        return Err(StanceError::Encoder(format!(
            "{needs}, but {MISSING_FEATURE}"
        )));
    }
    let known = registry()
        .iter()
        .find(|k| k.sha256() == spec.sha256)
        .cloned();
    if let Some(e) = known {
        return check_dim(e, spec);
    }
    let given: Vec<String> = registry()
        .iter()
        .map(|k| format!("{} (sha256 {}…)", k.name(), &k.sha256()[..16]))
        .collect();
    let hint = format!(
        "{needs}: give its directory with --embeddings DIR or {ENV_VAR}=DIR{}",
        if given.is_empty() {
            String::new()
        } else {
            format!("; the encoder given is another one: {}", given.join(", "))
        }
    );
    match std::env::var_os(ENV_VAR) {
        Some(dir) => {
            let loaded = register_dir(&PathBuf::from(&dir))?;
            if loaded.sha256() != spec.sha256 {
                return Err(StanceError::Encoder(format!(
                    "{hint}; {ENV_VAR}={} holds another encoder (sha256 {}…)",
                    PathBuf::from(dir).display(),
                    loaded.sha256().get(..16).unwrap_or(loaded.sha256())
                )));
            }
            check_dim(loaded, spec)
        }
        None => Err(StanceError::Encoder(hint)),
    }
}

fn check_dim(e: Arc<SentenceEmbedder>, spec: &EmbeddingSpec) -> Result<Arc<SentenceEmbedder>> {
    if e.dim() != spec.dim {
        return Err(StanceError::Encoder(format!(
            "encoder {} gives {} dimensions, the model expects {}",
            e.name(),
            e.dim(),
            spec.dim
        )));
    }
    Ok(e)
}

/// At most this many distinct warnings are kept; the rest are counted.
const MAX_WARNINGS: usize = 20;

/// Warnings about texts the encoder could not read, kept until [`take_warnings`].
fn warnings() -> std::sync::MutexGuard<'static, (Vec<String>, usize)> {
    static WARNINGS: OnceLock<Mutex<(Vec<String>, usize)>> = OnceLock::new();
    WARNINGS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Records a warning (a row that went without its embedding features) for the caller to take.
pub(crate) fn warn(message: String) {
    let mut w = warnings();
    if w.0.contains(&message) {
        return;
    }
    if w.0.len() < MAX_WARNINGS {
        w.0.push(message);
    } else {
        w.1 += 1;
    }
}

/// The warnings recorded since the last call (distinct, in order; past the first 20 every
/// further one is only counted), emptying the record. The library's jobs return them with their results.
pub fn take_warnings() -> Vec<String> {
    let (mut list, more) = std::mem::take(&mut *warnings());
    if more > 0 {
        list.push(format!(
            "… and {more} more warning(s) about the sentence encoder"
        ));
    }
    list
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
        }
    }

    #[test]
    fn missing_or_foreign_encoders_are_named() {
        if std::env::var_os(ENV_VAR).is_none() {
            let m = embedder_for(&spec()).unwrap_err().to_string();
            assert!(m.contains("nowhere") && m.contains("8 dimensions"), "{m}");
            if cfg!(feature = "embeddings") {
                assert!(m.contains("--embeddings DIR"), "{m}");
            } else {
                assert!(m.contains("lacks the `embeddings` cargo feature"), "{m}");
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let m = SentenceEmbedder::load(dir.path()).unwrap_err().to_string();
        let expected = if cfg!(feature = "embeddings") {
            "config.json"
        } else {
            "`embeddings` cargo feature"
        };
        assert!(m.contains(expected), "{m}");
    }

    #[test]
    fn warnings_are_kept_distinct_counted_past_the_limit_and_taken_once() {
        // The record is shared by the process: only this test writes to it.
        for i in 0..MAX_WARNINGS + 3 {
            warn(format!("row {i}"));
            warn(format!("row {i}"));
        }
        let w = take_warnings();
        assert_eq!(w.len(), MAX_WARNINGS + 1);
        assert_eq!(w[0], "row 0");
        // Past the limit every further warning is counted, repeats included.
        assert!(w[MAX_WARNINGS].contains("6 more"), "{w:?}");
        assert!(take_warnings().is_empty());
    }
}
