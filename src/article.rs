//! Article stage: sentences → actors → (actor, sentence) labels → one summary per actor.

use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::actors::{ActorKind, ActorTracker, Dictionary};
use crate::classifier::{Classifier, Prediction};
use crate::features::ActorSentence;
use crate::params::{param_guard, setters};
use crate::reader::Reader;
use crate::text::{proposal_target_in, split_sentences, tokenize};

/// The label that means "no stance" (and "no sentiment").
pub const NEUTRAL: &str = "neutral";

/// One labelled (actor, sentence).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Sentence number in the article (0-based).
    pub sentence: usize,
    /// The sentence (shared by every actor's evidence from it).
    pub text: Arc<str>,
    /// How the actor is named there ("he" when resolved from a pronoun).
    pub mention: String,
    /// Stance label.
    pub stance: String,
    /// Its probability.
    pub confidence: f64,
    /// Probability of every stance label.
    pub probabilities: Probabilities,
    /// The proposal the stance is about, where one is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Sentiment toward the actor in this sentence, when a sentiment model is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<String>,
    /// Probability of that sentiment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment_confidence: Option<f64>,
    /// Why the stance was given (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<crate::classifier::Explanation>,
}

/// Probability per label, serialised as a JSON object `{label: p}`; the label names are
/// shared with the model rather than copied into every evidence entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Probabilities {
    labels: Arc<[String]>,
    values: Vec<f64>,
}

impl Evidence {
    /// An evidence entry with only a stance, for tests elsewhere in the crate.
    #[cfg(test)]
    pub(crate) fn for_test(stance: &str) -> Evidence {
        Evidence {
            sentence: 0,
            text: Arc::from(""),
            mention: String::new(),
            stance: stance.to_string(),
            confidence: 1.0,
            probabilities: Probabilities {
                labels: Arc::from(vec![stance.to_string()]),
                values: vec![1.0],
            },
            target: None,
            sentiment: None,
            sentiment_confidence: None,
            explanation: None,
        }
    }
}

impl Probabilities {
    /// The probabilities, in label order.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().copied()
    }

    /// (label, probability) pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> + '_ {
        self.labels.iter().map(String::as_str).zip(self.values())
    }
}

impl Serialize for Probabilities {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (label, p) in self.iter() {
            map.serialize_entry(label, &p)?;
        }
        map.end()
    }
}

/// Everything the article says about one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSummary {
    /// Canonical name.
    pub actor: String,
    /// Kind.
    pub kind: ActorKind,
    /// Whom the actor speaks for.
    pub affiliation: Option<String>,
    /// Surface forms as written.
    pub mentions: Vec<String>,
    /// Overall stance: the most confident non-neutral stance, else neutral.
    pub stance: String,
    /// Its confidence.
    pub confidence: f64,
    /// Overall sentiment (the label with the most summed per-sentence confidence), when a
    /// sentiment model is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<String>,
    /// Every (sentence) label.
    pub evidence: Vec<Evidence>,
}

/// The result for one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleResult {
    /// Article name (file name, or `-` for stdin).
    pub article: String,
    /// Actors in order of first mention.
    pub actors: Vec<ActorSummary>,
}

/// Labels articles with a stance model and, optionally, a sentiment model.
#[derive(Debug, Clone, Copy)]
pub struct Analyzer<'a> {
    /// Stance model.
    pub stance: &'a Classifier,
    /// Sentiment model.
    pub sentiment: Option<&'a Classifier>,
    /// Actor dictionary.
    pub dictionary: &'a Dictionary,
    /// Stances below this confidence are reported as neutral.
    pub min_confidence: f64,
    /// Attach this many top features to each evidence entry (0 = no explanations).
    pub explain: usize,
    /// A contextual reader whose reading of each (sentence, actor) is blended with the stance
    /// model's (explanations still list the stance model's features).
    pub reader: Option<&'a Reader>,
}

/// Most features an explanation lists per label.
pub const MAX_EXPLAIN: usize = 100;

/// The analyzer's settings as a checked builder (linfa's `ParamGuard`): the models and the
/// actor dictionary it reads with, the confidence below which a stance is reported as neutral
/// (default 0: every label kept) and how many features explain each label (default 0: none).
///
/// ```
/// use linfa::ParamGuard;
/// let model = stance::default_stance_model().unwrap();
/// let dictionary = stance::actors::Dictionary::builtin().unwrap();
/// let analyzer = stance::AnalyzerParams::new(&model, &dictionary).min_confidence(0.5).check().unwrap();
/// assert_eq!(analyzer.min_confidence, 0.5);
/// assert!(stance::AnalyzerParams::new(&model, &dictionary).min_confidence(2.0).check().is_err());
/// ```
pub struct AnalyzerParams<'a>(Analyzer<'a>);

impl<'a> AnalyzerParams<'a> {
    /// The defaults: a stance model only, every label kept, no explanations.
    pub fn new(stance: &'a Classifier, dictionary: &'a Dictionary) -> Self {
        AnalyzerParams(Analyzer::stance_only(stance, dictionary))
    }
    setters! {
        /// The sentiment model, if sentiment is to be reported.
        sentiment: Option<&'a Classifier> => sentiment;
        /// Stances below this confidence (0 to 1) are reported as neutral.
        min_confidence: f64 => min_confidence;
        /// Attach this many top features to each evidence entry (0 = no explanations).
        explain: usize => explain;
        /// A contextual reader to blend with the stance model (it must know the model's labels).
        reader: Option<&'a Reader> => reader;
    }
}

/// The analyzer's rules: a minimum confidence within 0 to 1, at most [`MAX_EXPLAIN`] features.
fn analyzer_rules(a: &Analyzer) -> std::result::Result<(), crate::ParamsError> {
    if !(0.0..=1.0).contains(&a.min_confidence) {
        return Err(crate::ParamsError::MinConfidence {
            value: a.min_confidence,
        });
    }
    if a.explain > MAX_EXPLAIN {
        return Err(crate::ParamsError::ExplainCount {
            count: a.explain,
            max: MAX_EXPLAIN,
        });
    }
    if let Some(r) = a.reader {
        let own = r.pair_reader().labels();
        if let Some(l) = a.stance.labels.iter().find(|l| !own.contains(l)) {
            return Err(crate::ParamsError::ReaderLabels {
                label: l.clone(),
                reader_labels: own.join(", "),
            });
        }
    }
    Ok(())
}

param_guard!(<'a> AnalyzerParams<'a> => Analyzer<'a>, analyzer_rules);

impl Analyzer<'_> {
    /// The warnings the models' sentence encoders recorded since the last call.
    pub fn take_encoder_warnings(&self) -> Vec<String> {
        let mut w = self.stance.features.take_encoder_warnings();
        if let Some(m) = self.sentiment {
            w.extend(m.features.take_encoder_warnings());
        }
        if let Some(r) = self.reader {
            w.extend(r.take_warnings());
        }
        w
    }
}

fn label_map(labels: &Arc<[String]>, p: &Prediction) -> Probabilities {
    Probabilities {
        labels: Arc::clone(labels),
        values: p.probabilities.clone(),
    }
}

impl<'a> Analyzer<'a> {
    /// An analyzer with a stance model only, every label kept, no explanations: what article
    /// evaluation scores.
    pub fn stance_only(stance: &'a Classifier, dictionary: &'a Dictionary) -> Analyzer<'a> {
        Analyzer {
            stance,
            sentiment: None,
            dictionary,
            min_confidence: 0.0,
            explain: 0,
            reader: None,
        }
    }
}

impl Analyzer<'_> {
    /// Analyses one article.
    pub fn analyze(&self, name: &str, text: &str) -> ArticleResult {
        let mut tracker = ActorTracker::new(self.dictionary);
        let labels: Arc<[String]> = self.stance.labels.clone().into();
        let mut evidence: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
        for (si, sentence) in split_sentences(text).into_iter().enumerate() {
            let s = sentence.text;
            let shared_text: Arc<str> = Arc::from(s);
            let mentions = tracker.find(s);
            let mut by_actor: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
            for m in &mentions {
                by_actor.entry(m.actor).or_default().push(m.span.clone());
            }
            let tokens = if by_actor.is_empty() {
                Vec::new()
            } else {
                tokenize(s)
            };
            for (&actor, spans) in &by_actor {
                let others = mentions
                    .iter()
                    .filter(|m| m.actor != actor)
                    .map(|m| m.span.clone())
                    .collect();
                let input = ActorSentence {
                    text: s,
                    actor: spans.clone(),
                    others,
                    name: &s[spans[0].clone()],
                };
                let mut p = self.stance.predict(&input);
                if let Some(r) = self.reader {
                    let name = &tracker.actors[actor].canonical;
                    p = r.blend(name, s, &self.stance.labels, p);
                }
                let (label, confidence) = if p.confidence < self.min_confidence
                    && self.stance.labels.iter().any(|l| l == NEUTRAL)
                {
                    (NEUTRAL.to_string(), p.confidence)
                } else {
                    (p.label.clone(), p.confidence)
                };
                let senti = self.sentiment.map(|m| m.predict(&input));
                evidence.entry(actor).or_default().push(Evidence {
                    sentence: si,
                    text: Arc::clone(&shared_text),
                    mention: s[spans[0].clone()].to_string(),
                    probabilities: label_map(&labels, &p),
                    stance: label,
                    confidence,
                    target: proposal_target_in(s, &tokens, spans[0].start),
                    sentiment: senti.as_ref().map(|p| p.label.clone()),
                    sentiment_confidence: senti.as_ref().map(|p| p.confidence),
                    explanation: (self.explain > 0)
                        .then(|| self.stance.explain(&input, self.explain)),
                });
            }
        }
        let actors = tracker
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let ev = evidence.remove(&i)?;
                let best = ev
                    .iter()
                    .filter(|e| e.stance != NEUTRAL)
                    .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
                    .or_else(|| {
                        ev.iter()
                            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
                    });
                let (stance, confidence) = best.map_or((NEUTRAL.to_string(), 0.0), |e| {
                    (e.stance.clone(), e.confidence)
                });
                let sentiment = self.sentiment.map(|m| overall_sentiment(m, &ev));
                Some(ActorSummary {
                    actor: a.canonical.clone(),
                    kind: a.kind,
                    affiliation: a.affiliation.clone(),
                    mentions: a.mentions.clone(),
                    stance,
                    confidence,
                    sentiment,
                    evidence: ev,
                })
            })
            .collect();
        ArticleResult {
            article: name.to_string(),
            actors,
        }
    }
}

/// Overall sentiment: the label whose sentences carry the most confidence in total (the sum,
/// over evidence sentences, of the probability of each sentence's sentiment label); neutral
/// when there is none.
fn overall_sentiment(model: &Classifier, ev: &[Evidence]) -> String {
    let mut counts: BTreeMap<&str, f64> = BTreeMap::new();
    for e in ev {
        if let (Some(l), Some(c)) = (&e.sentiment, e.sentiment_confidence) {
            *counts.entry(l.as_str()).or_insert(0.0) += c;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or_else(
            || {
                model
                    .labels
                    .iter()
                    .find(|l| *l == NEUTRAL)
                    .unwrap_or(&model.labels[0])
                    .clone()
            },
            |(l, _)| l.to_string(),
        )
}

impl ArticleResult {
    /// Every non-neutral (actor, stance) the article shows, for pair scoring.
    pub fn stance_pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .actors
            .iter()
            .flat_map(|a| {
                a.evidence
                    .iter()
                    .filter(|e| e.stance != NEUTRAL)
                    .map(|e| (a.actor.clone(), e.stance.clone()))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Plain-text table for people.
    /// With `colour`, stances are coloured with ANSI codes (callers decide: a terminal, no `NO_COLOR`).
    pub fn to_table(&self, colour: bool) -> String {
        let mut s = format!("== {} ==\n", self.article);
        if self.actors.is_empty() {
            s += "  (no actors found)\n";
            return s;
        }
        s += &format!(
            "  {:<28} {:<13} {:<10} {:>5}  {:<9} {}\n",
            "actor", "kind", "stance", "conf", "sentiment", "mentions"
        );
        for a in &self.actors {
            let kind = format!("{:?}", a.kind).to_lowercase();
            let stance = format!("{:<10}", a.stance);
            let stance = if colour {
                let code = match a.stance.as_str() {
                    "supports" => "32",
                    "opposes" => "31",
                    "regrets" => "35",
                    _ => "2",
                };
                format!("\x1b[{code}m{stance}\x1b[0m")
            } else {
                stance
            };
            s += &format!(
                "  {:<28} {:<13} {} {:>5.2}  {:<9} {}\n",
                clip(&a.actor, 28),
                kind,
                stance,
                a.confidence,
                a.sentiment.as_deref().unwrap_or("-"),
                a.mentions.join(", ")
            );
            for e in a.evidence.iter().filter(|e| e.explanation.is_some()) {
                if let Some(x) = &e.explanation {
                    s += &format!(
                        "      [{}] {} {:.2} (runner-up {} {:.2}): {}\n",
                        e.sentence,
                        e.stance,
                        e.confidence,
                        x.runner_up,
                        x.runner_up_probability,
                        x.features
                            .iter()
                            .take(6)
                            .map(|f| format!("{} {:+.2}", f.feature, f.margin))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
            }
        }
        s
    }

    /// CSV rows: one per (actor, evidence sentence).
    pub fn write_csv<W: std::io::Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        for a in &self.actors {
            for e in &a.evidence {
                w.write_record([
                    self.article.as_str(),
                    a.actor.as_str(),
                    &format!("{:?}", a.kind).to_lowercase(),
                    a.stance.as_str(),
                    &e.sentence.to_string(),
                    e.mention.as_str(),
                    e.stance.as_str(),
                    &format!("{:.4}", e.confidence),
                    e.sentiment.as_deref().unwrap_or(""),
                    e.target.as_deref().unwrap_or(""),
                    &e.text,
                ])?;
            }
        }
        Ok(())
    }
}

/// Header of [`ArticleResult::write_csv`].
pub const CSV_HEADER: [&str; 11] = [
    "article",
    "actor",
    "kind",
    "overall_stance",
    "sentence",
    "mention",
    "stance",
    "confidence",
    "sentiment",
    "target",
    "text",
];

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::{TrainOptions, encode_labels, prepare};
    use crate::io::Example;

    #[test]
    fn analyzer_params_check_their_rules() {
        use linfa::ParamGuard;
        let (m, dict) = (model(), Dictionary::empty());
        let a = AnalyzerParams::new(&m, &dict)
            .min_confidence(0.4)
            .explain(3)
            .check()
            .unwrap();
        assert_eq!((a.min_confidence, a.explain), (0.4, 3));
        let fails = |p: AnalyzerParams| match p.check() {
            Err(crate::StanceError::Params(e)) => e,
            _ => panic!("expected a broken rule"),
        };
        assert!(matches!(
            fails(AnalyzerParams::new(&m, &dict).min_confidence(-0.1)),
            crate::ParamsError::MinConfidence { .. }
        ));
        assert!(matches!(
            fails(AnalyzerParams::new(&m, &dict).min_confidence(f64::NAN)),
            crate::ParamsError::MinConfidence { .. }
        ));
        assert!(matches!(
            fails(AnalyzerParams::new(&m, &dict).explain(MAX_EXPLAIN + 1)),
            crate::ParamsError::ExplainCount { .. }
        ));
    }

    fn model() -> Classifier {
        let rows = [
            ("Paris vetoed the probe", "Paris", "opposes"),
            ("Rome backed the probe", "Rome", "supports"),
            ("Oslo rejected the inquiry", "Oslo", "opposes"),
            ("Bern welcomed the inquiry", "Bern", "supports"),
            ("Lima met envoys on Monday", "Lima", "neutral"),
            ("Kyiv hosted the talks", "Kyiv", "neutral"),
        ];
        let data: Vec<Example> = rows
            .iter()
            .map(|(t, a, l)| Example {
                text: t.to_string(),
                actor: a.to_string(),
                label: l.to_string(),
                group: t.to_string(),
                ..Default::default()
            })
            .collect();
        let (labels, y) = encode_labels(&data);
        let mut opts = TrainOptions::default();
        opts.features.min_count = 1;
        Classifier::fit(
            &prepare(&data, &Dictionary::empty()),
            &y,
            &labels,
            "stance",
            &opts,
        )
        .unwrap()
    }

    #[test]
    fn overall_stance_is_the_most_confident_non_neutral_one() {
        let m = model();
        let mut dict = Dictionary::empty();
        dict.add_csv(
            b"canonical,alias,kind\nFrance,Paris,country\n",
            std::path::Path::new("d.csv"),
        )
        .unwrap();
        let a = Analyzer {
            stance: &m,
            sentiment: None,
            dictionary: &dict,
            min_confidence: 0.0,
            explain: 0,
            reader: None,
        };
        let r = a.analyze("x", "Paris met envoys on Monday. Paris vetoed the probe.");
        assert_eq!(r.actors.len(), 1);
        let france = &r.actors[0];
        assert_eq!(
            (france.actor.as_str(), france.evidence.len()),
            ("France", 2)
        );
        let best = france
            .evidence
            .iter()
            .filter(|e| e.stance != NEUTRAL)
            .map(|e| e.confidence)
            .fold(0.0, f64::max);
        assert_eq!(france.stance, "opposes");
        assert_eq!(france.confidence, best);
        assert_eq!(
            r.stance_pairs(),
            vec![("France".to_string(), "opposes".to_string())]
        );
        // Above every confidence, everything is neutral.
        let strict = Analyzer {
            min_confidence: 1.0,
            ..a
        };
        assert!(
            strict.analyze("x", "Paris vetoed the probe.").actors[0]
                .evidence
                .iter()
                .all(|e| e.stance == NEUTRAL)
        );
    }
}
