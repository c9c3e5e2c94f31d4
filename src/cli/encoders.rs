//! Where the command line finds the sentence encoder a model needs (`--embeddings DIR`, else
//! `$STANCE_EMBEDDINGS`).

use std::path::Path;

use stance::classifier::Classifier;
use stance::commands;
use stance::embed::{EmbeddingSpec, Encoder};

/// The environment variable naming the encoder directory models trained with embeddings need,
/// when `--embeddings` is not given.
pub(crate) const ENCODER_VAR: &str = "STANCE_EMBEDDINGS";

/// Where models get their sentence encoder: the one given with `--embeddings`, else the one
/// in `$STANCE_EMBEDDINGS`, loaded only when a model needs it.
pub(crate) struct Encoders {
    pub(crate) given: Option<Encoder>,
}

impl Encoders {
    /// The encoder for a model whose embeddings `_spec` describes (the library checks it is
    /// the one named).
    pub(crate) fn find(&self, _spec: &EmbeddingSpec) -> stance::Result<Option<Encoder>> {
        if let Some(e) = &self.given {
            return Ok(Some(e.clone()));
        }
        match std::env::var_os(ENCODER_VAR) {
            Some(dir) => Encoder::load(Path::new(&dir)).map(Some),
            None => Ok(None),
        }
    }

    /// The model at `path` (the shipped stance model without one), with its encoder.
    pub(crate) fn load_model(&self, path: Option<&Path>) -> stance::Result<Classifier> {
        commands::load_model(path, &|s| self.find(s))
    }
}
