//! The sentiment lexicon and its `V:` feature family: where the lexicon's words stand relative
//! to the actor, with their sign.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::extract::{FeatureFamily, SequenceContext};
use super::negation::is_negation;
use super::{ACTOR, FeatureSink, OTHER};
use crate::error::{Result, StanceError};

/// A sentiment lexicon, stored in the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LexiconParams {
    /// The lexicon (word → valence).
    pub entries: Lexicon,
}

/// A word-valence lexicon such as VADER's (`word<TAB>score`, e.g. `praised 2.2`), for the `V:`
/// features: each lexicon word of the sentence counts as positive or negative (flipped within
/// three tokens after a negation), strong when |score| ≥ 2, and by where it stands: within
/// three words of the actor on its left or right, within eight, or anywhere in the sentence.
///
/// ```
/// let lex = stance::features::Lexicon::parse("praised\t2.2\nslammed\t-1.9\n", "lex.tsv").unwrap();
/// assert_eq!(lex.score("Praised"), Some(2.2));
/// assert_eq!(lex.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<(String, f32)>", into = "Vec<(String, f32)>")]
pub struct Lexicon {
    entries: Vec<(String, f32)>,
    index: FxHashMap<String, f32>,
}

impl From<Vec<(String, f32)>> for Lexicon {
    fn from(mut entries: Vec<(String, f32)>) -> Self {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        let index = entries.iter().cloned().collect();
        Lexicon { entries, index }
    }
}

impl From<Lexicon> for Vec<(String, f32)> {
    fn from(l: Lexicon) -> Self {
        l.entries
    }
}

impl Lexicon {
    /// Parses `word<TAB or comma>score[…]` lines (more fields are ignored; blank lines and `#`
    /// comments skipped); words are lower-cased. `name` is used in error messages.
    pub fn parse(text: &str, name: &str) -> Result<Lexicon> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let sep = if line.contains('\t') { '\t' } else { ',' };
            let mut fields = line.split(sep);
            let word = fields.next().unwrap_or("").trim();
            let score = fields.next().map(str::trim);
            let bad = |col: usize, msg: String| {
                StanceError::csv(std::path::Path::new(name), i as u64 + 1, Some(col), msg)
            };
            let score: f32 = match score.map(str::parse::<f32>) {
                Some(Ok(v)) if v.is_finite() => v,
                _ => {
                    return Err(bad(
                        word.chars().count() + 2,
                        format!("expected WORD<TAB>SCORE, got {line:?}"),
                    ));
                }
            };
            if word.is_empty() {
                return Err(bad(1, "empty word".into()));
            }
            entries.push((word.to_lowercase(), score));
        }
        if entries.is_empty() {
            return Err(StanceError::Data(format!("{name}: no lexicon entries")));
        }
        Ok(Lexicon::from(entries))
    }

    /// Reads a lexicon file (see [`Lexicon::parse`]).
    pub fn load(path: &std::path::Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| StanceError::io(path, e))?;
        Lexicon::parse(&text, &path.display().to_string())
    }

    /// The score of `word` (any case), if listed.
    pub fn score(&self, word: &str) -> Option<f32> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            self.index.get(&word.to_lowercase()).copied()
        } else {
            self.index.get(word).copied()
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The `V:` features: every lexicon word of the sequence by sign (flipped within three tokens
/// after a negation), strength and place relative to the nearest actor position (`S` =
/// elsewhere, or no actor in the text).
impl FeatureFamily for Lexicon {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let (seq, actor_pos) = (&ctx.seq, &ctx.actor_pos);
        let mut negated = 0u8;
        for (q, w) in seq.iter().enumerate() {
            if let Some(v) = self.score(w).filter(|_| *w != ACTOR && *w != OTHER) {
                let v = if negated > 0 { -v } else { v };
                let sign = if v > 0.0 { "+" } else { "-" };
                // Distance and side to the nearest mention of the actor.
                let p = actor_pos.iter().copied().min_by_key(|&p| p.abs_diff(q));
                let near = p.map_or(usize::MAX, |p| p.abs_diff(q));
                let side = if p.is_some_and(|p| p < q) { "R" } else { "L" };
                let zone = match near {
                    0..=3 => [side, "3"].concat(),
                    4..=8 => [side, "8"].concat(),
                    _ => "S".to_string(),
                };
                for z in [zone.as_str(), "all"] {
                    sink.emit("V:", &[z, sign]);
                    if v.abs() >= 2.0 {
                        sink.emit("V:", &[z, sign, "strong"]);
                    }
                }
            }
            negated = if is_negation(w) {
                3
            } else {
                negated.saturating_sub(1)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::with;
    use super::super::{
        ActorSentence, Family, FeatureOptions, LegacyFeatureOptions, LexiconParams,
    };
    use super::*;

    #[test]
    fn lexicon_words_count_by_side_distance_and_negation() {
        let entries = Lexicon::parse("praised\t2.2\nfailed\t-1.5\ngood\t1.9\n", "t").unwrap();
        let opts = FeatureOptions::default().with(Family::Lexicon(LexiconParams { entries }));
        let text = "Aides praised Smith, but critics said the plan had failed and was not good";
        let f = with(&ActorSentence::locate(text, "Smith", &[]), &opts);
        let has = |x: &str| f.iter().any(|g| g == x);
        // "praised" right before the actor, strong; "failed" seven words to its right; "not
        // good" further away, flipped to negative.
        assert!(has("V:l3 + strong") && has("V:l3 +"), "{f:?}");
        assert!(has("V:r8 -") && has("V:s -") && !has("V:s +"), "{f:?}");
        assert_eq!(f.iter().filter(|g| *g == "V:all -").count(), 2, "{f:?}");
        // Off without a lexicon.
        let plain = with(
            &ActorSentence::locate(text, "Smith", &[]),
            &FeatureOptions::default(),
        );
        assert!(!plain.iter().any(|g| g.starts_with("V:")));
    }

    #[test]
    fn lexicon_files_are_checked_and_old_models_have_none() {
        let lex = Lexicon::parse("# VADER\nGood\t1.9\tx\n\nbad,-2.5\n", "l.tsv").unwrap();
        assert_eq!(
            (lex.len(), lex.score("GOOD"), lex.score("bad")),
            (2, Some(1.9), Some(-2.5))
        );
        let e = Lexicon::parse("good\t1.9\nbad\tvery\n", "l.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("l.tsv:2:5"), "{e}");
        assert!(Lexicon::parse("\n# nothing\n", "l.tsv").is_err());
        let entries = lex.clone();
        let json = serde_json::to_value(
            FeatureOptions::default().with(Family::Lexicon(LexiconParams { entries })),
        )
        .unwrap();
        let back: FeatureOptions = serde_json::from_value(json).unwrap();
        assert_eq!(back.lexicon(), Some(&lex));
        let mut json: serde_json::Value = serde_json::from_str(super::super::V4_OPTIONS).unwrap();
        json.as_object_mut().unwrap().remove("lexicon");
        let old: LegacyFeatureOptions = serde_json::from_value(json).unwrap();
        assert!(FeatureOptions::from(old).lexicon().is_none());
    }
}
