//! Where the command line finds the sentence encoder a model needs (`--embeddings DIR`, else
//! `$STANCE_EMBEDDINGS`), and what it adds to the library's errors: the flag that sets a
//! parameter, the way to give a missing encoder.

use std::path::Path;

use stance::classifier::Classifier;
use stance::commands;
use stance::embed::{EmbeddingSpec, Encoder};

/// The environment variable naming the encoder directory models trained with embeddings need,
/// when `--embeddings` is not given.
const ENCODER_VAR: &str = "STANCE_EMBEDDINGS";

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

/// The command-line way out of a library error, when there is one: for a model whose encoder
/// was not given (or another one was), how to give it; for invalid UTF-8, the flag that reads
/// it lossily; for a build without an embedded model, the flag that names one.
pub(crate) fn cli_hint(e: &anyhow::Error) -> String {
    use stance::StanceError as E;
    match e.downcast_ref::<E>() {
        Some(E::MissingEncoder { .. }) if cfg!(feature = "embeddings") => {
            format!("; give its directory with --embeddings DIR or {ENCODER_VAR}=DIR")
        }
        Some(E::Csv { message, .. } | E::Record { message, .. })
            if message.starts_with("invalid UTF-8") =>
        {
            "; --lossy replaces it".to_string()
        }
        Some(E::Model { message, .. }) if message.contains("no embedded stance model") => {
            "; give one with --model".to_string()
        }
        _ => String::new(),
    }
}

/// The command-line flag that sets the parameter a library error is about, if any.
pub(crate) fn flag_of(e: &anyhow::Error) -> Option<&'static str> {
    use stance::ParamsError as P;
    let Some(stance::StanceError::Params(p)) = e.downcast_ref::<stance::StanceError>() else {
        return None;
    };
    Some(match p {
        P::WordNgrams { .. } => "--word-ngrams",
        P::CharNgrams { .. } => "--char-ngrams",
        P::Window { .. } => "--window",
        P::EmptyFamily { family, .. } if *family == "cues" => "--cues",
        P::MinCount => "--min-count",
        P::Embeddings { .. } => "--embedding-weight",
        P::L2 { .. } => "--l2",
        P::NbPrior { .. } => "--nb-prior",
        P::MaxIter => "--max-iter",
        P::Tolerance { .. } => "--tol",
        P::ValidationFraction { .. } => "--validation",
        P::Folds { .. } => "--cv",
        P::ReservedField { .. } => "--keep-fields",
        P::MinConfidence { .. } => "--min-confidence",
        _ => return None,
    })
}
