//! `stance train`: load labelled CSV, optionally search options by grouped cross-validation
//! (`--tune`), hold out a validation split and cross-validate, then fit and save the model.

use super::load_dictionary;
use crate::classifier::{
    Classifier, HeldOutScore, TrainOptions, TrainParams, data_hash, encode_groups, encode_labels,
    prepare, prepare_without_others,
};
use crate::error::{ParamsError, Result, StanceError};
use crate::eval::tuning::{self, DataKind};
use crate::eval::{CvData, Metrics, cross_validate};
use crate::features::{ActorSentence, Family, FeatureOptions};
use crate::io::{CsvOptions, load_labelled};
use crate::progress::{Progress, stage};
use linfa::ParamGuard;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

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
            f.word_ngrams().map_or(0, |w| w.min),
            f.word_ngrams().map_or(0, |w| w.max),
            f.char_ngrams()
                .map_or("off".into(), |c| format!("{}-{}", c.min, c.max)),
            f.window(),
            f.min_count,
            f.weighting,
            if f.sublinear_tf { " sublinear" } else { "" },
            self.options.l2,
            self.options.nb_prior,
            self.options.balanced,
            self.options.seed
        );
        let switches = switches(f);
        if !switches.is_empty() {
            s += &format!("        also: {}\n", switches.join(", "));
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

/// The feature switches that differ from no switch at all, in plain words (the CLI's flags are
/// named after them).
fn switches(f: &FeatureOptions) -> Vec<String> {
    let mut out: Vec<String> = [
        (f.target_cross().is_some(), "target crossing"),
        (f.cross_all(), "every feature crossed with the topic"),
        (f.has(&Family::TopicOverlap), "topic overlap"),
        (
            f.char_ngrams().is_some_and(|c| c.across),
            "character n-grams across words",
        ),
        (f.block_norm(), "block normalisation"),
        (f.has(&Family::Negation), "negation"),
        (f.has(&Family::Speech), "reported speech"),
        (f.has(&Family::Identity), "actor identity"),
        (f.has(&Family::Proposal), "proposal presence"),
        (!f.actor_aware, "no actor placeholders"),
        (!f.has(&Family::RoleBigrams), "no role bigrams"),
        (!f.has(&Family::Coordination), "no coordination"),
        (!f.has(&Family::ListHeads), "no list heads"),
        (!f.has(&Family::BritishSpelling), "no British spelling"),
        (!f.has(&Family::Contractions), "no contractions written out"),
        (
            !f.has(&Family::OpeningConnectives),
            "opening connectives read",
        ),
        (!f.has(&Family::SpeakerQuotes), "no speaker quotes"),
        (!f.has(&Family::Stems), "no stems"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| name.to_string())
    .collect();
    if let Some(lexicon) = f.lexicon() {
        out.push(format!("lexicon ({} words)", lexicon.len()));
    }
    out
}

impl ParamGuard for TrainConfig {
    type Checked = TrainConfig;
    type Error = StanceError;

    /// Refuses settings that make no sense, before any data is read: the training options'
    /// rules ([`TrainParams`]), a validation fraction in [0, 0.9), at least 2 folds.
    fn check_ref(&self) -> Result<&TrainConfig> {
        TrainParams::check_options(&self.options)?;
        if !(0.0..0.9).contains(&self.validation) {
            let value = self.validation;
            return Err(ParamsError::ValidationFraction { value }.into());
        }
        if let Some(folds) = self.cv.filter(|&k| k < 2) {
            return Err(ParamsError::Folds { folds }.into());
        }
        Ok(self)
    }

    fn check(self) -> Result<TrainConfig> {
        self.check_ref()?;
        Ok(self)
    }
}

/// The error for training data whose rows all have one label.
fn too_few_labels(cfg: &TrainConfig, labels: &[String]) -> StanceError {
    StanceError::Data(format!(
        "{}: every row has the label {:?}: nothing to learn (need at least 2 labels)",
        cfg.data
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        labels.first().cloned().unwrap_or_default()
    ))
}

/// Trains and saves a model; the model file appears only when everything succeeded. Tuning
/// and cross-validation report their progress to `progress`.
pub fn train(cfg: &TrainConfig, progress: &dyn Progress) -> Result<TrainSummary> {
    let start = Instant::now();
    cfg.check_ref()?;
    let dict = load_dictionary(&cfg.actors)?;
    let data = load_labelled(&cfg.data, &cfg.label, cfg.csv)?;
    let (labels, y) = encode_labels(&data.examples);
    if labels.len() < 2 {
        return Err(too_few_labels(cfg, &labels));
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
        let data = CvData {
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
        let split = ValidationSplit {
            inputs: &inputs,
            y: &y,
            groups: &groups,
            labels: &labels,
        };
        held_out.push(split.score(k, &cfg.label, &options)?);
    }
    if let Some(k) = cfg.cv {
        let m = stage(progress, "cross-val", k as u64, |step| {
            let data = CvData {
                inputs: &inputs,
                y: &y,
                groups: &groups,
                labels: &labels,
                folds: k,
            };
            cross_validate(&data, &options, |_| step())
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
    warnings.extend(options.features.take_encoder_warnings());
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

/// Labelled inputs to hold a validation split out of.
struct ValidationSplit<'a, 'b> {
    inputs: &'a [ActorSentence<'b>],
    y: &'a [usize],
    groups: &'a [usize],
    labels: &'a [String],
}

impl ValidationSplit<'_, '_> {
    /// Trains on all but one fold of a grouped `k`-fold split (whole articles held out) and
    /// scores the held-out fold.
    fn score(&self, k: usize, label: &str, options: &TrainOptions) -> Result<HeldOutScore> {
        let folds = crate::eval::stratified_group_folds(self.y, self.groups, k, options.seed)?;
        let (va, tr): (Vec<usize>, Vec<usize>) = (0..self.y.len()).partition(|&i| folds[i] == 0);
        let pick = |idx: &[usize]| -> (Vec<ActorSentence>, Vec<usize>) {
            (
                idx.iter().map(|&i| self.inputs[i].clone()).collect(),
                idx.iter().map(|&i| self.y[i]).collect(),
            )
        };
        let (tr_in, tr_y) = pick(&tr);
        let (va_in, va_y) = pick(&va);
        let m = Classifier::fit(&tr_in, &tr_y, self.labels, label, options)?;
        let pred: Vec<usize> = m
            .predict_many(&va_in)
            .iter()
            .map(|p| self.labels.iter().position(|l| *l == p.label).unwrap_or(0))
            .collect();
        let metrics = Metrics::compute(self.labels, &va_y, &pred);
        Ok(HeldOutScore {
            method: format!("validation split of whole articles, 1/{k} of the rows"),
            rows: va.len(),
            accuracy: metrics.accuracy,
            macro_f1: metrics.macro_f1,
        })
    }
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

    #[test]
    fn the_config_is_checked_before_any_data_is_read() {
        let cfg = |validation, cv| TrainConfig {
            data: vec!["does-not-exist.csv".into()],
            out: "never-written.json".into(),
            label: "stance".into(),
            options: TrainOptions::default(),
            tune: false,
            tune_budget: std::time::Duration::ZERO,
            cv,
            validation,
            actors: Vec::new(),
            csv: CsvOptions::default(),
        };
        let broken = crate::params::broken_rule::<TrainConfig>;
        assert!(cfg(0.1, Some(5)).check_ref().is_ok());
        let e = broken(cfg(0.9, None));
        assert_eq!(e, ParamsError::ValidationFraction { value: 0.9 });
        assert_eq!(
            broken(cfg(-0.1, None)),
            ParamsError::ValidationFraction { value: -0.1 }
        );
        assert_eq!(broken(cfg(0.1, Some(1))), ParamsError::Folds { folds: 1 });
        let mut bad = cfg(0.1, None);
        bad.options.l2 = f64::INFINITY;
        assert!(matches!(broken(bad), ParamsError::L2 { .. }));
        // `train` refuses it before reading the (missing) data.
        let e = train(&cfg(0.95, None), &crate::progress::Silent).unwrap_err();
        assert!(matches!(e, StanceError::Params(_)), "{e}");
    }
}
