//! The library's error type: every variant says which file (and where known, line and column).

use std::path::PathBuf;

/// Everything that can go wrong in `stance`, with enough context to fix it.
#[derive(Debug, thiserror::Error)]
pub enum StanceError {
    /// A file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// A CSV file is malformed or lacks what is needed.
    #[error("{path}:{line}{col}: {message}", col = column.map(|c| format!(":{c}")).unwrap_or_default())]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line number (the header is line 1).
        line: u64,
        /// 1-based column (field) number, when known.
        column: Option<usize>,
        /// What was expected.
        message: String,
    },
    /// One record of a news dump is malformed; the records after it can still be read.
    #[error("{path}:{line}{col}: {message}", col = column.map(|c| format!(":{c}")).unwrap_or_default())]
    Record {
        /// The dump.
        path: PathBuf,
        /// 1-based line number (where the record starts, for CSV).
        line: u64,
        /// 1-based column: byte for JSON Lines, field for CSV, when known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A model file is not a valid `stance` model.
    #[error("{path}: not a usable stance model: {message}")]
    Model {
        /// The file (or `<embedded>`).
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The data cannot train a model (too few labels, no rows, …).
    #[error("{0}")]
    Data(String),
    /// Invalid parameters: a rule of [`ParamsError`].
    #[error("invalid parameter: {0}")]
    Params(ParamsError),
    /// A sentence encoder cannot be loaded or read, or options that need one lack it.
    #[error("{0}")]
    Encoder(String),
    /// A model uses sentence embeddings, and the encoder it needs was not given (or another
    /// one was, or this build cannot run one).
    #[error("{path}: not a usable stance model: {needs}, {why}")]
    MissingEncoder {
        /// The model file.
        path: PathBuf,
        /// Which encoder it needs.
        needs: String,
        /// Why it is not at hand.
        why: String,
    },
    /// An error reported by linfa.
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
    /// The optimiser failed.
    #[error("optimiser failed: {0}")]
    Optimiser(String),
}

impl StanceError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StanceError::Io {
            path: path.into(),
            source,
        }
    }
    /// A CSV error at `line` (and `column`) of `path`.
    pub fn csv(
        path: impl Into<PathBuf>,
        line: u64,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        StanceError::Csv {
            path: path.into(),
            line,
            column,
            message: message.into(),
        }
    }
    /// A malformed record at `line` (and `column`) of the dump `path`.
    pub fn record(
        path: impl Into<PathBuf>,
        line: u64,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        StanceError::Record {
            path: path.into(),
            line,
            column,
            message: message.into(),
        }
    }
    /// A model error for `path`.
    pub fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        StanceError::Model {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A parameter rule that was broken, with the values that broke it. The messages name the
/// setting in plain words; a front end may add its own name for it (a command-line flag).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamsError {
    /// Word n-gram orders out of range.
    #[error("word n-gram orders {min} to {max}: need 1 <= shortest <= longest <= 5")]
    WordNgrams {
        /// Shortest order given.
        min: usize,
        /// Longest order given.
        max: usize,
    },
    /// Character n-gram orders out of range.
    #[error("character n-gram orders {min} to {max}: need 1 <= shortest <= longest <= 8")]
    CharNgrams {
        /// Shortest order given.
        min: usize,
        /// Longest order given.
        max: usize,
    },
    /// An actor window wider than the extractor walks.
    #[error("actor window of {size} words: at most {max} words on each side")]
    Window {
        /// Words given.
        size: usize,
        /// The largest accepted.
        max: usize,
    },
    /// A family whose size parameter is 0, which would emit nothing (leave the family out).
    #[error("the {family} family with {what} 0 emits nothing: leave it out instead")]
    EmptyFamily {
        /// The family (its `type`).
        family: &'static str,
        /// The parameter that is 0.
        what: &'static str,
    },
    /// A family listed twice.
    #[error("the {family} family is listed twice")]
    FamilyTwice {
        /// The family (its `type`).
        family: &'static str,
    },
    /// Families out of their canonical order.
    #[error("the {family} family is listed after {after}: families go in their canonical order")]
    FamilyOrder {
        /// The family out of place.
        family: &'static str,
        /// The family listed before it that should come after it.
        after: &'static str,
    },
    /// A minimum feature count of 0.
    #[error("the minimum count of rows a feature is seen in must be at least 1")]
    MinCount,
    /// An embedding spec with an impossible size or weight.
    #[error(
        "sentence embeddings of {dim} dimensions at weight {weight}: need 1 to 100000 \
         dimensions and a positive weight"
    )]
    Embeddings {
        /// Dimensions given.
        dim: usize,
        /// Weight given.
        weight: f32,
    },
    /// An embedding spec whose encoder hash is not a SHA-256.
    #[error("sentence embeddings: the encoder's sha256 {sha256:?} is not 64 hex digits")]
    EncoderHash {
        /// The hash given.
        sha256: String,
    },
    /// An L2 strength that is negative or not finite.
    #[error("L2 regularisation strength {value}: must be a finite number >= 0")]
    L2 {
        /// The value given.
        value: f64,
    },
    /// A naive-Bayes prior strength outside 0 to 2.
    #[error("naive-Bayes prior strength {value}: must be between 0 and 2")]
    NbPrior {
        /// The value given.
        value: f64,
    },
    /// No optimiser iterations.
    #[error("the maximum number of optimiser iterations must be at least 1")]
    MaxIter,
    /// A gradient tolerance that is not positive.
    #[error("gradient tolerance {value}: must be a finite number > 0")]
    Tolerance {
        /// The value given.
        value: f64,
    },
    /// A validation fraction outside [0, 0.9).
    #[error("validation fraction {value}: must be at least 0 and below 0.9")]
    ValidationFraction {
        /// The value given.
        value: f64,
    },
    /// Fewer than 2 cross-validation folds.
    #[error("cross-validation needs at least 2 folds, got {folds}")]
    Folds {
        /// The folds given.
        folds: usize,
    },
    /// An extra output field that the output already has.
    #[error("extra field {field:?}: the output already has a field of that name")]
    ReservedField {
        /// The field given.
        field: String,
    },
    /// Nothing to explain.
    #[error("the text to explain is empty")]
    EmptyText,
    /// A minimum confidence outside 0 to 1.
    #[error("minimum confidence {value}: must be between 0 and 1")]
    MinConfidence {
        /// The value given.
        value: f64,
    },
    /// More explaining features per label than an explanation holds.
    #[error("{count} explaining features per label: at most {max}")]
    ExplainCount {
        /// The count given.
        count: usize,
        /// The largest accepted.
        max: usize,
    },
    /// A reader that lacks one of the stance model's labels.
    #[error(
        "the reader has no label `{label}` (its labels: {reader_labels}), so it cannot be blended with this stance model"
    )]
    ReaderLabels {
        /// The model's label the reader lacks.
        label: String,
        /// The reader's labels, comma-separated.
        reader_labels: String,
    },
}

impl From<ParamsError> for StanceError {
    /// The rule as the library's error (not as its source: the message already holds it).
    fn from(e: ParamsError) -> Self {
        StanceError::Params(e)
    }
}

/// Result alias for the library.
pub type Result<T, E = StanceError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_messages_carry_the_values_in_plain_words() {
        let cases = [
            (ParamsError::WordNgrams { min: 3, max: 2 }, "3 to 2"),
            (ParamsError::CharNgrams { min: 2, max: 9 }, "2 to 9"),
            (ParamsError::Window { size: 60, max: 50 }, "60 words"),
            (
                ParamsError::EmptyFamily {
                    family: "cues",
                    what: "count",
                },
                "cues family with count 0",
            ),
            (ParamsError::FamilyTwice { family: "stems" }, "stems"),
            (
                ParamsError::FamilyOrder {
                    family: "zones",
                    after: "cues",
                },
                "zones family is listed after cues",
            ),
            (ParamsError::MinCount, "at least 1"),
            (
                ParamsError::Embeddings {
                    dim: 0,
                    weight: 1.5,
                },
                "0 dimensions at weight 1.5",
            ),
            (ParamsError::EncoderHash { sha256: "x".into() }, "\"x\""),
            (ParamsError::L2 { value: -1.0 }, "-1"),
            (
                ParamsError::NbPrior { value: 3.0 },
                "3: must be between 0 and 2",
            ),
            (ParamsError::MaxIter, "at least 1"),
            (ParamsError::Tolerance { value: 0.0 }, "tolerance 0"),
            (ParamsError::ValidationFraction { value: 0.95 }, "0.95"),
            (ParamsError::Folds { folds: 1 }, "got 1"),
            (ParamsError::ReservedField { field: "id".into() }, "\"id\""),
            (ParamsError::EmptyText, "empty"),
            (
                ParamsError::MinConfidence { value: 1.5 },
                "1.5: must be between 0 and 1",
            ),
            (
                ParamsError::ExplainCount {
                    count: 900,
                    max: 100,
                },
                "900 explaining",
            ),
        ];
        for (e, want) in cases {
            let m = StanceError::from(e).to_string();
            assert!(
                m.starts_with("invalid parameter: ") && m.contains(want),
                "{m}"
            );
            assert!(!m.contains("--"), "a command-line flag in {m}");
        }
    }
}
