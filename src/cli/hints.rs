//! What the command line adds to the library's errors, which name no flags: the flag that sets
//! a parameter, and the way out of an error (a missing encoder, invalid UTF-8, no model).

use crate::encoders::ENCODER_VAR;

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
        P::ReaderLabels { .. } => "--reader",
        _ => return None,
    })
}
