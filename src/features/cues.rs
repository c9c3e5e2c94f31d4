//! Cue words: the words most associated with the labels in the training data, chosen by χ²
//! when the vocabulary is fitted, and their feature family — the nearest cue on each side of
//! the actor (`C>:`, `C<:`, the second nearest `C>2:`, `C<2:`; `C>o:`, `C<o:` when another
//! actor stands in between).

use rustc_hash::{FxHashMap, FxHashSet};

use super::extract::{FeatureFamily, SequenceContext};
use super::sink::hash_parts;
use super::{ACTOR, ActorSentence, FeatureSink, OTHER};
use crate::text::tokenize;

use serde::{Deserialize, Serialize};

/// Cue words: how many χ²-selected words are located relative to the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueParams {
    /// Number of cue words.
    pub count: usize,
}

/// Function words never chosen as cues: they co-occur with labels through the constructions
/// around them ("called for *a* probe"), not on their own, and would crowd out content words.
/// A fixed English list, as in every bag-of-words toolkit.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "over",
    "and", "or", "but", "as", "that", "this", "these", "those", "it", "its", "he", "she", "his",
    "her", "they", "their", "them", "we", "our", "i", "you", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "could", "should",
    "may", "might", "can", "s", "said", "says", "which", "who", "whom", "what", "when", "where",
    "while", "after", "before", "about", "than", "then", "there", "also", "on", "up", "out", "not",
    "no", "if", "so", "such", "any", "all", "some", "one", "two", "new", "its",
];

/// Cue words: the words most associated with the labels in the training data (chosen by χ²
/// when the vocabulary is fitted). For each actor mention, the nearest cue on each side is a
/// feature, marked when another actor stands in between — a learned stand-in for "the verb
/// this actor governs", robust to appositives and long clauses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cues {
    /// The cue words (lower case), sorted.
    pub words: Vec<String>,
    hashes: FxHashSet<u64>,
}

impl Cues {
    /// Cues from stored words.
    pub fn new(words: Vec<String>) -> Self {
        let hashes = words.iter().map(|w| hash_parts("", &[w])).collect();
        Cues { words, hashes }
    }

    fn contains(&self, token: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&hash_parts("", &[token]))
    }

    /// The `n` words most associated with the labels `y` by χ² (document frequency ≥ 3).
    pub fn select(inputs: &[ActorSentence], y: &[usize], n: usize) -> Cues {
        use rayon::prelude::*;
        let k = y.iter().max().map_or(0, |m| m + 1);
        let mut class_total = vec![0.0; k];
        for &c in y {
            class_total[c] += 1.0;
        }
        // Per chunk of rows (in parallel): for each lower-cased word, its row count per label,
        // keyed by the word's hash; the word itself is kept once per chunk. Counts are whole
        // numbers, so merging the chunks in any order gives the same result.
        type Counts = FxHashMap<u64, (String, Vec<u32>)>;
        let chunks: Vec<Counts> = inputs
            .par_chunks(4096)
            .zip(y.par_chunks(4096))
            .map(|(rows, labels)| {
                let mut counts = Counts::default();
                let mut seen: Vec<u64> = Vec::new();
                for (s, &c) in rows.iter().zip(labels) {
                    seen.clear();
                    for t in tokenize(s.text) {
                        let h = hash_parts("", &[t.text]);
                        if seen.contains(&h) {
                            continue;
                        }
                        seen.push(h);
                        counts
                            .entry(h)
                            .or_insert_with(|| (t.text.to_lowercase(), vec![0; k]))
                            .1[c] += 1;
                    }
                }
                counts
            })
            .collect();
        let mut counts = Counts::default();
        for chunk in chunks {
            for (h, (word, c)) in chunk {
                let e = counts.entry(h).or_insert_with(|| (word, vec![0; k]));
                e.1.iter_mut().zip(&c).for_each(|(a, b)| *a += b);
            }
        }
        let total: f64 = class_total.iter().sum();
        let mut scored: Vec<(f64, String)> = counts
            .into_values()
            .filter(|(w, c)| {
                c.iter().sum::<u32>() >= 3
                    && w.chars().any(char::is_alphabetic)
                    && !STOPWORDS.contains(&w.as_str())
            })
            .map(|(w, c)| {
                let df = f64::from(c.iter().sum::<u32>());
                let chi2: f64 = (0..k)
                    .map(|j| {
                        let expected = df * class_total[j] / total;
                        (f64::from(c[j]) - expected).powi(2) / expected.max(1e-9)
                    })
                    .sum();
                (chi2, w)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut words: Vec<String> = scored.into_iter().take(n).map(|(_, w)| w).collect();
        words.sort();
        Cues::new(words)
    }
}

impl FeatureFamily for Cues {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let seq = &ctx.seq;
        for &p in &ctx.actor_pos {
            for (dir, range) in [
                (
                    ">",
                    Box::new(p + 1..seq.len()) as Box<dyn Iterator<Item = usize>>,
                ),
                ("<", Box::new((0..p).rev())),
            ] {
                let mut blocked = false;
                let mut found = 0;
                for q in range {
                    if seq[q] == OTHER {
                        blocked = true;
                    } else if seq[q] != ACTOR && self.contains(seq[q]) {
                        if found == 0 {
                            sink.emit(if dir == ">" { "C>:" } else { "C<:" }, &[seq[q]]);
                            if blocked {
                                sink.emit(if dir == ">" { "C>o:" } else { "C<o:" }, &[seq[q]]);
                            }
                        } else {
                            sink.emit(if dir == ">" { "C>2:" } else { "C<2:" }, &[seq[q]]);
                        }
                        found += 1;
                        if found == 2 {
                            break;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FeatureOptions, StringSink, extract, find_whole_word};
    use super::*;

    #[test]
    fn possessive_survives_the_placeholder_and_cues_skip_other_actors() {
        let t = "Lavrov regretted Washington's opposition";
        let spans = find_whole_word(t, "Lavrov");
        let s = ActorSentence::locate(t, "Washington", &spans);
        let cues = Cues::new(vec!["opposition".into(), "regretted".into()]);
        let mut sink = StringSink::default();
        extract(&s, &FeatureOptions::default(), &cues, &mut sink);
        assert!(sink.0.contains(&"b:@a 's".to_string()), "{:?}", sink.0);
        assert!(
            sink.0.contains(&"C>:opposition".to_string())
                && sink.0.contains(&"C<:regretted".to_string())
        );
        let s = ActorSentence::locate(t, "Lavrov", &find_whole_word(t, "Washington"));
        let mut sink = StringSink::default();
        extract(&s, &FeatureOptions::default(), &cues, &mut sink);
        assert!(
            sink.0.contains(&"C>:regretted".to_string())
                && sink.0.contains(&"C>2:opposition".to_string())
        );
    }
}
