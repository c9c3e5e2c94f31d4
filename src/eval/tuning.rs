//! `train --tune`: a staged search over the option families the accuracy benchmark
//! (`benches/accuracy`) found useful, each candidate scored by grouped stratified K-fold
//! cross-validation on the training data alone, within a time budget.
//!
//! Stages, each starting from the best candidate so far (ties go to the earlier, simpler one):
//! 1. recipes: the options as given, then character n-grams — for topic actors (absent from
//!    the text, like a tweet's target) with the topic crossed with the words and with every
//!    feature; otherwise within words, then across words, with block normalisation, then with
//!    negation and reported speech, then (sentiment labels) the shipped VADER lexicon;
//! 2. additions: single options added to the best (block normalisation, character n-grams
//!    across words, topic overlap, negation, the lexicon, a window of 3), then all that helped
//!    together;
//! 3. the naive-Bayes prior at 0, 0.5 and 1;
//! 4. L2 ×⅓ and ×3, then ×1/√3 and ×√3 around the best.
//!
//! Candidates the budget leaves no time for are skipped, with a warning.

use std::time::{Duration, Instant};

use super::{CvData, cross_validate};
use crate::classifier::{TrainOptions, TuningTrial};
use crate::error::Result;
use crate::features::{
    ActorSentence, CharNgramParams, Family, Lexicon, LexiconParams, TargetCrossParams,
    WindowParams, WordNgramParams,
};
use crate::progress::{Progress, stage};

/// Default time budget of `--tune`, in seconds.
pub const DEFAULT_BUDGET_SECS: u64 = 600;

/// Folds of the grouped stratified cross-validation that scores each candidate.
pub const FOLDS: usize = 5;

/// The shipped sentiment lexicon (VADER, `models/lexicons/vader.tsv`), tried for sentiment
/// labels.
pub fn shipped_lexicon() -> Result<Lexicon> {
    Lexicon::parse(
        include_str!("../../models/lexicons/vader.tsv"),
        "<embedded models/lexicons/vader.tsv>",
    )
}

/// What the data are like, which decides the recipes tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataKind {
    /// Most rows' actor is not found in the text: a topic (a tweet's target), not a name.
    pub topic_actors: bool,
    /// The labels are sentiment (positive / negative …): the lexicon is worth a try.
    pub sentiment: bool,
}

impl DataKind {
    /// Detects the kind from the located rows, the label column and the labels.
    ///
    /// ```
    /// use stance::features::ActorSentence;
    /// use stance::eval::tuning::DataKind;
    /// let rows = [ActorSentence::locate("Taxes are theft.", "libertarianism", &[])];
    /// let kind = DataKind::detect(&rows, "stance", &["favor".into(), "against".into()]);
    /// assert!(kind.topic_actors && !kind.sentiment);
    /// ```
    pub fn detect(inputs: &[ActorSentence], label_column: &str, labels: &[String]) -> DataKind {
        let absent = inputs.iter().filter(|s| s.actor.is_empty()).count();
        let has = |l: &str| labels.iter().any(|x| x.eq_ignore_ascii_case(l));
        DataKind {
            topic_actors: absent * 2 > inputs.len(),
            sentiment: label_column.eq_ignore_ascii_case("sentiment")
                || (has("positive") && has("negative")),
        }
    }
}

/// The result of a search.
#[derive(Debug, Clone)]
pub struct TuneOutcome {
    /// Every candidate scored, best first (ties: the earlier one first).
    pub trials: Vec<TuningTrial>,
    /// Candidates skipped for want of time.
    pub skipped: usize,
    /// Seconds spent.
    pub seconds: f64,
    /// A warning when the budget cut the search short.
    pub warnings: Vec<String>,
}

/// Runs the staged search from `base` (the options as given) within `budget`, one progress
/// stage per search stage. The first candidate always runs.
pub fn search(
    data: &CvData,
    base: &TrainOptions,
    kind: DataKind,
    budget: Duration,
    progress: &dyn Progress,
) -> Result<TuneOutcome> {
    let mut s = Search {
        data,
        budget,
        start: Instant::now(),
        longest: Duration::ZERO,
        trials: Vec::new(),
        skipped: 0,
    };
    s.stage(progress, "tuning 1/4", recipes(base, kind)?)?;
    let start = s.best().clone();
    let adds = additions(&start, kind)?;
    s.stage(progress, "tuning 2/4", adds.clone())?;
    let helped: Vec<&TrainOptions> = adds.iter().filter(|o| s.beats(o, &start)).collect();
    if helped.len() >= 2 {
        let mut all = start.clone();
        helped
            .iter()
            .for_each(|o| merge_features(&mut all, o, &start));
        s.stage(progress, "tuning 2/4", vec![all])?;
    }
    let priors = [0.0, 0.5, 1.0].map(|nb| TrainOptions {
        nb_prior: nb,
        ..s.best().clone()
    });
    s.stage(progress, "tuning 3/4", priors.to_vec())?;
    for factor in [3.0, 3f64.sqrt()] {
        let best = s.best().clone();
        let around = [1.0 / factor, factor].map(|f| TrainOptions {
            l2: round_sig(best.l2 * f),
            ..best.clone()
        });
        s.stage(progress, "tuning 4/4", around.to_vec())?;
    }
    let seconds = s.start.elapsed().as_secs_f64();
    let warnings = (s.skipped > 0)
        .then(|| {
            format!(
                "tuning budget of {} s reached: {} of {} candidates skipped, so the options are \
                 the best of those tried and depend on this machine's speed (a larger \
                 --tune-budget searches them all)",
                budget.as_secs(),
                s.skipped,
                s.skipped + s.trials.len()
            )
        })
        .into_iter()
        .collect();
    let mut trials = s.trials;
    // Stable: on ties the earlier (simpler) candidate stays first.
    trials.sort_by(|a, b| b.macro_f1.total_cmp(&a.macro_f1));
    Ok(TuneOutcome {
        trials,
        skipped: s.skipped,
        seconds,
        warnings,
    })
}

struct Search<'s, 'd, 'a> {
    data: &'s CvData<'d, 'a>,
    budget: Duration,
    start: Instant,
    longest: Duration,
    trials: Vec<TuningTrial>,
    skipped: usize,
}

impl Search<'_, '_, '_> {
    /// Scores the candidates not tried yet, as long as the budget allows.
    fn stage(
        &mut self,
        progress: &dyn Progress,
        name: &str,
        candidates: Vec<TrainOptions>,
    ) -> Result<()> {
        let mut fresh: Vec<TrainOptions> = Vec::new();
        for c in candidates {
            if !fresh.contains(&c) && !self.trials.iter().any(|t| t.options == c) {
                fresh.push(c);
            }
        }
        stage(progress, name, fresh.len() as u64, |step| {
            for options in fresh {
                // Time for one more as long as the slowest so far fits in what is left.
                if !self.trials.is_empty() && self.start.elapsed() + self.longest > self.budget {
                    self.skipped += 1;
                } else {
                    let t0 = Instant::now();
                    let d = self.data;
                    let m = cross_validate(d, &options, |_| {})?;
                    self.longest = self.longest.max(t0.elapsed());
                    self.trials.push(TuningTrial {
                        options,
                        macro_f1: m.macro_f1,
                    });
                }
                step();
            }
            Ok(())
        })
    }

    /// The best candidate so far; on ties the earliest.
    fn best(&self) -> &TrainOptions {
        let mut best = &self.trials[0];
        for t in &self.trials[1..] {
            if t.macro_f1 > best.macro_f1 {
                best = t;
            }
        }
        &best.options
    }

    fn score(&self, o: &TrainOptions) -> Option<f64> {
        self.trials
            .iter()
            .find(|t| t.options == *o)
            .map(|t| t.macro_f1)
    }

    /// Whether `a` was scored and scored higher than `b`.
    fn beats(&self, a: &TrainOptions, b: &TrainOptions) -> bool {
        match (self.score(a), self.score(b)) {
            (Some(x), Some(y)) => x > y,
            _ => false,
        }
    }
}

/// Character n-grams 2–5 within words, with `change` applied.
fn chars_2_5(change: impl FnOnce(&mut CharNgramParams)) -> Family {
    let mut c = CharNgramParams {
        min: 2,
        max: 5,
        across: false,
        block_norm: false,
    };
    change(&mut c);
    Family::CharNgrams(c)
}

/// Stage 1: the options as given, then the benchmark's recipes built on them, simplest first.
fn recipes(base: &TrainOptions, kind: DataKind) -> Result<Vec<TrainOptions>> {
    let mut chars = base.clone();
    chars.features.set(chars_2_5(|_| {}));
    chars.features.min_count = 1;
    let mut out = vec![base.clone()];
    if kind.topic_actors {
        // TweetEval: word 1–3 and character 2–5 n-grams, the topic crossed with the words,
        // then with every feature (one shared model plus one per topic).
        chars
            .features
            .set(Family::WordNgrams(WordNgramParams { min: 1, max: 3 }));
        let cross = |cross_all| Family::TargetCross(TargetCrossParams { cross_all });
        chars.features.set(cross(false));
        out.push(TrainOptions { l2: 1.0, ..chars });
        let mut all = out[1].clone();
        all.features.set(cross(true));
        all.l2 = 0.1;
        all.nb_prior = 0.5;
        out.push(all);
    } else {
        // NewsMTSC: character n-grams normalised apart from the words, within words, then
        // across words, then with negation and reported speech, then the lexicon.
        chars.features.set(chars_2_5(|c| c.block_norm = true));
        chars.l2 = 1.0;
        out.push(chars.clone());
        chars.features.set(chars_2_5(|c| {
            c.block_norm = true;
            c.across = true;
        }));
        out.push(chars.clone());
        chars.features.set(Family::Negation);
        chars.features.set(Family::Speech);
        out.push(chars.clone());
        if kind.sentiment {
            let entries = shipped_lexicon()?;
            chars
                .features
                .set(Family::Lexicon(LexiconParams { entries }));
            out.push(chars);
        }
    }
    Ok(out)
}

/// Stage 2: one option family added to `best` at a time.
fn additions(best: &TrainOptions, kind: DataKind) -> Result<Vec<TrainOptions>> {
    let f = &best.features;
    let mut out = Vec::new();
    let mut with = |family: Family| {
        let mut o = best.clone();
        o.features.set(family);
        if o != *best {
            out.push(o);
        }
    };
    if let Some(&c) = f.char_ngrams() {
        with(Family::CharNgrams(CharNgramParams {
            block_norm: true,
            ..c
        }));
        with(Family::CharNgrams(CharNgramParams { across: true, ..c }));
    }
    if kind.topic_actors {
        if f.target_cross().is_some() {
            with(Family::TopicOverlap);
        }
    } else {
        with(Family::Speech);
        with(Family::Windows(WindowParams { size: 3 }));
    }
    with(Family::Negation);
    if kind.sentiment && f.lexicon().is_none() {
        let entries = shipped_lexicon()?;
        with(Family::Lexicon(LexiconParams { entries }));
    }
    Ok(out)
}

/// Copies into `into` the feature families in which `added` differs from `from`; of the
/// character n-grams, only the settings that differ.
fn merge_features(into: &mut TrainOptions, added: &TrainOptions, from: &TrainOptions) {
    let (a, f, t) = (&added.features, &from.features, &mut into.features);
    for family in a.families.iter().filter(|x| !f.families.contains(x)) {
        match (family, t.char_ngrams().copied(), f.char_ngrams()) {
            (Family::CharNgrams(c), Some(mut mine), Some(base)) => {
                if c.block_norm != base.block_norm {
                    mine.block_norm = c.block_norm;
                }
                if c.across != base.across {
                    mine.across = c.across;
                }
                t.set(Family::CharNgrams(mine));
            }
            _ => t.set(family.clone()),
        }
    }
}

/// `x` to 3 significant digits, so the L2 values read as chosen (0.0333, not 0.033333…).
fn round_sig(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(2 - x.log10().floor() as i32);
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn kind(topic_actors: bool, sentiment: bool) -> DataKind {
        DataKind {
            topic_actors,
            sentiment,
        }
    }

    #[test]
    fn topic_actors_are_detected_when_most_rows_lack_the_actor() {
        let named = ActorSentence::locate("Russia backed the probe.", "Russia", &[]);
        let topic = ActorSentence::locate("Love is love.", "marriage", &[]);
        let labels = ["supports".to_string(), "opposes".to_string()];
        let k = |rows: &[ActorSentence]| DataKind::detect(rows, "stance", &labels).topic_actors;
        assert!(k(&[topic.clone(), topic.clone(), named.clone()]));
        assert!(!k(&[topic, named.clone(), named]));
        let sentiment = ["negative", "neutral", "positive"].map(String::from);
        assert!(DataKind::detect(&[], "label", &sentiment).sentiment);
        assert!(DataKind::detect(&[], "Sentiment", &labels).sentiment);
        assert!(!DataKind::detect(&[], "stance", &labels).sentiment);
    }

    #[test]
    fn recipes_follow_the_data_kind() {
        let base = TrainOptions::default();
        let topics = recipes(&base, kind(true, false)).unwrap();
        assert_eq!(topics[0], base);
        assert!(
            topics[1..]
                .iter()
                .all(|o| o.features.target_cross().is_some())
        );
        assert!(topics.iter().any(|o| o.features.cross_all()));
        let news = recipes(&base, kind(false, true)).unwrap();
        assert!(news.iter().all(|o| o.features.target_cross().is_none()));
        assert!(news.iter().any(|o| {
            o.features
                .char_ngrams()
                .is_some_and(|c| c.across && c.block_norm)
        }));
        assert!(news.last().unwrap().features.lexicon().is_some());
        let stance = recipes(&base, kind(false, false)).unwrap();
        assert!(stance.iter().all(|o| o.features.lexicon().is_none()));
    }

    #[test]
    fn additions_change_one_thing_and_merge_together() {
        let base = TrainOptions::default();
        let adds = additions(&base, kind(false, true)).unwrap();
        assert!(adds.iter().all(|o| *o != base));
        let mut all = base.clone();
        adds.iter().for_each(|o| merge_features(&mut all, o, &base));
        let f = &all.features;
        assert!(f.has(&Family::Negation) && f.has(&Family::Speech) && f.window() == 3);
        assert!(f.lexicon().is_some());
    }

    #[test]
    fn l2_values_are_rounded() {
        assert_eq!(round_sig(0.1 / 3.0), 0.0333);
        assert_eq!(round_sig(3.0 * 3f64.sqrt()), 5.2);
        assert_eq!(round_sig(0.0), 0.0);
    }

    fn separable() -> (Vec<String>, Vec<usize>) {
        let texts: Vec<String> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    format!("Norway backed the inquiry number {i}.")
                } else {
                    format!("Norway rejected the inquiry number {i}.")
                }
            })
            .collect();
        let y = (0..40).map(|i| i % 2).collect();
        (texts, y)
    }

    #[test]
    fn a_search_scores_candidates_and_a_tiny_budget_skips_them() {
        let (texts, y) = separable();
        let inputs: Vec<ActorSentence> = texts
            .iter()
            .map(|t| ActorSentence::locate(t, "Norway", &[]))
            .collect();
        let groups: Vec<usize> = (0..40).collect();
        let labels = ["supports".to_string(), "opposes".to_string()];
        let data = CvData {
            inputs: &inputs,
            y: &y,
            groups: &groups,
            labels: &labels,
            folds: 2,
        };
        let base = TrainOptions::default();
        let k = kind(false, false);
        let full = search(&data, &base, k, Duration::from_secs(3600), &Silent).unwrap();
        assert_eq!(full.skipped, 0);
        assert!(full.warnings.is_empty());
        assert!(full.trials.len() >= 8, "{}", full.trials.len());
        assert!(
            full.trials
                .windows(2)
                .all(|w| w[0].macro_f1 >= w[1].macro_f1)
        );
        let tiny = search(&data, &base, k, Duration::ZERO, &Silent).unwrap();
        assert_eq!(tiny.trials.len(), 1);
        assert_eq!(tiny.trials[0].options, base);
        assert!(tiny.skipped > 0);
        assert!(tiny.warnings[0].contains("budget"), "{:?}", tiny.warnings);
    }
}
