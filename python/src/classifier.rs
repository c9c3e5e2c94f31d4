//! `stance.Classifier`: the models and actor dictionary loaded once, then articles classified
//! one at a time or many in parallel (without the GIL).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::path::PathBuf;

use stance::actors::Dictionary;
use stance::article::Analyzer;
use stance::classifier::Classifier;
use stance::commands::{load_dictionary, load_model};
use stance::stream::{ClassifiedRecord, KeptFields};

use crate::{json_to_py, to_json, to_py_err};

/// Labels the actors of news articles with a stance (and, by default, a sentiment).
#[pyclass(module = "stance._stance", name = "Classifier", frozen)]
pub struct PyClassifier {
    stance: Classifier,
    sentiment: Option<Classifier>,
    dictionary: Dictionary,
    min_confidence: f64,
}

impl PyClassifier {
    fn analyzer(&self) -> Analyzer<'_> {
        Analyzer {
            stance: &self.stance,
            sentiment: self.sentiment.as_ref(),
            dictionary: &self.dictionary,
            min_confidence: self.min_confidence,
            explain: 0,
            reader: None,
        }
    }

    /// One article as CLI JSON text.
    fn classify_json(&self, text: &str, id: &str) -> PyResult<String> {
        let result = self.analyzer().analyze(id, text);
        to_json(&ClassifiedRecord {
            id,
            kept: KeptFields(&[]),
            result: &result,
        })
    }
}

/// A Python id (str, int, …) as the text the CLI would write.
fn id_text(id: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(id.str()?.to_string())
}

#[pymethods]
impl PyClassifier {
    /// Loads the stance model (`model`, default: the shipped one), the sentiment model
    /// (`sentiment_model`, default: the shipped one; `sentiment=False` for none) and the actor
    /// dictionary (the shipped one plus the `actors` CSV files).
    #[new]
    #[pyo3(signature = (model=None, sentiment_model=None, *, sentiment=true, actors=None, min_confidence=0.0))]
    fn new(
        py: Python<'_>,
        model: Option<PathBuf>,
        sentiment_model: Option<PathBuf>,
        sentiment: bool,
        actors: Option<Vec<PathBuf>>,
        min_confidence: f64,
    ) -> PyResult<Self> {
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(PyValueError::new_err(format!(
                "min_confidence must be between 0 and 1, got {min_confidence}"
            )));
        }
        py.allow_threads(|| {
            let stance = load_model(model.as_deref(), &|_| Ok(None))?;
            let sentiment = match (sentiment, sentiment_model) {
                (false, _) => None,
                (true, Some(p)) => Some(Classifier::load(&p)?),
                (true, None) => stance::default_sentiment_model().transpose()?,
            };
            let dictionary = load_dictionary(&actors.unwrap_or_default())?;
            Ok(PyClassifier {
                stance,
                sentiment,
                dictionary,
                min_confidence,
            })
        })
        .map_err(to_py_err)
    }

    /// Classifies one article; returns the CLI's JSON record as a dict
    /// (`id`, `article`, `actors`). `id` defaults to "-" (as stdin in the CLI).
    #[pyo3(signature = (text, id=None))]
    fn classify(
        &self,
        py: Python<'_>,
        text: &str,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyObject> {
        let id = id.map(id_text).transpose()?.unwrap_or_else(|| "-".into());
        let json = py.allow_threads(|| self.classify_json(text, &id))?;
        json_to_py(py, &json)
    }

    /// Classifies many articles in parallel (without the GIL) and returns their records in
    /// order. `ids` default to the positions ("0", "1", …); `threads` defaults to all cores.
    #[pyo3(signature = (texts, ids=None, threads=None))]
    fn classify_many(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        ids: Option<Vec<Bound<'_, PyAny>>>,
        threads: Option<usize>,
    ) -> PyResult<PyObject> {
        let ids: Vec<String> = match ids {
            Some(ids) if ids.len() != texts.len() => {
                return Err(PyValueError::new_err(format!(
                    "{} ids for {} texts",
                    ids.len(),
                    texts.len()
                )));
            }
            Some(ids) => ids.iter().map(id_text).collect::<PyResult<_>>()?,
            None => (0..texts.len()).map(|i| i.to_string()).collect(),
        };
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let json = py.allow_threads(|| -> PyResult<String> {
            let run = || -> PyResult<Vec<String>> {
                (texts.par_iter().zip(&ids))
                    .map(|(text, id)| self.classify_json(text, id))
                    .collect()
            };
            let records = match threads {
                Some(n) => rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(e.to_string()))?
                    .install(run)?,
                None => run()?,
            };
            Ok(format!("[{}]", records.join(",")))
        })?;
        json_to_py(py, &json)
    }

    /// The stance labels of the model.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.stance.labels.clone()
    }

    /// Whether a sentiment model is loaded.
    #[getter]
    fn has_sentiment(&self) -> bool {
        self.sentiment.is_some()
    }
}
