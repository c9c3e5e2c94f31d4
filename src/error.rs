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
    /// Invalid hyper-parameters.
    #[error("invalid parameter: {0}")]
    Params(String),
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

/// Result alias for the library.
pub type Result<T, E = StanceError> = std::result::Result<T, E>;
