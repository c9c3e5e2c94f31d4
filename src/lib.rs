//! `stance`: who supports, opposes or regrets a proposal in news text.
//!
//! The pipeline, one module per stage:
//! [`text`] (sentences, tokens) → [`actors`] (who is named) → [`features`] (actor-aware bag of
//! words) → [`model`] (sparse multinomial logistic regression, linfa traits) → [`article`]
//! (per-actor labels with evidence), with [`classifier`] tying features and model into a saved
//! file, [`io`] for CSV and files, [`dump`] and [`stream`] for news dumps (JSON Lines, CSV)
//! classified a chunk at a time, and [`eval`] for metrics and cross-validation.
//!
//! The library never prints: long jobs report through [`progress::Progress`] and return their
//! warnings. Cargo features: `cli` (default: the `stance` binary's dependencies, and `plots`
//! for the HTML evaluation report) and `embeddings` (off by default: sentence encoders through
//! candle; see [`embed`]).

pub mod actors;
pub mod article;
pub mod classifier;
pub mod commands;
pub mod dump;
pub mod embed;
pub mod error;
pub mod eval;
pub mod features;
pub mod import;
pub mod io;
pub mod lbfgs;
pub mod model;
mod params;
pub mod progress;
pub mod reader;
pub mod report;
pub mod stream;
pub mod text;

pub use article::{Analyzer, AnalyzerParams};
pub use error::{ParamsError, Result, StanceError};

/// The shipped stance model, compiled into the binary (`models/stance.bin`, the binary form of
/// `models/stance.json`; a test checks the two agree).
pub fn default_stance_model() -> Result<classifier::Classifier> {
    #[cfg(embedded_stance_model)]
    {
        classifier::Classifier::from_bytes(
            include_bytes!("../models/stance.bin"),
            std::path::Path::new("<embedded models/stance.bin>"),
        )
    }
    #[cfg(not(embedded_stance_model))]
    {
        Err(StanceError::model(
            "models/stance.bin",
            "this build has no embedded stance model; load one from a file",
        ))
    }
}

/// The shipped sentiment model (`models/sentiment.bin`, from `models/sentiment.json`), if this
/// build has one.
pub fn default_sentiment_model() -> Option<Result<classifier::Classifier>> {
    #[cfg(embedded_sentiment_model)]
    {
        Some(classifier::Classifier::from_bytes(
            include_bytes!("../models/sentiment.bin"),
            std::path::Path::new("<embedded models/sentiment.bin>"),
        ))
    }
    #[cfg(not(embedded_sentiment_model))]
    {
        None
    }
}
