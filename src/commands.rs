//! The three jobs — train, classify, evaluate — as library calls; `main.rs` only parses
//! arguments into these configs.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::actors::Dictionary;
use crate::article::{Analyzer, ArticleResult};
use crate::classifier::{
    Classifier, HeldOutScore, TrainOptions, data_hash, encode_groups, encode_labels, prepare,
    prepare_without_others,
};
use crate::dump::{DumpFormat, DumpOptions};
use crate::error::{Result, StanceError};
use crate::eval::errors::{ArticleActors, ErrorTable, error_table, pair_f1_interval};
use crate::eval::tuning::{self, DataKind, TuneData};
use crate::eval::{Metrics, cross_validate, pair_scores};
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

/// Loads a model from a path, or the embedded default.
pub fn load_model(path: Option<&Path>) -> Result<Classifier> {
    match path {
        Some(p) => Classifier::load(p),
        None => crate::default_stance_model(),
    }
}

/// Settings of `stance train`.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Labelled CSV files.
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    pub out: PathBuf,
    /// Column to learn.
    pub label: String,
    /// Training options.
    pub options: TrainOptions,
    /// Search options by cross-validation first ([`tuning::search`]).
    pub tune: bool,
    /// Time budget of the search: candidates it leaves no time for are skipped, with a warning.
    pub tune_budget: std::time::Duration,
    /// Also record K-fold cross-validated scores in the model.
    pub cv: Option<usize>,
    /// Fraction held out for the validation score (0 to skip).
    pub validation: f64,
    /// Extra actor dictionaries.
    pub actors: Vec<PathBuf>,
    /// CSV options.
    pub csv: CsvOptions,
}

/// What `stance train` reports.
#[derive(Debug, Clone, Serialize)]
pub struct TrainSummary {
    /// Rows used.
    pub rows: usize,
    /// Rows per label.
    pub label_counts: BTreeMap<String, usize>,
    /// Features in the vocabulary.
    pub vocabulary: usize,
    /// Seconds taken.
    pub seconds: f64,
    /// Held-out scores.
    pub held_out: Vec<HeldOutScore>,
    /// Options used.
    pub options: TrainOptions,
    /// What `--tune` did, when asked.
    pub tuning: Option<TuneReport>,
    /// Warnings: about the data, and splits made smaller or skipped for scarce labels.
    pub warnings: Vec<String>,
}

/// What `--tune` did.
#[derive(Debug, Clone, Serialize)]
pub struct TuneReport {
    /// Candidates scored.
    pub candidates: usize,
    /// Candidates skipped for want of time.
    pub skipped: usize,
    /// Cross-validation folds.
    pub folds: usize,
    /// Seconds spent.
    pub seconds: f64,
    /// Cross-validated macro-F1 of the chosen options.
    pub macro_f1: f64,
    /// Whether the actors were read as topics absent from the text.
    pub topic_actors: bool,
}

impl TrainSummary {
    /// Human-readable summary.
    pub fn to_text(&self, out: &Path) -> String {
        let mut s = format!("wrote {}\nrows {}   labels:", out.display(), self.rows);
        for (l, c) in &self.label_counts {
            s += &format!(" {l} {c}");
        }
        s += &format!(
            "\nvocabulary {} features   time {:.1} s\n",
            self.vocabulary, self.seconds
        );
        for h in &self.held_out {
            s += &format!(
                "held-out ({}, {} rows): accuracy {:.3}, macro-F1 {:.3}\n",
                h.method, h.rows, h.accuracy, h.macro_f1
            );
        }
        let f = &self.options.features;
        s += &format!(
            "options: word n-grams {}-{}, char n-grams {}, window {}, min count {}, {:?}{}, l2 {}, nb prior {}, balanced {}, seed {}\n",
            f.word_ngrams.0,
            f.word_ngrams.1,
            f.char_ngrams
                .map_or("off".into(), |(a, b)| format!("{a}-{b}")),
            f.window,
            f.min_count,
            f.weighting,
            if f.sublinear_tf { " sublinear" } else { "" },
            self.options.l2,
            self.options.nb_prior,
            self.options.balanced,
            self.options.seed
        );
        let flags = switches(f);
        if !flags.is_empty() {
            s += &format!("        {}\n", flags.join(" "));
        }
        if let Some(t) = &self.tuning {
            s += &format!(
                "tuning: {} candidates by grouped {}-fold CV in {:.0} s{}{}, chosen CV macro-F1 {:.3}\n",
                t.candidates,
                t.folds,
                t.seconds,
                if t.skipped > 0 {
                    format!(", {} skipped (budget)", t.skipped)
                } else {
                    String::new()
                },
                if t.topic_actors {
                    ", actors read as topics absent from the text"
                } else {
                    ""
                },
                t.macro_f1
            );
        }
        s
    }
}

/// The feature switches that differ from no switch at all, as `train` flags.
fn switches(f: &crate::features::FeatureOptions) -> Vec<String> {
    let mut out: Vec<String> = [
        (f.target_cross, "--target-cross"),
        (f.cross_all, "--cross-all"),
        (f.target_overlap, "--target-overlap"),
        (f.char_across, "--char-across"),
        (f.block_norm, "--block-norm"),
        (f.negation, "--negation"),
        (f.speech, "--speech"),
        (f.actor_identity, "--actor-identity"),
        (f.proposal, "--proposal"),
        (!f.actor_aware, "--no-actor-features"),
        (!f.role_bigrams, "--no-role-bigrams"),
        (!f.coordination, "--no-coordination"),
        (!f.stems, "--no-stems"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, flag)| flag.to_string())
    .collect();
    if !f.lexicon.is_empty() {
        out.push(format!("--lexicon ({} words)", f.lexicon.len()));
    }
    out
}

/// Trains and saves a model; the model file appears only when everything succeeded. Tuning
/// and cross-validation report their progress to `progress`.
pub fn train(cfg: &TrainConfig, progress: &dyn Progress) -> Result<TrainSummary> {
    let start = Instant::now();
    cfg.options.features.validate()?;
    if !(0.0..0.9).contains(&cfg.validation) {
        return Err(StanceError::Params(format!(
            "validation fraction {} must be in [0, 0.9)",
            cfg.validation
        )));
    }
    let dict = load_dictionary(&cfg.actors)?;
    let data = load_labelled(&cfg.data, &cfg.label, cfg.csv)?;
    let (labels, y) = encode_labels(&data.examples);
    if labels.len() < 2 {
        return Err(StanceError::Data(format!(
            "{}: every row has the label {:?}: nothing to learn (need at least 2 labels)",
            cfg.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            labels.first().cloned().unwrap_or_default()
        )));
    }
    let inputs = if cfg.options.features.actor_aware || cfg.tune {
        prepare(&data.examples, &dict)
    } else {
        prepare_without_others(&data.examples)
    };
    let groups = encode_groups(&data.examples);
    let mut options = cfg.options.clone();
    let mut tuning = Vec::new();
    let mut warnings = data.warnings;
    let tune_folds = cfg.tune.then(|| {
        scarce_folds(
            &y,
            &groups,
            tuning::FOLDS,
            "tuning cross-validation",
            &mut warnings,
        )
    });
    let mut tuned = None;
    if let Some(folds) = tune_folds.flatten() {
        let data = TuneData {
            inputs: &inputs,
            y: &y,
            groups: &groups,
            labels: &labels,
            folds,
        };
        let kind = DataKind::detect(&inputs, &cfg.label, &labels);
        let outcome = tuning::search(&data, &options, kind, cfg.tune_budget, progress)?;
        warnings.extend(outcome.warnings.iter().cloned());
        options = outcome.trials[0].options.clone();
        tuned = Some(TuneReport {
            candidates: outcome.trials.len(),
            skipped: outcome.skipped,
            folds,
            seconds: outcome.seconds,
            macro_f1: outcome.trials[0].macro_f1,
            topic_actors: kind.topic_actors,
        });
        tuning = outcome.trials;
    }
    let mut held_out = Vec::new();
    // Hold out whole articles: one fold of a grouped split of about the asked size, or of
    // fewer folds when a label is too rare for that many.
    let wanted = (cfg.validation > 0.0).then(|| ((1.0 / cfg.validation).round() as usize).max(2));
    if let Some(k) =
        wanted.and_then(|w| scarce_folds(&y, &groups, w, "validation split", &mut warnings))
    {
        let folds = crate::eval::stratified_group_folds(&y, &groups, k, options.seed)?;
        let (va, tr): (Vec<usize>, Vec<usize>) = (0..y.len()).partition(|&i| folds[i] == 0);
        let pick = |idx: &[usize]| -> (Vec<ActorSentence>, Vec<usize>) {
            (
                idx.iter().map(|&i| inputs[i].clone()).collect(),
                idx.iter().map(|&i| y[i]).collect(),
            )
        };
        let (tr_in, tr_y) = pick(&tr);
        let (va_in, va_y) = pick(&va);
        let m = Classifier::fit(&tr_in, &tr_y, &labels, &cfg.label, &options)?;
        let pred: Vec<usize> = m
            .predict_many(&va_in)
            .iter()
            .map(|p| labels.iter().position(|l| *l == p.label).unwrap_or(0))
            .collect();
        let metrics = Metrics::compute(&labels, &va_y, &pred);
        held_out.push(HeldOutScore {
            method: format!("validation split of whole articles, 1/{k} of the rows"),
            rows: va.len(),
            accuracy: metrics.accuracy,
            macro_f1: metrics.macro_f1,
        });
    }
    if let Some(k) = cfg.cv {
        let m = stage(progress, "cross-val", k as u64, |step| {
            cross_validate(&inputs, &y, &groups, &labels, &options, k, |_| step())
        })?;
        held_out.push(HeldOutScore {
            method: format!("stratified {k}-fold cross-validation, grouped by article"),
            rows: m.n,
            accuracy: m.accuracy,
            macro_f1: m.macro_f1,
        });
    }
    let mut model = Classifier::fit(&inputs, &y, &labels, &cfg.label, &options)?;
    model.training.data_sha256 = data_hash(&data.examples);
    model.training.held_out = held_out.clone();
    model.training.tuning = tuning;
    model.save(&cfg.out)?;
    warnings.extend(crate::embed::take_warnings());
    Ok(TrainSummary {
        rows: y.len(),
        label_counts: model.training.label_counts.clone(),
        vocabulary: model.vocabulary.len(),
        seconds: start.elapsed().as_secs_f64(),
        held_out,
        options,
        tuning: tuned,
        warnings,
    })
}

/// How many folds the data allows for a grouped stratified split, up to `wanted`: no more than
/// the rarest label has rows, nor than there are groups. Fewer than asked: a warning; fewer
/// than 2: `None` (no split) and a warning.
fn scarce_folds(
    y: &[usize],
    groups: &[usize],
    wanted: usize,
    what: &str,
    warnings: &mut Vec<String>,
) -> Option<usize> {
    let mut per_label: BTreeMap<usize, usize> = BTreeMap::new();
    y.iter()
        .for_each(|&c| *per_label.entry(c).or_default() += 1);
    let rarest = per_label.values().copied().min().unwrap_or(0);
    let ngroups = groups.iter().collect::<BTreeSet<_>>().len();
    let k = wanted.min(rarest).min(ngroups);
    let why = if rarest <= ngroups {
        format!("the rarest label has only {rarest} row(s)")
    } else {
        format!("the rows come from only {ngroups} article(s)")
    };
    if k < 2 {
        warnings.push(format!("no {what}: {why}, too few for 2 folds"));
        None
    } else {
        if k < wanted {
            warnings.push(format!("{what} with {k} folds instead of {wanted}: {why}"));
        }
        Some(k)
    }
}

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
        return Err(StanceError::Params(format!(
            "--keep-fields {f:?}: the output already has a field of that name"
        )));
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
        warnings: crate::embed::take_warnings(),
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
            crate::eval::cross_val_predict(&inputs, &y, &groups, &labels, options, k, |_| step())
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
    warnings.extend(crate::embed::take_warnings());
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
    let col = |n: &str| rows.columns.iter().position(|c| c == n).unwrap_or(0);
    let (ai, ci, li) = (col("article"), col("actor"), col("aliases"));
    let triples: Vec<(String, String, String)> = rows
        .records
        .iter()
        .map(|(_, r)| (r[ai].clone(), r[ci].clone(), r[li].clone()))
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
    let col = |n: &str| rows.columns.iter().position(|c| c == n).unwrap_or(0);
    let (ai, ci, si) = (col("article"), col("actor"), col("stance"));
    let canon = |name: &str| {
        analyzer
            .dictionary
            .resolve(name)
            .map_or(name.to_string(), |a| a.canonical.clone())
    };
    let mut gold = BTreeSet::new();
    let mut articles = BTreeSet::new();
    for (_, r) in &rows.records {
        gold.insert((r[ai].clone(), canon(&r[ci]), r[si].clone()));
        articles.insert(r[ai].clone());
    }
    let actors = read_article_actors(dir, canon)?;
    let mut predicted = BTreeSet::new();
    let mut results = Vec::new();
    for a in &articles {
        let path = dir.join(format!("{a}.txt"));
        let text = read_article(&path)?;
        let result: ArticleResult = analyzer.analyze(a, &text);
        for (actor, stance) in result.stance_pairs() {
            predicted.insert((a.clone(), canon(&actor), stance));
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
        return Err(StanceError::Params("the text to explain is empty".into()));
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
    warnings.extend(crate::embed::take_warnings());
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
        if let Some(lex) = options.pointer_mut("/features/lexicon") {
            let n = lex.as_array().map_or(0, Vec::len);
            *lex = serde_json::Value::String(format!("{n} words"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scarce_labels_or_groups_mean_fewer_folds_or_none() {
        let mut w = Vec::new();
        let y = [0, 0, 0, 1, 1, 1, 1];
        let groups: Vec<usize> = (0..7).collect();
        assert_eq!(scarce_folds(&y, &groups, 2, "split", &mut w), Some(2));
        assert!(w.is_empty());
        assert_eq!(scarce_folds(&y, &groups, 10, "split", &mut w), Some(3));
        assert_eq!(
            w,
            ["split with 3 folds instead of 10: the rarest label has only 3 row(s)"]
        );
        w.clear();
        assert_eq!(
            scarce_folds(&y, &[0, 0, 0, 0, 1, 1, 1], 5, "split", &mut w),
            Some(2)
        );
        assert!(w[0].contains("only 2 article(s)"), "{w:?}");
        w.clear();
        assert_eq!(
            scarce_folds(&[0, 1, 1], &[0, 1, 2], 5, "split", &mut w),
            None
        );
        assert!(
            w[0].starts_with("no split: the rarest label has only 1 row(s)"),
            "{w:?}"
        );
    }
}
