//! A trained classifier: feature options + vocabulary + logistic model + what it was trained on,
//! saved as one JSON file (format version, labels, options, vocabulary, weights, data hash,
//! scores), or — same content, for fast loading — as a compact binary file (`*.bin`: a magic
//! header and the same record in postcard encoding). Loading checks all of it.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::ops::Range;

use crate::actors::{ActorTracker, Dictionary};
use crate::error::Result;
use crate::features::{ActorSentence, FeatureOptions, LegacyFeatureOptions, Vocabulary};
use crate::io::Example;
use crate::model::{LogisticValidParams, SparseLogistic, SparseMatrix, argmax};

mod format;
mod params;
pub use format::{EncoderSource, FORMAT_VERSION, is_binary_path};
pub use params::TrainParams;

/// Everything that decides how a model is trained. `F` is the form of the feature options:
/// [`FeatureOptions`], or [`LegacyFeatureOptions`] while reading a model of format version 1
/// to 4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions<F = FeatureOptions> {
    /// Feature extractor options.
    pub features: F,
    /// L2 strength α.
    pub l2: f64,
    /// Maximum L-BFGS iterations.
    pub max_iter: u64,
    /// Stop when the norm of the mean per-row gradient falls below this.
    #[serde(default = "default_tol")]
    pub tol: f64,
    /// Weight classes inversely to their frequency.
    pub balanced: bool,
    /// Naive-Bayes prior strength on the weights (0 = plain L2); see
    /// [`crate::model::LogisticParams::nb_prior`]. 1 by default (chosen by CV); model files
    /// saved before it existed load with 0, the objective they were trained with.
    #[serde(default)]
    pub nb_prior: f64,
    /// Seed for every random choice (validation split, CV folds).
    pub seed: u64,
}

impl Default for TrainOptions {
    /// The default features ([`FeatureOptions::default`]), the learner's defaults
    /// ([`LogisticValidParams::default`]) and seed 42.
    fn default() -> Self {
        let learner = LogisticValidParams::default();
        TrainOptions {
            features: FeatureOptions::default(),
            l2: learner.l2,
            max_iter: learner.max_iter,
            tol: learner.tol_grad,
            balanced: learner.balanced,
            nb_prior: learner.nb_prior,
            seed: 42,
        }
    }
}

fn default_tol() -> f64 {
    LogisticValidParams::default().tol_grad
}

/// Scores measured on data the model did not train on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldOutScore {
    /// How it was measured ("validation split 10%", "5-fold CV").
    pub method: String,
    /// Rows scored.
    pub rows: usize,
    /// Accuracy.
    pub accuracy: f64,
    /// Macro-averaged F1.
    pub macro_f1: f64,
}

/// One point of a hyper-parameter search (`F`: see [`TrainOptions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TuningTrial<F = FeatureOptions> {
    /// The options tried.
    pub options: TrainOptions<F>,
    /// Cross-validated macro-F1.
    pub macro_f1: f64,
}

/// What the model was trained on and how well it did (`F`: see [`TrainOptions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo<F = FeatureOptions> {
    /// SHA-256 of the training rows (text, actor, label), in order.
    pub data_sha256: String,
    /// Number of training rows.
    pub rows: usize,
    /// Rows per label.
    pub label_counts: BTreeMap<String, usize>,
    /// The options used.
    pub options: TrainOptions<F>,
    /// L-BFGS iterations of the final fit.
    pub iterations: u64,
    /// Held-out scores (validation split, cross-validation).
    pub held_out: Vec<HeldOutScore>,
    /// Hyper-parameter search, when `--tune` was used.
    pub tuning: Vec<TuningTrial<F>>,
}

impl From<TrainOptions<LegacyFeatureOptions>> for TrainOptions {
    fn from(o: TrainOptions<LegacyFeatureOptions>) -> Self {
        TrainOptions {
            features: o.features.into(),
            l2: o.l2,
            max_iter: o.max_iter,
            tol: o.tol,
            balanced: o.balanced,
            nb_prior: o.nb_prior,
            seed: o.seed,
        }
    }
}

impl From<TrainingInfo<LegacyFeatureOptions>> for TrainingInfo {
    /// The record of a model of format version 1 to 4, its options converted into families.
    fn from(t: TrainingInfo<LegacyFeatureOptions>) -> Self {
        TrainingInfo {
            data_sha256: t.data_sha256,
            rows: t.rows,
            label_counts: t.label_counts,
            options: t.options.into(),
            iterations: t.iterations,
            held_out: t.held_out,
            tuning: t
                .tuning
                .into_iter()
                .map(|trial| TuningTrial {
                    options: trial.options.into(),
                    macro_f1: trial.macro_f1,
                })
                .collect(),
        }
    }
}

/// A trained (sentence, actor) → label classifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Classifier {
    /// The CSV column it learned ("stance", "sentiment").
    pub label_column: String,
    /// Labels, in model order.
    pub labels: Vec<String>,
    /// Feature options.
    pub features: FeatureOptions,
    /// Vocabulary.
    pub vocabulary: Vocabulary,
    /// The logistic model.
    pub logistic: SparseLogistic,
    /// Provenance and scores.
    pub training: TrainingInfo,
}

/// A prediction for one (sentence, actor).
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Most probable label.
    pub label: String,
    /// Its probability.
    pub confidence: f64,
    /// Probability per label, in model order.
    pub probabilities: Vec<f64>,
}

/// How one feature moved a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureContribution {
    /// The feature (e.g. `b:@a vetoed`).
    pub feature: String,
    /// The label its weight favours most.
    pub toward: String,
    /// Its value in this row.
    pub value: f64,
    /// (weight of the predicted label − weight of the runner-up) × value: positive pushed toward the prediction.
    pub margin: f64,
}

/// Why a label was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Predicted label.
    pub label: String,
    /// Its probability.
    pub confidence: f64,
    /// Second most probable label.
    pub runner_up: String,
    /// Its probability.
    pub runner_up_probability: f64,
    /// The strongest features, by |margin|.
    pub features: Vec<FeatureContribution>,
}

/// [`prepare`] for models without actor features (`actor_aware` off): the other actors are
/// never used, so the actor finder is skipped; only the actor's own mentions are located.
pub fn prepare_without_others(examples: &[Example]) -> Vec<ActorSentence<'_>> {
    examples
        .par_iter()
        .map(|e| locate_example(e, &[]))
        .collect()
}

/// One example located in its sentence: at its `actor_spans` when given, else by name; with
/// `others` plus its own `other_spans`.
fn locate_example<'a>(e: &'a Example, others: &[Range<usize>]) -> ActorSentence<'a> {
    let mut all = others.to_vec();
    all.extend(e.other_spans.iter().flatten().cloned());
    match &e.actor_spans {
        Some(spans) => ActorSentence::at(&e.text, &e.actor, spans.clone(), &all),
        None => ActorSentence::locate(&e.text, &e.actor, &all),
    }
}

/// Rows prepared for the feature extractor: each example located in its sentence, with the
/// other actors of the sentence: dictionary finds, titled people, the other rows' actors of the
/// same text (at their `actor_spans` when given, else found by name), and the row's own
/// `other_spans`.
pub fn prepare<'a>(examples: &'a [Example], dict: &Dictionary) -> Vec<ActorSentence<'a>> {
    let mut by_text: FxHashMap<&str, Vec<&Example>> = FxHashMap::default();
    for e in examples {
        by_text.entry(e.text.as_str()).or_default().push(e);
    }
    let found: FxHashMap<&str, Vec<Range<usize>>> = by_text
        .par_iter()
        .map(|(text, rows)| {
            let mut tracker = ActorTracker::new(dict);
            let mut spans: Vec<Range<usize>> =
                tracker.find(text).into_iter().map(|m| m.span).collect();
            for e in rows {
                match &e.actor_spans {
                    Some(given) => spans.extend(given.iter().cloned()),
                    None => spans.extend(crate::features::find_whole_word(text, &e.actor)),
                }
            }
            (*text, spans)
        })
        .collect();
    examples
        .par_iter()
        .map(|e| locate_example(e, &found[e.text.as_str()]))
        .collect()
}

/// SHA-256 of the rows, as lowercase hex.
pub fn data_hash(examples: &[Example]) -> String {
    let mut h = Sha256::new();
    for e in examples {
        for part in [&e.text, &e.actor, &e.label] {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        // Spans only when given, so hashes of data without span columns stay as they were.
        for spans in [&e.actor_spans, &e.other_spans].into_iter().flatten() {
            h.update(format!("{spans:?}").as_bytes());
            h.update([0x1f]);
        }
        h.update([0x1e]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn round_f32(v: &mut [f64]) {
    v.iter_mut().for_each(|x| *x = f64::from(*x as f32));
}

impl Classifier {
    /// Trains on prepared inputs with integer labels `y` (indices into `labels`).
    pub fn fit(
        inputs: &[ActorSentence],
        y: &[usize],
        labels: &[String],
        label_column: &str,
        opts: &TrainOptions,
    ) -> Result<Classifier> {
        TrainParams::check_options(opts)?;
        prefetch_embeddings(&opts.features, inputs)?;
        let (vocabulary, rows) = Vocabulary::fit_with_rows(inputs, y, &opts.features);
        let rows: Vec<(Vec<u64>, &ActorSentence)> = rows.into_iter().zip(inputs).collect();
        let x = SparseMatrix::from_par_rows(vocabulary.len(), &rows, |(h, input)| {
            let mut row = vocabulary.transform_hashes(h, &opts.features);
            vocabulary.append_embedding(input, &opts.features, &mut row);
            row
        });
        drop(rows);
        let mut logistic = opts
            .learner()
            .fit(&DatasetBase::new(x, Array1::from(y.to_vec())))?;
        // The file stores f32; round now so the model in memory is the model on disk.
        round_f32(&mut logistic.weights);
        let mut vocabulary = vocabulary;
        round_f32(&mut vocabulary.idf);
        let mut label_counts = BTreeMap::new();
        for &c in y {
            *label_counts.entry(labels[c].clone()).or_insert(0) += 1;
        }
        Ok(Classifier {
            label_column: label_column.to_string(),
            labels: labels.to_vec(),
            features: opts.features.clone(),
            vocabulary,
            training: TrainingInfo {
                data_sha256: String::new(),
                rows: y.len(),
                label_counts,
                options: opts.clone(),
                iterations: logistic.iterations,
                held_out: Vec::new(),
                tuning: Vec::new(),
            },
            logistic,
        })
    }

    /// Predicts one (sentence, actor).
    pub fn predict(&self, input: &ActorSentence) -> Prediction {
        let (i, v) = self.vocabulary.transform(input, &self.features);
        let p = self.logistic.probabilities(&i, &v);
        let best = argmax(&p);
        Prediction {
            label: self.labels[best].clone(),
            confidence: p[best],
            probabilities: p,
        }
    }

    /// The features that pushed this prediction most: (feature, label, weight × value), sorted
    /// by how much each raised the predicted label over the runner-up.
    pub fn explain(&self, input: &ActorSentence, top: usize) -> Explanation {
        let (idx, val) = self.vocabulary.transform(input, &self.features);
        let p = self.logistic.probabilities(&idx, &val);
        let best = argmax(&p);
        let runner_up = (0..p.len())
            .filter(|&c| c != best)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]))
            .unwrap_or(best);
        let k = self.labels.len();
        let mut contributions: Vec<FeatureContribution> = idx
            .iter()
            .zip(&val)
            .map(|(&j, &x)| {
                let w = &self.logistic.weights[j as usize * k..(j as usize + 1) * k];
                FeatureContribution {
                    feature: self.vocabulary.features[j as usize].clone(),
                    toward: self.labels[argmax(w)].clone(),
                    value: f64::from(x),
                    margin: (w[best] - w[runner_up]) * f64::from(x),
                }
            })
            .collect();
        contributions.sort_by(|a, b| b.margin.abs().total_cmp(&a.margin.abs()));
        contributions.truncate(top);
        Explanation {
            label: self.labels[best].clone(),
            confidence: p[best],
            runner_up: self.labels[runner_up].clone(),
            runner_up_probability: p[runner_up],
            features: contributions,
        }
    }

    /// Predicts many rows in parallel (order kept).
    pub fn predict_many(&self, inputs: &[ActorSentence]) -> Vec<Prediction> {
        // The encoder was found when the model was loaded; a text it cannot read is warned
        // about row by row (see `Vocabulary::append_embedding`).
        let _ = prefetch_embeddings(&self.features, inputs);
        inputs.par_iter().map(|s| self.predict(s)).collect()
    }
}

/// Encodes the texts of `inputs` (in parallel, once each) when the options use sentence
/// embeddings; nothing otherwise.
pub fn prefetch_embeddings(opts: &FeatureOptions, inputs: &[ActorSentence]) -> Result<()> {
    match opts.embeddings() {
        Some(spec) => (spec.encoder()?.embedder()).prefetch(inputs.iter().map(|s| s.text)),
        None => Ok(()),
    }
}

/// Sparse feature matrix of `inputs` (rows in order, computed in parallel).
pub fn featurise(
    vocabulary: &Vocabulary,
    inputs: &[ActorSentence],
    opts: &FeatureOptions,
) -> SparseMatrix {
    let _ = prefetch_embeddings(opts, inputs);
    SparseMatrix::from_par_rows(vocabulary.len(), inputs, |s| vocabulary.transform(s, opts))
}

/// Group index per row (rows sharing an `article` — or a sentence — share a group).
pub fn encode_groups(examples: &[Example]) -> Vec<usize> {
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    examples
        .iter()
        .map(|e| {
            let n = ids.len();
            *ids.entry(e.group.as_str()).or_insert(n)
        })
        .collect()
}

/// The label set of `examples` (sorted) and each row's label index.
pub fn encode_labels(examples: &[Example]) -> (Vec<String>, Vec<usize>) {
    let mut labels: Vec<String> = examples.iter().map(|e| e.label.clone()).collect();
    labels.sort();
    labels.dedup();
    let y = examples
        .iter()
        .map(|e| labels.binary_search(&e.label).unwrap_or(0))
        .collect();
    (labels, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Family;
    use std::path::PathBuf;

    fn ex(text: &str, actor: &str, label: &str) -> Example {
        Example {
            text: text.into(),
            actor: actor.into(),
            label: label.into(),
            group: text.into(),
            origin: (PathBuf::new(), 0),
            ..Default::default()
        }
    }

    /// A tiny model with the options of format version 1 (none of the later feature families).
    pub(super) fn tiny() -> Classifier {
        let mut opts = TrainOptions::default();
        opts.features = opts
            .features
            .without(&Family::Coordination)
            .without(&Family::ListHeads)
            .without(&Family::BritishSpelling)
            .without(&Family::Contractions)
            .without(&Family::OpeningConnectives)
            .without(&Family::SpeakerQuotes)
            .without(&Family::Stems);
        let data = vec![
            ex("Paris vetoed the probe", "Paris", "opposes"),
            ex("Rome backed the probe", "Rome", "supports"),
            ex("Oslo rejected the inquiry", "Oslo", "opposes"),
            ex("Bern welcomed the inquiry", "Bern", "supports"),
        ];
        let dict = Dictionary::empty();
        let inputs = prepare(&data, &dict);
        let (labels, y) = encode_labels(&data);
        Classifier::fit(&inputs, &y, &labels, "stance", &opts).unwrap()
    }

    #[test]
    fn models_saved_before_the_nb_prior_load_with_it_off() {
        let mut json = serde_json::to_value(TrainOptions::default()).unwrap();
        assert_eq!(json["nb_prior"], 1.0);
        json.as_object_mut().unwrap().remove("nb_prior");
        let old: TrainOptions = serde_json::from_value(json).unwrap();
        assert_eq!(old.nb_prior, 0.0);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // lists of one span are meant
    fn given_spans_replace_the_name_search() {
        // "he" twice: by name both are the actor; with spans only the second, and the first is
        // another actor's, as the row says.
        let text = "Aides said he would sign it, and he did";
        let mut a = ex(text, "he", "positive");
        let b = ex(text, "Aides", "neutral");
        let by_name = prepare(std::slice::from_ref(&a), &Dictionary::empty());
        assert_eq!(by_name[0].actor, vec![11..13, 33..35]);
        a.actor_spans = Some(vec![33..35]);
        a.other_spans = Some(vec![11..13]);
        let rows = [a, b];
        let by_span = prepare(&rows, &Dictionary::empty());
        assert_eq!(by_span[0].actor, vec![33..35]);
        assert_eq!(by_span[0].others, vec![0..5, 11..13]);
        // The other row sees this one at its span, not every "he".
        assert_eq!(by_span[1].others, vec![33..35]);
    }

    #[test]
    fn without_actor_features_the_actor_finder_changes_nothing() {
        let data = vec![
            ex("Paris vetoed the probe, Rome said", "Paris", "opposes"),
            ex("Paris vetoed the probe, Rome said", "Rome", "neutral"),
            ex("Oslo welcomed the inquiry by the UN", "Oslo", "supports"),
            ex("Oslo welcomed the inquiry by the UN", "UN", "supports"),
        ];
        let dict = Dictionary::builtin().unwrap();
        let (labels, y) = encode_labels(&data);
        let mut opts = TrainOptions::default();
        opts.features.actor_aware = false;
        opts.features.min_count = 1;
        let fit = |inputs: &[ActorSentence]| {
            Classifier::fit(inputs, &y, &labels, "stance", &opts)
                .unwrap()
                .to_json()
                .unwrap()
        };
        let full = prepare(&data, &dict);
        assert!(full.iter().any(|s| !s.others.is_empty()));
        assert_eq!(fit(&full), fit(&prepare_without_others(&data)));
    }

    #[cfg(feature = "embeddings")]
    #[test]
    fn sentence_embeddings_are_features_that_round_trip_and_need_their_encoder() {
        let dir = tempfile::tempdir().unwrap();
        crate::embed::write_tiny_encoder(dir.path()).unwrap();
        let encoder = crate::embed::Encoder::load(dir.path()).unwrap();
        let give = |_: &crate::embed::EmbeddingSpec| Ok(Some(encoder.clone()));
        let data = vec![
            ex("Paris vetoed the probe", "Paris", "opposes"),
            ex("Rome backed the probe", "Rome", "supports"),
            ex("Oslo rejected the inquiry", "Oslo", "opposes"),
            ex("Bern welcomed the inquiry", "Bern", "supports"),
        ];
        let inputs = prepare(&data, &Dictionary::empty());
        let (labels, y) = encode_labels(&data);
        // The options of `tiny` (the same rows) plus embeddings.
        let plain = tiny();
        let mut opts = plain.training.options.clone();
        opts.features.set(Family::Embeddings(encoder.spec(2.0)));
        let m = Classifier::fit(&inputs, &y, &labels, "stance", &opts).unwrap();
        // The embedding block: 8 `emb:` columns after the n-grams, each set in every row.
        assert_eq!(m.vocabulary.len(), plain.vocabulary.len() + 8);
        assert_eq!(m.vocabulary.features.last().unwrap(), "emb:7");
        let (idx, val) = m.vocabulary.transform(&inputs[0], &m.features);
        let dense: Vec<f32> = idx
            .iter()
            .zip(&val)
            .filter(|(i, _)| m.vocabulary.features[**i as usize].starts_with("emb:"))
            .map(|(_, v)| *v)
            .collect();
        let e = encoder.embedder().embed("Paris vetoed the probe").unwrap();
        assert_eq!(dense, e.iter().map(|v| v * 2.0).collect::<Vec<_>>());
        // Same data and options: the same bytes; read back equal, given the encoder.
        let again = Classifier::fit(&inputs, &y, &labels, "stance", &opts).unwrap();
        assert_eq!(m.to_json().unwrap(), again.to_json().unwrap());
        let json = String::from_utf8(m.to_json().unwrap()).unwrap();
        let p = std::path::Path::new("m.json");
        assert_eq!(
            Classifier::from_bytes_with(json.as_bytes(), p, &give).unwrap(),
            m
        );
        let bin = m.to_binary().unwrap();
        assert_eq!(Classifier::from_bytes_with(&bin, p, &give).unwrap(), m);
        // Damaged files are refused, not misread: embedding columns out of place, a hash that
        // is not one.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let vocab = v["vocabulary"].as_array_mut().unwrap();
        let first = vocab.iter().position(|f| f == "emb:0").unwrap();
        let moved = vocab.remove(first);
        vocab.push(moved);
        let e = Classifier::from_bytes_with(v.to_string().as_bytes(), p, &give)
            .unwrap_err()
            .to_string();
        assert!(e.contains("embedding columns"), "{e}");
        let e = Classifier::from_json(
            json.replace(encoder.embedder().sha256(), &"é".repeat(32))
                .as_bytes(),
            p,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("64 hex digits"), "{e}");
        // A model whose encoder is not given, or given another one, is refused naming it.
        let e = Classifier::from_json(json.as_bytes(), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.json") && e.contains("none was given"), "{e}");
        let other = json.replace(encoder.embedder().sha256(), &"0".repeat(64));
        let e = Classifier::from_bytes_with(other.as_bytes(), p, &give)
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.json") && e.contains("another one"), "{e}");
    }

    #[test]
    fn probabilities_sum_to_one() {
        let m = tiny();
        let s = ActorSentence::locate("Lima vetoed the audit", "Lima", &[]);
        let p = m.predict(&s);
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(p.label, "opposes");
    }
}
