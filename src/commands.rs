//! The three jobs — train, classify, evaluate — as library calls; `main.rs` only parses
//! arguments into these configs.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::actors::Dictionary;
use crate::article::{Analyzer, ArticleResult};
use crate::classifier::{
    Classifier, EncoderSource, encode_groups, encode_labels, prepare, prepare_without_others,
};
use crate::dump::{DumpFormat, DumpOptions};
use crate::error::{ParamsError, Result, StanceError};
use crate::eval::errors::{ArticleActors, ErrorTable, error_table, pair_f1_interval};
use crate::eval::{Metrics, pair_scores};
use crate::features::ActorSentence;
use crate::io::{CsvOptions, load_labelled};
use crate::progress::{Progress, stage};
use crate::report::ScoredRow;
use crate::stream::{
    RESERVED_FIELDS, RecordWriter, StreamEvent, StreamOptions, StreamSummary, classify_records,
};

/// Loads the shipped dictionary plus the user's files.
pub fn load_dictionary(extra: &[PathBuf]) -> Result<Dictionary> {
    let mut d = Dictionary::builtin()?;
    for p in extra {
        d.add_file(p)?;
    }
    Ok(d)
}

/// Loads a model from a path (asking `encoders` for the sentence encoder it may need), or the
/// embedded default.
pub fn load_model(path: Option<&Path>, encoders: EncoderSource) -> Result<Classifier> {
    match path {
        Some(p) => Classifier::load_with(p, encoders),
        None => crate::default_stance_model(),
    }
}

pub mod train;

pub use train::{TrainConfig, TrainSummary, TuneReport, train};

/// Output formats of `stance classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassifyFormat {
    /// Aligned text for people (coloured when `true`).
    Table(bool),
    /// One JSON object per article per line.
    Json,
    /// One row per (article, actor, sentence).
    Csv,
    /// One HTML page, mentions coloured by stance.
    Html,
}

/// Inputs to read, each with its format: files, directories (their files, sorted), or `-` for
/// stdin. Without a `format`, a named file's is guessed from its name
/// ([`DumpFormat::from_path`]) while the files found in a directory are plain articles.
pub fn expand_inputs(
    inputs: &[PathBuf],
    format: Option<DumpFormat>,
) -> Result<Vec<(PathBuf, DumpFormat)>> {
    if inputs.is_empty() {
        return Ok(vec![("-".into(), format.unwrap_or(DumpFormat::Text))]);
    }
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| StanceError::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .collect();
            files.sort();
            out.extend((files.into_iter()).map(|f| (f, format.unwrap_or(DumpFormat::Text))));
        } else {
            out.push((
                p.clone(),
                format.unwrap_or_else(|| DumpFormat::from_path(p)),
            ));
        }
    }
    Ok(out)
}

/// Reads one article (lossy UTF-8: scraped pages are not always clean).
pub fn read_article(path: &Path) -> Result<String> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| StanceError::io("<stdin>", e))?;
        b
    } else {
        std::fs::read(path).map_err(|e| StanceError::io(path, e))?
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Settings of `stance classify`.
#[derive(Debug, Clone)]
pub struct ClassifyConfig {
    /// Files (plain articles or dumps), directories, or `-` for stdin; none means stdin.
    pub inputs: Vec<PathBuf>,
    /// Output format.
    pub format: ClassifyFormat,
    /// How to read dumps.
    pub dump: DumpOptions,
    /// Chunk size and whether to skip malformed records.
    pub stream: StreamOptions,
}

/// What `classify` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassifySummary {
    /// Articles classified and written.
    pub articles: usize,
    /// Malformed records skipped (with `skip_bad`).
    pub skipped: usize,
    /// Warnings (rows the sentence encoder could not read).
    pub warnings: Vec<String>,
}

/// Classifies articles and dumps, writing results as it goes, a chunk of articles in memory at
/// a time; skipped records are reported to `on_skip`, progress (one step per article) to
/// `progress`.
pub fn classify(
    analyzer: &Analyzer,
    cfg: &ClassifyConfig,
    out: &mut dyn Write,
    on_skip: &mut dyn FnMut(&StanceError),
    progress: &dyn Progress,
) -> Result<ClassifySummary> {
    if let Some(f) = (cfg.dump.keep_fields.iter()).find(|f| RESERVED_FIELDS.contains(&f.as_str())) {
        return Err(ParamsError::ReservedField { field: f.clone() }.into());
    }
    let files = expand_inputs(&cfg.inputs, cfg.dump.format)?;
    let only_articles = files.iter().all(|(_, f)| *f == DumpFormat::Text);
    // A known number of steps for plain articles; 0 (a count without a bar) for dumps.
    let steps = if only_articles { files.len() as u64 } else { 0 };
    let summary =
        stage(
            progress,
            "classify",
            steps,
            |step| -> Result<StreamSummary> {
                let mut records =
                    files
                        .iter()
                        .flat_map(|(p, f)| match crate::dump::open(p, *f, &cfg.dump) {
                            Ok(records) => records,
                            Err(e) => Box::new(std::iter::once(Err(e))),
                        });
                let mut writer = RecordWriter::new(cfg.format, out, &cfg.dump.keep_fields)?;
                let summary =
                    classify_records(analyzer, &mut records, &mut writer, cfg.stream, &mut |e| {
                        match e {
                            StreamEvent::Skipped(e) => on_skip(e),
                            StreamEvent::Written => step(),
                        }
                    })?;
                writer.finish()?;
                Ok(summary)
            },
        )?;
    Ok(ClassifySummary {
        articles: summary.articles,
        skipped: summary.skipped,
        warnings: analyzer.take_encoder_warnings(),
    })
}

/// Settings of `stance evaluate --data`.
#[derive(Debug, Clone)]
pub struct EvaluateConfig {
    /// Labelled CSV files.
    pub data: Vec<PathBuf>,
    /// Label column (defaults to the model's).
    pub label: Option<String>,
    /// K for cross-validation of the training recipe instead of scoring the model.
    pub cv: Option<usize>,
    /// Extra actor dictionaries.
    pub actors: Vec<PathBuf>,
    /// CSV options.
    pub csv: CsvOptions,
    /// Write every scored row (out-of-fold under `cv`) with its probabilities to this CSV.
    pub predictions: Option<PathBuf>,
}

/// What `evaluate` found.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The scores.
    pub metrics: Metrics,
    /// Every scored row (for reports).
    pub rows: Vec<ScoredRow>,
    /// Warnings about the data (and rows the sentence encoder could not read).
    pub warnings: Vec<String>,
}

/// Scores `model` on labelled data, or cross-validates its training recipe there (reporting
/// each fold to `progress`).
pub fn evaluate(
    model: &Classifier,
    cfg: &EvaluateConfig,
    progress: &dyn Progress,
) -> Result<Evaluation> {
    let dict = load_dictionary(&cfg.actors)?;
    let label = cfg
        .label
        .clone()
        .unwrap_or_else(|| model.label_column.clone());
    let data = load_labelled(&cfg.data, &label, cfg.csv)?;
    let inputs = if model.features.actor_aware {
        prepare(&data.examples, &dict)
    } else {
        prepare_without_others(&data.examples)
    };
    let (labels, y, predicted) = if let Some(k) = cfg.cv {
        let (labels, y) = encode_labels(&data.examples);
        let groups = encode_groups(&data.examples);
        let options = &model.training.options;
        let p = stage(progress, "cross-val", k as u64, |step| {
            let data = crate::eval::CvData {
                inputs: &inputs,
                y: &y,
                groups: &groups,
                labels: &labels,
                folds: k,
            };
            crate::eval::cross_val_predict(&data, options, |_| step())
        });
        let p: Vec<(usize, Vec<f64>, Option<usize>)> = p?
            .into_iter()
            .map(|o| (o.label, o.probabilities, Some(o.fold)))
            .collect();
        (labels, y, p)
    } else {
        let mut y = Vec::with_capacity(data.examples.len());
        for e in &data.examples {
            match model.labels.iter().position(|l| *l == e.label) {
                Some(i) => y.push(i),
                None => {
                    return Err(StanceError::csv(
                        &e.origin.0,
                        e.origin.1,
                        None,
                        format!(
                            "label {:?} is unknown to the model (it knows {:?})",
                            e.label, model.labels
                        ),
                    ));
                }
            }
        }
        let p = model
            .predict_many(&inputs)
            .into_iter()
            .map(|p| {
                (
                    model.labels.iter().position(|l| *l == p.label).unwrap_or(0),
                    p.probabilities,
                    None,
                )
            })
            .collect();
        (model.labels.clone(), y, p)
    };
    let pred: Vec<usize> = predicted.iter().map(|p| p.0).collect();
    let rows: Vec<ScoredRow> = data
        .examples
        .iter()
        .zip(&y)
        .zip(predicted)
        .map(|((e, &t), (p, probabilities, fold))| ScoredRow {
            text: e.text.clone(),
            actor: e.actor.clone(),
            truth: labels[t].clone(),
            predicted: labels[p].clone(),
            confidence: probabilities[p],
            probabilities,
            origin: (e.origin.0.display().to_string(), e.origin.1),
            fold,
        })
        .collect();
    if let Some(path) = &cfg.predictions {
        write_predictions(path, &labels, &rows)?;
    }
    let mut warnings = data.warnings;
    warnings.extend(model.features.take_encoder_warnings());
    warnings.extend(model.training.options.features.take_encoder_warnings());
    Ok(Evaluation {
        metrics: Metrics::compute(&labels, &y, &pred),
        rows,
        warnings,
    })
}

/// Writes one CSV row per scored row: `file,line,text,actor,truth,predicted,confidence`, then
/// one probability column per label (`p:LABEL`), then — for cross-validated rows — the `fold`
/// (0-based) each was held out in. Written atomically.
pub fn write_predictions(path: &Path, labels: &[String], rows: &[ScoredRow]) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| StanceError::Data(format!("{}: {e}", path.display()));
    let mut header: Vec<String> = ["file", "line", "text", "actor", "truth", "predicted"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.push("confidence".into());
    header.extend(labels.iter().map(|l| format!("p:{l}")));
    let folds = rows.iter().any(|r| r.fold.is_some());
    if folds {
        header.push("fold".into());
    }
    w.write_record(&header).map_err(csv_err)?;
    for r in rows {
        let mut rec = vec![
            r.origin.0.clone(),
            r.origin.1.to_string(),
            r.text.clone(),
            r.actor.clone(),
            r.truth.clone(),
            r.predicted.clone(),
            format!("{:.6}", r.confidence),
        ];
        rec.extend(r.probabilities.iter().map(|p| format!("{p:.6}")));
        if folds {
            rec.push(r.fold.map_or(String::new(), |f| f.to_string()));
        }
        w.write_record(&rec).map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| StanceError::Data(format!("{}: {e}", path.display())))?;
    crate::io::write_atomic(path, &bytes)
}

/// An article evaluation: pair scores, a 95% interval resampling articles, and the errors by
/// cause.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEvaluation {
    /// Pair precision, recall, F1, and the missed and spurious pairs.
    #[serde(flatten)]
    pub scores: crate::eval::PairScores,
    /// 95% interval of pair-F1, resampling articles (1,000 rounds, seed 42).
    pub f1_interval: (f64, f64),
    /// Every error by cause (actors from `DIR/actors.csv` when it exists).
    pub errors: ErrorTable,
}

/// Reads `DIR/actors.csv` (`article,actor,aliases`) when there is one.
fn read_article_actors(
    dir: &Path,
    canon: impl Fn(&str) -> String,
) -> Result<Option<ArticleActors>> {
    let path = dir.join("actors.csv");
    if !path.exists() {
        return Ok(None);
    }
    let rows = crate::io::read_csv_file(
        &path,
        &["article", "actor", "aliases"],
        CsvOptions::default(),
    )?;
    let triples: Vec<(String, String, String)> = rows
        .select(["article", "actor", "aliases"])
        .into_iter()
        .map(|[article, actor, aliases]| (article, actor, aliases))
        .collect();
    Ok(Some(ArticleActors::from_rows(&triples, canon)))
}

/// Reads `DIR/gold.csv` (`article,actor,stance`) and scores classify on each `DIR/ARTICLE.txt`.
/// Also returns each article's result, for reports.
pub fn evaluate_articles(
    analyzer: &Analyzer,
    dir: &Path,
) -> Result<(ArticleEvaluation, Vec<ArticleResult>)> {
    let gold_path = dir.join("gold.csv");
    let rows = crate::io::read_csv_file(
        &gold_path,
        &["article", "actor", "stance"],
        CsvOptions::default(),
    )?;
    let canon = |name: &str| {
        analyzer
            .dictionary
            .resolve(name)
            .map_or(name.to_string(), |a| a.canonical.clone())
    };
    let mut gold = BTreeSet::new();
    let mut articles = BTreeSet::new();
    for [article, actor, stance] in rows.select(["article", "actor", "stance"]) {
        gold.insert((article.clone(), canon(&actor), stance));
        articles.insert(article);
    }
    let actors = read_article_actors(dir, canon)?;
    let mut predicted = BTreeSet::new();
    let mut results = Vec::new();
    for a in &articles {
        let path = dir.join(format!("{a}.txt"));
        let text = read_article(&path)?;
        let result: ArticleResult = analyzer.analyze(a, &text);
        for (actor, stance) in result.stance_pairs() {
            let name = canon(&actor);
            let name = actors
                .as_ref()
                .and_then(|list| list.listed_name(a, &name))
                .map_or(name.clone(), str::to_string);
            predicted.insert((a.clone(), name, stance));
        }
        results.push(result);
    }
    let errors = error_table(&gold, &predicted, &results, actors.as_ref(), canon);
    let evaluation = ArticleEvaluation {
        f1_interval: pair_f1_interval(&gold, &predicted, 1000, 42),
        scores: pair_scores(&gold, &predicted),
        errors,
    };
    Ok((evaluation, results))
}

/// Explains the label of one (sentence, actor), with other actors found by the dictionary;
/// also returns warnings (an actor absent from the text).
pub fn explain(
    model: &Classifier,
    dict: &Dictionary,
    text: &str,
    actor: &str,
    top: usize,
) -> Result<(crate::classifier::Explanation, Vec<String>)> {
    if text.trim().is_empty() {
        return Err(ParamsError::EmptyText.into());
    }
    let others: Vec<_> = crate::actors::ActorTracker::new(dict)
        .find(text)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let input = ActorSentence::locate(text, actor, &others);
    let mut warnings = Vec::new();
    if input.actor.is_empty() {
        warnings.push(format!(
            "{actor:?} does not occur in the text; explaining it as an absent actor"
        ));
    }
    let explanation = model.explain(&input, top);
    warnings.extend(model.features.take_encoder_warnings());
    Ok((explanation, warnings))
}

/// What `stance inspect` shows.
#[derive(Debug, Clone, Serialize)]
pub struct ModelReport {
    /// Label column.
    pub label_column: String,
    /// Labels.
    pub labels: Vec<String>,
    /// Vocabulary size.
    pub features: usize,
    /// Training provenance, options and scores.
    pub training: crate::classifier::TrainingInfo,
    /// Top features per label: (feature, weight).
    pub top_features: BTreeMap<String, Vec<(String, f64)>>,
}

impl ModelReport {
    /// Human-readable report.
    pub fn to_text(&self) -> String {
        let t = &self.training;
        let mut s = format!(
            "label column {}   labels {}\nfeatures {}   training rows {}   data sha256 {}\n",
            self.label_column,
            self.labels.join(", "),
            self.features,
            t.rows,
            t.data_sha256
        );
        // The lexicon's words would fill pages: shown by their number.
        let mut options = serde_json::to_value(&t.options).unwrap_or_default();
        let families = options.pointer_mut("/features/families");
        for family in families
            .and_then(|f| f.as_array_mut())
            .into_iter()
            .flatten()
        {
            if let Some(lex) = family.get_mut("entries") {
                let n = lex.as_array().map_or(0, Vec::len);
                *lex = serde_json::Value::String(format!("{n} words"));
            }
        }
        s += &format!("options {options}\n");
        for h in &t.held_out {
            s += &format!(
                "{}: accuracy {:.3}, macro-F1 {:.3} ({} rows)\n",
                h.method, h.accuracy, h.macro_f1, h.rows
            );
        }
        for (i, trial) in t.tuning.iter().take(5).enumerate() {
            s += &format!(
                "tuning #{}: macro-F1 {:.3} {}\n",
                i + 1,
                trial.macro_f1,
                serde_json::to_string(&trial.options).unwrap_or_default()
            );
        }
        for (label, feats) in &self.top_features {
            s += &format!("\ntop features for {label}:\n");
            for (f, w) in feats {
                s += &format!("  {w:+8.3}  {f}\n");
            }
        }
        s
    }
}

/// Summarises a model.
pub fn inspect(model: &Classifier, top: usize) -> ModelReport {
    let k = model.labels.len();
    let d = model.vocabulary.len();
    let w = &model.logistic.weights;
    let top_features = model
        .labels
        .iter()
        .enumerate()
        .map(|(c, label)| {
            let mut idx: Vec<usize> = (0..d).collect();
            idx.sort_by(|&a, &b| w[b * k + c].total_cmp(&w[a * k + c]).then(a.cmp(&b)));
            let feats = idx
                .iter()
                .take(top)
                .map(|&j| (model.vocabulary.features[j].clone(), w[j * k + c]))
                .collect();
            (label.clone(), feats)
        })
        .collect();
    ModelReport {
        label_column: model.label_column.clone(),
        labels: model.labels.clone(),
        features: d,
        training: model.training.clone(),
        top_features,
    }
}
