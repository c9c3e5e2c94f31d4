//! Article-level errors by cause, and a pair-F1 interval that resamples articles.
//!
//! Every gold (article, actor, stance) pair that classify misses and every pair it reports
//! that gold lacks is put down to one cause: the actor was not found, found but its sentences
//! labelled otherwise, invented (not an actor of the article), merged with another actor or
//! split in two, or dropped by the aggregation of sentence labels into article stances.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::article::{ArticleResult, NEUTRAL};

/// (article, actor, stance).
pub type Pair = (String, String, String);

/// The actors each article names, with the surface forms it uses (an `actors.csv` of
/// `article,actor,aliases`, aliases `|`-separated). Optional: without it, an actor counts as
/// found when its canonical name is.
#[derive(Debug, Clone, Default)]
pub struct ArticleActors {
    /// Per article: (canonical name, surface forms including the canonical name).
    pub by_article: BTreeMap<String, Vec<(String, Vec<String>)>>,
}

impl ArticleActors {
    /// Reads rows of (article, actor, aliases); `canon` maps a name to the dictionary's
    /// canonical form so that gold and predictions compare equal.
    pub fn from_rows(rows: &[(String, String, String)], canon: impl Fn(&str) -> String) -> Self {
        let mut by_article: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
        for (article, actor, aliases) in rows {
            let mut forms: Vec<String> = aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            forms.push(actor.clone());
            by_article
                .entry(article.clone())
                .or_default()
                .push((canon(actor), forms));
        }
        ArticleActors { by_article }
    }

    /// The gold name of a predicted actor named `name` in `article`, when the name is not an
    /// actor of the article's list but is a surface form of exactly one ("opposition parties"
    /// for the actor listed as "opposition", with that form among its aliases).
    pub fn listed_name(&self, article: &str, name: &str) -> Option<&str> {
        let listed = self.by_article.get(article)?;
        if listed.iter().any(|(canonical, _)| canonical == name) {
            return None;
        }
        let mut owners = listed
            .iter()
            .filter(|(_, forms)| forms.iter().any(|f| f == name));
        match (owners.next(), owners.next()) {
            (Some((canonical, _)), None) => Some(canonical),
            _ => None,
        }
    }
}

/// Counts of article pairs by cause.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErrorTable {
    /// Gold pairs predicted.
    pub correct: usize,
    /// Gold pairs whose actor was not found at all.
    pub missed_actor_not_found: usize,
    /// Gold pairs whose actor was found but no sentence gave it that stance.
    pub missed_label: usize,
    /// Gold pairs a sentence gave but the aggregation into article stances dropped.
    pub missed_aggregation: usize,
    /// Predicted pairs of actors the article does not name (or, without an actor list, that
    /// gold does not list).
    pub spurious_invented_actor: usize,
    /// Predicted pairs of real actors whose sentences were labelled with a stance gold lacks.
    pub spurious_label: usize,
    /// Predicted actors that stand for two or more gold actors.
    pub merged_actors: usize,
    /// Gold actors found as two or more predicted actors.
    pub split_actors: usize,
    /// Predicted actors matching no actor of the article.
    pub invented_actors: usize,
}

impl ErrorTable {
    /// The table as Markdown rows (`| cause | count |`).
    pub fn to_markdown(&self) -> String {
        let rows = [
            ("gold pairs right", self.correct),
            ("missed: actor not found", self.missed_actor_not_found),
            (
                "missed: actor found, sentences labelled otherwise",
                self.missed_label,
            ),
            (
                "missed: a sentence had it, aggregation dropped it",
                self.missed_aggregation,
            ),
            ("spurious: invented actor", self.spurious_invented_actor),
            (
                "spurious: real actor, stance gold lacks",
                self.spurious_label,
            ),
            ("actors merged (one found for several)", self.merged_actors),
            ("actors split (several found for one)", self.split_actors),
            ("actors invented", self.invented_actors),
        ];
        let mut out = String::from("| cause | count |\n|---|---:|\n");
        for (what, n) in rows {
            out.push_str(&format!("| {what} | {n} |\n"));
        }
        out
    }
}

/// Which gold actors of `article` a predicted actor stands for: those whose canonical name
/// or any surface form equals its canonical name or one of its mentions.
fn matches<'g>(
    predicted: &crate::article::ActorSummary,
    gold_actors: &'g [(String, Vec<String>)],
) -> Vec<&'g str> {
    gold_actors
        .iter()
        .filter(|(canonical, forms)| {
            *canonical == predicted.actor
                || forms
                    .iter()
                    .any(|f| *f == predicted.actor || predicted.mentions.contains(f))
        })
        .map(|(c, _)| c.as_str())
        .collect()
}

/// Sorts the errors of `predicted` against `gold` by cause. `results` are the articles'
/// classify results (named by article id); `canon` maps names to canonical form.
pub fn error_table(
    gold: &BTreeSet<Pair>,
    predicted: &BTreeSet<Pair>,
    results: &[ArticleResult],
    actors: Option<&ArticleActors>,
    canon: impl Fn(&str) -> String,
) -> ErrorTable {
    let mut table = ErrorTable {
        correct: gold.intersection(predicted).count(),
        ..ErrorTable::default()
    };
    for result in results {
        let article = &result.article;
        // The article's actors: from the actor list, or else gold's actors (by canonical name).
        let listed: Vec<(String, Vec<String>)> =
            match actors.and_then(|a| a.by_article.get(article)) {
                Some(list) => list.clone(),
                None => gold
                    .iter()
                    .filter(|(a, _, _)| a == article)
                    .map(|(_, actor, _)| (actor.clone(), vec![actor.clone()]))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            };
        let mut found: BTreeMap<&str, usize> = BTreeMap::new();
        let mut sentence_stances: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for p in &result.actors {
            let m = matches(p, &listed);
            match m.len() {
                0 => table.invented_actors += 1,
                1 => {}
                _ => table.merged_actors += 1,
            }
            for g in m {
                *found.entry(g).or_default() += 1;
                let given = sentence_stances.entry(g).or_default();
                given.extend(
                    p.evidence
                        .iter()
                        .map(|e| e.stance.as_str())
                        .filter(|s| *s != NEUTRAL),
                );
            }
        }
        table.split_actors += found.values().filter(|&&n| n > 1).count();
        for (a, actor, stance) in gold.difference(predicted) {
            if a != article {
                continue;
            }
            let g = canon(actor);
            if !found.contains_key(g.as_str()) {
                table.missed_actor_not_found += 1;
            } else if sentence_stances
                .get(g.as_str())
                .is_some_and(|s| s.contains(stance.as_str()))
            {
                table.missed_aggregation += 1;
            } else {
                table.missed_label += 1;
            }
        }
        let known: BTreeSet<&str> = listed.iter().map(|(c, _)| c.as_str()).collect();
        for (a, actor, _) in predicted.difference(gold) {
            if a != article {
                continue;
            }
            let real = known.contains(actor.as_str())
                || result
                    .actors
                    .iter()
                    .any(|p| p.actor == *actor && !matches(p, &listed).is_empty());
            if real {
                table.spurious_label += 1;
            } else {
                table.spurious_invented_actor += 1;
            }
        }
    }
    table
}

/// A 95% interval for pair-F1 by resampling articles with replacement (`rounds` times,
/// seeded): the 2.5th and 97.5th percentiles.
pub fn pair_f1_interval(
    gold: &BTreeSet<Pair>,
    predicted: &BTreeSet<Pair>,
    rounds: usize,
    seed: u64,
) -> (f64, f64) {
    let articles: Vec<&str> = gold
        .iter()
        .chain(predicted)
        .map(|(a, _, _)| a.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if articles.is_empty() || rounds == 0 {
        return (0.0, 0.0);
    }
    // Per article: (gold, predicted, correct).
    let counts: Vec<(usize, usize, usize)> = articles
        .iter()
        .map(|art| {
            let g = gold.iter().filter(|p| p.0 == *art).count();
            let p = predicted.iter().filter(|p| p.0 == *art).count();
            let c = gold
                .iter()
                .filter(|p| p.0 == *art && predicted.contains(*p))
                .count();
            (g, p, c)
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut f1s: Vec<f64> = (0..rounds)
        .map(|_| {
            let (mut g, mut p, mut c) = (0, 0, 0);
            for _ in 0..counts.len() {
                let k = counts[rng.random_range(0..counts.len())];
                g += k.0;
                p += k.1;
                c += k.2;
            }
            if c == 0 {
                0.0
            } else {
                2.0 * c as f64 / (g + p) as f64
            }
        })
        .collect();
    f1s.sort_by(f64::total_cmp);
    let at = |q: f64| f1s[((q * rounds as f64) as usize).min(rounds - 1)];
    (at(0.025), at(0.975))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorKind;
    use crate::article::ActorSummary;

    fn pair(a: &str, b: &str, c: &str) -> Pair {
        (a.into(), b.into(), c.into())
    }

    fn summary(actor: &str, mentions: &[&str], stances: &[&str]) -> ActorSummary {
        ActorSummary {
            actor: actor.into(),
            kind: ActorKind::Country,
            affiliation: None,
            mentions: mentions.iter().map(|m| m.to_string()).collect(),
            stance: stances.first().unwrap_or(&NEUTRAL).to_string(),
            confidence: 0.9,
            sentiment: None,
            evidence: stances
                .iter()
                .map(|s| crate::article::Evidence::for_test(s))
                .collect(),
        }
    }

    #[test]
    fn errors_are_sorted_by_cause() {
        let gold: BTreeSet<Pair> = [
            pair("a", "Russia", "opposes"),
            pair("a", "France", "supports"),
            pair("a", "Chile", "supports"),
            pair("a", "Peru", "regrets"),
        ]
        .into();
        // Russia right; France found but labelled opposes; Chile not found; Peru had a
        // regrets sentence the aggregation dropped; "Narnia" invented.
        let results = vec![ArticleResult {
            article: "a".into(),
            actors: vec![
                summary("Russia", &["Moscow"], &["opposes"]),
                summary("France", &["Paris"], &["opposes"]),
                summary("Peru", &["Lima"], &["regrets"]),
                summary("Narnia", &["Narnia"], &["supports"]),
            ],
        }];
        let predicted: BTreeSet<Pair> = [
            pair("a", "Russia", "opposes"),
            pair("a", "France", "opposes"),
            pair("a", "Narnia", "supports"),
        ]
        .into();
        let list = ArticleActors::from_rows(
            &[
                ("a".into(), "Russia".into(), "Russia|Moscow".into()),
                ("a".into(), "France".into(), "France|Paris".into()),
                ("a".into(), "Chile".into(), "Chile".into()),
                ("a".into(), "Peru".into(), "Peru|Lima".into()),
            ],
            str::to_string,
        );
        let t = error_table(&gold, &predicted, &results, Some(&list), str::to_string);
        assert_eq!(t.correct, 1);
        assert_eq!(t.missed_actor_not_found, 1);
        assert_eq!(t.missed_label, 1);
        assert_eq!(t.missed_aggregation, 1);
        assert_eq!(t.spurious_invented_actor, 1);
        assert_eq!(t.spurious_label, 1);
        assert_eq!(t.invented_actors, 1);
        assert_eq!((t.merged_actors, t.split_actors), (0, 0));
        assert!(t.to_markdown().contains("| missed: actor not found | 1 |"));
    }

    #[test]
    fn a_predicted_name_that_is_one_listed_actors_form_takes_its_name() {
        let rows = [
            ("a", "opposition", "Opposition|opposition parties"),
            ("a", "Israel", "Israel|Jerusalem"),
            ("a", "Likud", "Likud|the party"),
            ("a", "Yesh Atid", "Yesh Atid|the party"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
        let list = ArticleActors::from_rows(&rows, str::to_string);
        assert_eq!(
            list.listed_name("a", "opposition parties"),
            Some("opposition")
        );
        // A listed actor's own name stays; a form of two actors, or of none, names no one.
        assert_eq!(list.listed_name("a", "Israel"), None);
        assert_eq!(list.listed_name("a", "the party"), None);
        assert_eq!(list.listed_name("a", "Hamas"), None);
        assert_eq!(list.listed_name("b", "opposition parties"), None);
    }

    #[test]
    fn merged_and_split_actors_are_counted() {
        let gold: BTreeSet<Pair> = [pair("a", "Russia", "opposes")].into();
        let results = vec![ArticleResult {
            article: "a".into(),
            actors: vec![
                summary("Kremlin", &["Kremlin", "Moscow"], &[]),
                summary("Russia", &["Russia"], &["opposes"]),
            ],
        }];
        let list = ArticleActors::from_rows(
            &[
                ("a".into(), "Russia".into(), "Russia|Moscow".into()),
                ("a".into(), "Kremlin".into(), "Kremlin".into()),
            ],
            str::to_string,
        );
        let t = error_table(&gold, &gold, &results, Some(&list), str::to_string);
        assert_eq!(t.merged_actors, 1);
        assert_eq!(t.split_actors, 1);
    }

    #[test]
    fn interval_brackets_the_score_and_is_seeded() {
        let gold: BTreeSet<Pair> = (0..20)
            .map(|i| pair(&format!("art{i}"), "X", "supports"))
            .collect();
        let predicted: BTreeSet<Pair> = (0..20)
            .map(|i| {
                pair(
                    &format!("art{i}"),
                    "X",
                    if i % 4 == 0 { "opposes" } else { "supports" },
                )
            })
            .collect();
        let (lo, hi) = pair_f1_interval(&gold, &predicted, 500, 7);
        assert!(lo < 0.75 && 0.75 < hi, "{lo} {hi}");
        assert_eq!((lo, hi), pair_f1_interval(&gold, &predicted, 500, 7));
        assert_eq!(pair_f1_interval(&gold, &gold, 100, 1), (1.0, 1.0));
    }
}
