//! Evaluation stage: metrics, stratified K-fold cross-validation, hyper-parameter search, and
//! article-level pair scoring against gold stances.

pub mod errors;
pub mod tuning;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::classifier::{Classifier, TrainOptions};
use crate::error::{ParamsError, Result, StanceError};
use crate::features::ActorSentence;

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScores {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Number of true rows of this class.
    pub support: usize,
}

/// Classification metrics over a set of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Rows scored.
    pub n: usize,
    /// Accuracy.
    pub accuracy: f64,
    /// Unweighted mean of per-class F1.
    pub macro_f1: f64,
    /// Per-class scores.
    pub per_class: BTreeMap<String, ClassScores>,
    /// `confusion[true][predicted]` counts.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Metrics {
    /// Scores predicted against true label indices over `labels`.
    ///
    /// ```
    /// let labels = ["a".to_string(), "b".to_string()];
    /// let m = stance::eval::Metrics::compute(&labels, &[0, 0, 1, 1], &[0, 1, 1, 1]);
    /// assert_eq!(m.accuracy, 0.75);
    /// assert!((m.per_class["b"].precision - 2.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn compute(labels: &[String], truth: &[usize], predicted: &[usize]) -> Metrics {
        let k = labels.len();
        let mut cm = vec![vec![0usize; k]; k];
        for (&t, &p) in truth.iter().zip(predicted) {
            cm[t][p] += 1;
        }
        let n = truth.len();
        let correct: usize = (0..k).map(|c| cm[c][c]).sum();
        let mut per_class = BTreeMap::new();
        for c in 0..k {
            let tp = cm[c][c] as f64;
            let predicted_c: usize = (0..k).map(|t| cm[t][c]).sum();
            let support: usize = cm[c].iter().sum();
            let precision = if predicted_c > 0 {
                tp / predicted_c as f64
            } else {
                0.0
            };
            let recall = if support > 0 {
                tp / support as f64
            } else {
                0.0
            };
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            per_class.insert(
                labels[c].clone(),
                ClassScores {
                    precision,
                    recall,
                    f1,
                    support,
                },
            );
        }
        let present: Vec<&ClassScores> = per_class.values().filter(|s| s.support > 0).collect();
        let macro_f1 = if present.is_empty() {
            0.0
        } else {
            present.iter().map(|s| s.f1).sum::<f64>() / present.len() as f64
        };
        let confusion = (0..k)
            .map(|t| {
                (
                    labels[t].clone(),
                    (0..k).map(|p| (labels[p].clone(), cm[t][p])).collect(),
                )
            })
            .collect();
        Metrics {
            n,
            accuracy: if n > 0 {
                correct as f64 / n as f64
            } else {
                0.0
            },
            macro_f1,
            per_class,
            confusion,
        }
    }

    /// A plain-text report: per-class table and confusion matrix.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "rows {}   accuracy {:.3}   macro-F1 {:.3}\n\n{:<14} {:>9} {:>9} {:>9} {:>9}\n",
            self.n, self.accuracy, self.macro_f1, "label", "precision", "recall", "f1", "support"
        );
        for (l, c) in &self.per_class {
            s += &format!(
                "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>9}\n",
                l, c.precision, c.recall, c.f1, c.support
            );
        }
        s += "\nconfusion (rows: true, columns: predicted)\n";
        s += &format!("{:<14}", "");
        for l in self.per_class.keys() {
            s += &format!(" {:>10}", truncate(l, 10));
        }
        s += "\n";
        for (t, row) in &self.confusion {
            s += &format!("{:<14}", truncate(t, 14));
            for v in row.values() {
                s += &format!(" {v:>10}");
            }
            s += "\n";
        }
        s
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Stratified K folds that keep each group (an article, a sentence) in one fold, so no fold is
/// scored on sentences of a situation it trained on. Groups are shuffled with `seed` and placed
/// greedily, largest first, in the fold that has the fewest rows of the group's main label.
pub fn stratified_group_folds(
    y: &[usize],
    groups: &[usize],
    k: usize,
    seed: u64,
) -> Result<Vec<usize>> {
    stratified_folds(y, k, seed)?; // same per-label checks
    let ngroups = groups.iter().max().map_or(0, |m| m + 1);
    let nclasses = y.iter().max().map_or(0, |m| m + 1);
    if ngroups < k {
        return Err(StanceError::Data(format!(
            "{ngroups} groups cannot fill {k} folds"
        )));
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ngroups];
    for (i, &g) in groups.iter().enumerate() {
        members[g].push(i);
    }
    let mut order: Vec<usize> = (0..ngroups).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    order.sort_by_key(|&g| std::cmp::Reverse(members[g].len()));
    let mut load = vec![vec![0usize; nclasses]; k];
    let mut fold = vec![0; y.len()];
    for g in order {
        let mut hist = vec![0usize; nclasses];
        members[g].iter().for_each(|&i| hist[y[i]] += 1);
        // The fold where adding this group raises the largest per-label load the least.
        let best = (0..k)
            .min_by_key(|&f| {
                let worst = (0..nclasses)
                    .map(|c| load[f][c] + hist[c])
                    .max()
                    .unwrap_or(0);
                (worst, load[f].iter().sum::<usize>())
            })
            .unwrap_or(0);
        for c in 0..nclasses {
            load[best][c] += hist[c];
        }
        for &i in &members[g] {
            fold[i] = best;
        }
    }
    Ok(fold)
}

/// Stratified K folds: fold id per row, each class spread evenly, shuffled with `seed`.
pub fn stratified_folds(y: &[usize], k: usize, seed: u64) -> Result<Vec<usize>> {
    if k < 2 {
        return Err(ParamsError::Folds { folds: k }.into());
    }
    let nclasses = y.iter().max().map_or(0, |m| m + 1);
    let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); nclasses];
    for (i, &c) in y.iter().enumerate() {
        by_class[c].push(i);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; y.len()];
    let mut offset = 0;
    for rows in by_class.iter_mut() {
        if !rows.is_empty() && rows.len() < k {
            return Err(StanceError::Data(format!(
                "a label has only {} example(s): stratified {k}-fold cross-validation needs at least {k} per label",
                rows.len()
            )));
        }
        rows.shuffle(&mut rng);
        for (j, &i) in rows.iter().enumerate() {
            fold[i] = (j + offset) % k;
        }
        offset += rows.len();
    }
    Ok(fold)
}

/// One row's out-of-fold prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfFold {
    /// Predicted label index.
    pub label: usize,
    /// Probability of every label.
    pub probabilities: Vec<f64>,
    /// The fold (0-based) the row was held out in.
    pub fold: usize,
}

/// Labelled rows to cross-validate on, and the number of folds.
#[derive(Debug, Clone, Copy)]
pub struct CvData<'d, 'a> {
    /// Located (sentence, actor) rows.
    pub inputs: &'d [ActorSentence<'a>],
    /// Label index per row.
    pub y: &'d [usize],
    /// Group (article) per row: a group stays in one fold.
    pub groups: &'d [usize],
    /// Label names.
    pub labels: &'d [String],
    /// Cross-validation folds.
    pub folds: usize,
}

/// Out-of-fold predictions of the training recipe, by stratified group K-fold CV.
pub fn cross_val_predict(
    data: &CvData,
    opts: &TrainOptions,
    mut on_fold: impl FnMut(usize),
) -> Result<Vec<OutOfFold>> {
    let (inputs, y, labels, k) = (data.inputs, data.y, data.labels, data.folds);
    let folds = stratified_group_folds(y, data.groups, k, opts.seed)?;
    let mut predicted = vec![
        OutOfFold {
            label: 0,
            probabilities: Vec::new(),
            fold: 0,
        };
        y.len()
    ];
    for f in 0..k {
        let train: Vec<usize> = (0..y.len()).filter(|&i| folds[i] != f).collect();
        let test: Vec<usize> = (0..y.len()).filter(|&i| folds[i] == f).collect();
        let tr_in: Vec<ActorSentence> = train.iter().map(|&i| inputs[i].clone()).collect();
        let tr_y: Vec<usize> = train.iter().map(|&i| y[i]).collect();
        let model = Classifier::fit(&tr_in, &tr_y, labels, "label", opts)?;
        let te_in: Vec<ActorSentence> = test.iter().map(|&i| inputs[i].clone()).collect();
        for (&i, p) in test.iter().zip(model.predict_many(&te_in)) {
            predicted[i] = OutOfFold {
                label: labels.iter().position(|l| *l == p.label).unwrap_or(0),
                probabilities: p.probabilities,
                fold: f,
            };
        }
        on_fold(f);
    }
    Ok(predicted)
}

/// Cross-validated metrics of the training recipe.
pub fn cross_validate(
    data: &CvData,
    opts: &TrainOptions,
    on_fold: impl FnMut(usize),
) -> Result<Metrics> {
    let predicted: Vec<usize> = cross_val_predict(data, opts, on_fold)?
        .into_iter()
        .map(|p| p.label)
        .collect();
    Ok(Metrics::compute(data.labels, data.y, &predicted))
}

/// Pair-level scores: predicted vs gold sets of (article, actor, stance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairScores {
    /// Gold pairs.
    pub gold: usize,
    /// Predicted pairs.
    pub predicted: usize,
    /// Pairs in both.
    pub correct: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Gold pairs not predicted.
    pub missed: Vec<(String, String, String)>,
    /// Predicted pairs not in gold.
    pub spurious: Vec<(String, String, String)>,
}

/// Compares predicted and gold (article, actor, stance) sets.
pub fn pair_scores(
    gold: &BTreeSet<(String, String, String)>,
    predicted: &BTreeSet<(String, String, String)>,
) -> PairScores {
    let correct = gold.intersection(predicted).count();
    let precision = if predicted.is_empty() {
        0.0
    } else {
        correct as f64 / predicted.len() as f64
    };
    let recall = if gold.is_empty() {
        0.0
    } else {
        correct as f64 / gold.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    PairScores {
        gold: gold.len(),
        predicted: predicted.len(),
        correct,
        precision,
        recall,
        f1,
        missed: gold.difference(predicted).cloned().collect(),
        spurious: predicted.difference(gold).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_seeded() {
        let y: Vec<usize> = (0..100).map(|i| usize::from(i % 4 == 0)).collect();
        let f = stratified_folds(&y, 5, 1).unwrap();
        for fold in 0..5 {
            let ones = (0..100).filter(|&i| f[i] == fold && y[i] == 1).count();
            assert_eq!(ones, 5);
        }
        assert_eq!(f, stratified_folds(&y, 5, 1).unwrap());
        assert_ne!(f, stratified_folds(&y, 5, 2).unwrap());
    }

    #[test]
    fn groups_stay_in_one_fold() {
        let y: Vec<usize> = (0..60).map(|i| i % 3).collect();
        let groups: Vec<usize> = (0..60).map(|i| i / 4).collect();
        let f = stratified_group_folds(&y, &groups, 5, 9).unwrap();
        for i in 0..60 {
            assert_eq!(f[i], f[groups[i] * 4]);
        }
        for fold in 0..5 {
            assert_eq!((0..60).filter(|&i| f[i] == fold).count(), 12);
        }
    }

    #[test]
    fn one_example_class_is_reported() {
        let e = stratified_folds(&[0, 0, 0, 0, 0, 1], 5, 1)
            .unwrap_err()
            .to_string();
        assert!(e.contains("only 1 example"), "{e}");
    }

    #[test]
    fn agrees_with_linfa_metrics() {
        use linfa::prelude::ToConfusionMatrix;
        use rand::{Rng, SeedableRng};
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let truth: Vec<usize> = (0..300).map(|i| i % 4).collect();
        let pred: Vec<usize> = truth
            .iter()
            .map(|&t| {
                if rng.random_bool(0.7) {
                    t
                } else {
                    rng.random_range(0..4)
                }
            })
            .collect();
        let labels: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let ours = Metrics::compute(&labels, &truth, &pred);
        // linfa's matrix is indexed the other way round from its docs' `predicted.confusion_matrix(truth)`
        // reading: built this way, its precision and recall are ours.
        let cm = ndarray::Array1::from(truth)
            .confusion_matrix(ndarray::Array1::from(pred))
            .unwrap();
        // linfa's accuracy and macro precision / recall match ours. Its multi-class F1 is the
        // harmonic mean of macro precision and macro recall, not the mean of per-class F1 that
        // the benchmarks' papers and scikit-learn call macro-F1, so that one is ours.
        let mean = |f: fn(&ClassScores) -> f64| ours.per_class.values().map(f).sum::<f64>() / 4.0;
        assert!((ours.accuracy - f64::from(cm.accuracy())).abs() < 1e-5);
        assert!((mean(|c| c.precision) - f64::from(cm.precision())).abs() < 1e-5);
        assert!((mean(|c| c.recall) - f64::from(cm.recall())).abs() < 1e-5);
    }

    #[test]
    fn macro_f1_ignores_absent_classes() {
        let labels = ["a".to_string(), "b".to_string(), "c".to_string()];
        let m = Metrics::compute(&labels, &[0, 1], &[0, 1]);
        assert_eq!(m.macro_f1, 1.0);
    }

    #[test]
    fn pair_f1() {
        let p = |a: &str| (String::from("x"), a.to_string(), String::from("supports"));
        let gold: BTreeSet<_> = [p("A"), p("B")].into();
        let pred: BTreeSet<_> = [p("A"), p("C")].into();
        let s = pair_scores(&gold, &pred);
        assert_eq!((s.correct, s.f1), (1, 0.5));
    }
}
