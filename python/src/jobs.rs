//! `stance.train` and `stance.evaluate`: the CLI's jobs, with its main options. Options left at
//! `None` take the library's (and so the CLI's) defaults.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::PathBuf;

use stance::article::Analyzer;
use stance::classifier::TrainOptions;
use stance::commands::{self, EvaluateConfig, TrainConfig, load_dictionary, load_model};
use stance::features::{
    CharNgramParams, CueParams, Family, FeatureOptions, Weighting, WindowParams, WordNgramParams,
};
use stance::io::CsvOptions;

use crate::{json_to_py, to_json, to_py_err};

/// Trains a model on labelled CSV files and writes it to `out` (atomically); returns the
/// training summary (rows, label counts, vocabulary, held-out scores, options, warnings).
#[pyfunction]
#[pyo3(signature = (
    data, out, label="stance", *, word_ngrams=None, char_ngrams=None, window=None, cues=None,
    min_count=None, weighting=None, l2=None, max_iter=None, balanced=None, seed=None,
    negation=None, speech=None, actor_features=None, tune=false, cv=None, validation=0.1,
    actors=None, lossy=false
))]
#[allow(clippy::too_many_arguments)]
pub fn train(
    py: Python<'_>,
    data: Vec<PathBuf>,
    out: PathBuf,
    label: &str,
    word_ngrams: Option<(usize, usize)>,
    char_ngrams: Option<(usize, usize)>,
    window: Option<usize>,
    cues: Option<usize>,
    min_count: Option<u32>,
    weighting: Option<&str>,
    l2: Option<f64>,
    max_iter: Option<u64>,
    balanced: Option<bool>,
    seed: Option<u64>,
    negation: Option<bool>,
    speech: Option<bool>,
    actor_features: Option<bool>,
    tune: bool,
    cv: Option<usize>,
    validation: f64,
    actors: Option<Vec<PathBuf>>,
    lossy: bool,
) -> PyResult<PyObject> {
    let mut options = TrainOptions::default();
    let f = &mut options.features;
    if let Some((min, max)) = word_ngrams {
        f.set(Family::WordNgrams(WordNgramParams { min, max }));
    }
    if let Some((min, max)) = char_ngrams {
        let (across, block_norm) = (false, false);
        f.set(Family::CharNgrams(CharNgramParams {
            min,
            max,
            across,
            block_norm,
        }));
    }
    switch(
        f,
        window.map(|n| (n > 0, Family::Windows(WindowParams { size: n }))),
    );
    switch(
        f,
        cues.map(|n| (n > 0, Family::Cues(CueParams { count: n }))),
    );
    switch(f, negation.map(|on| (on, Family::Negation)));
    switch(f, speech.map(|on| (on, Family::Speech)));
    f.min_count = min_count.unwrap_or(f.min_count);
    f.actor_aware = actor_features.unwrap_or(f.actor_aware);
    f.weighting = match weighting {
        None | Some("tf-idf") => Weighting::TfIdf,
        Some("tf") => Weighting::Tf,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "weighting must be \"tf\" or \"tf-idf\", got {other:?}"
            )));
        }
    };
    options.l2 = l2.unwrap_or(options.l2);
    options.max_iter = max_iter.unwrap_or(options.max_iter);
    options.balanced = balanced.unwrap_or(options.balanced);
    options.seed = seed.unwrap_or(options.seed);
    let cfg = TrainConfig {
        data,
        out,
        label: label.to_string(),
        options,
        tune,
        tune_budget: std::time::Duration::from_secs(stance::eval::tuning::DEFAULT_BUDGET_SECS),
        cv,
        validation,
        actors: actors.unwrap_or_default(),
        csv: CsvOptions { lossy },
    };
    let json = py
        .allow_threads(|| commands::train(&cfg, &stance::progress::Silent))
        .map_err(to_py_err)
        .and_then(|summary| to_json(&summary))?;
    json_to_py(py, &json)
}

/// Scores a model (default: the shipped stance model) on labelled CSV `data` (accuracy,
/// macro-F1, per-label scores, confusion matrix), or cross-validates its training recipe
/// there with `cv` folds; or, with `articles`, scores classify on `DIR/*.txt` against
/// `DIR/gold.csv` (article-level pairs: precision, recall, F1, missed, spurious).
#[pyfunction]
#[pyo3(signature = (data=None, *, articles=None, model=None, label=None, cv=None, actors=None, lossy=false))]
#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    py: Python<'_>,
    data: Option<Vec<PathBuf>>,
    articles: Option<PathBuf>,
    model: Option<PathBuf>,
    label: Option<String>,
    cv: Option<usize>,
    actors: Option<Vec<PathBuf>>,
    lossy: bool,
) -> PyResult<PyObject> {
    let actors = actors.unwrap_or_default();
    let json = py.allow_threads(|| -> PyResult<String> {
        let model = load_model(model.as_deref(), &|_| Ok(None)).map_err(to_py_err)?;
        match (data, articles) {
            (Some(data), None) => {
                let cfg = EvaluateConfig {
                    data,
                    label,
                    cv,
                    actors,
                    csv: CsvOptions { lossy },
                    predictions: None,
                };
                let evaluation = commands::evaluate(&model, &cfg, &stance::progress::Silent)
                    .map_err(to_py_err)?;
                to_json(&evaluation.metrics)
            }
            (None, Some(dir)) => {
                let dictionary = load_dictionary(&actors).map_err(to_py_err)?;
                let analyzer = Analyzer::stance_only(&model, &dictionary);
                let (scores, _) =
                    commands::evaluate_articles(&analyzer, &dir).map_err(to_py_err)?;
                to_json(&scores)
            }
            _ => Err(PyValueError::new_err(
                "pass labelled CSV files as data, or an articles folder, not both",
            )),
        }
    })?;
    json_to_py(py, &json)
}

/// Adds the family (`Some((true, family))`) or removes its kind (`Some((false, _))`).
fn switch(f: &mut FeatureOptions, change: Option<(bool, Family)>) {
    match change {
        Some((true, family)) => f.set(family),
        Some((false, family)) => f.families.retain(|x| !x.same_kind(&family)),
        None => {}
    }
}
