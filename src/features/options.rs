//! The feature options: the settings every family shares (mention placeholders, weighting,
//! minimum count) and the list of [`Family`] values the extractor emits.

use serde::{Deserialize, Serialize};

use super::Lexicon;
use super::family::{
    CharNgramParams, CueParams, Family, TargetCrossParams, WindowParams, WordNgramParams,
};
use crate::embed::EmbeddingSpec;
use crate::error::{Result, StanceError};

/// How feature values are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weighting {
    /// Term frequency (1 + ln tf when sublinear).
    Tf,
    /// Term frequency × inverse document frequency.
    TfIdf,
}

/// Options of the feature extractor. Defaults were chosen by cross-validation on the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureOptions {
    /// Replace actor mentions by placeholders (off: plain bag of words, and the families that
    /// read where the actor is emit nothing).
    pub actor_aware: bool,
    /// Drop features seen in fewer training rows than this.
    pub min_count: u32,
    /// Weighting scheme.
    pub weighting: Weighting,
    /// Use 1 + ln(tf) instead of tf.
    pub sublinear_tf: bool,
    /// The feature families, at most one of each, in canonical order (see [`Family`]).
    #[serde(with = "super::family::json_in_binary")]
    pub families: Vec<Family>,
}

/// Largest actor window accepted (words on each side).
pub const MAX_WINDOW: usize = 50;

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions {
            actor_aware: true,
            min_count: 2,
            weighting: Weighting::TfIdf,
            sublinear_tf: true,
            families: vec![
                Family::WordNgrams(WordNgramParams { min: 1, max: 2 }),
                Family::Windows(WindowParams { size: 5 }),
                Family::Zones,
                Family::Cues(CueParams { count: 300 }),
                Family::RoleBigrams,
                Family::Coordination,
                Family::Stems,
            ],
        }
    }
}

impl FeatureOptions {
    /// These options with `family` added, or replacing the family of its kind, kept in
    /// canonical order.
    pub fn with(mut self, family: Family) -> Self {
        self.set(family);
        self
    }

    /// Adds `family`, or replaces the family of its kind, keeping the canonical order.
    pub fn set(&mut self, family: Family) {
        self.families.retain(|f| !f.same_kind(&family));
        self.families.push(family);
        self.families.sort_by_key(Family::rank);
    }

    /// These options without the family of `kind`'s kind (its parameters do not matter).
    pub fn without(mut self, kind: &Family) -> Self {
        self.families.retain(|f| !f.same_kind(kind));
        self
    }

    /// Whether the options use the family of `kind`'s kind (its parameters do not matter).
    pub fn has(&self, kind: &Family) -> bool {
        self.families.iter().any(|f| f.same_kind(kind))
    }

    /// The word n-gram orders, if any.
    pub fn word_ngrams(&self) -> Option<WordNgramParams> {
        self.families.iter().find_map(|f| match f {
            Family::WordNgrams(p) => Some(*p),
            _ => None,
        })
    }

    /// The character n-gram parameters, if any.
    pub fn char_ngrams(&self) -> Option<&CharNgramParams> {
        self.families.iter().find_map(|f| match f {
            Family::CharNgrams(p) => Some(p),
            _ => None,
        })
    }

    /// Whether character n-grams are normalised as a block of their own.
    pub fn block_norm(&self) -> bool {
        self.char_ngrams().is_some_and(|c| c.block_norm)
    }

    /// Words on each side of the actor in its window (0: no window).
    pub fn window(&self) -> usize {
        self.families
            .iter()
            .find_map(|f| match f {
                Family::Windows(w) => Some(w.size),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Number of cue words (0: none).
    pub fn cue_count(&self) -> usize {
        self.families
            .iter()
            .find_map(|f| match f {
                Family::Cues(c) => Some(c.count),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// The sentiment lexicon, if any.
    pub fn lexicon(&self) -> Option<&Lexicon> {
        self.families.iter().find_map(|f| match f {
            Family::Lexicon(l) => Some(&l.entries),
            _ => None,
        })
    }

    /// The topic crossing, if any.
    pub fn target_cross(&self) -> Option<TargetCrossParams> {
        self.families.iter().find_map(|f| match f {
            Family::TargetCross(t) => Some(*t),
            _ => None,
        })
    }

    /// Whether every feature is also crossed with the topic.
    pub fn cross_all(&self) -> bool {
        self.target_cross().is_some_and(|t| t.cross_all)
    }

    /// The sentence encoder's spec, if the options use embeddings.
    pub fn embeddings(&self) -> Option<&EmbeddingSpec> {
        self.families.iter().find_map(|f| match f {
            Family::Embeddings(e) => Some(e),
            _ => None,
        })
    }

    /// Checks the options make sense.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(StanceError::Params(m));
        for (i, f) in self.families.iter().enumerate() {
            if let Some(prev) = self.families[..i].iter().find(|p| p.rank() >= f.rank()) {
                return bad(if prev.same_kind(f) {
                    format!("the {} family is listed twice", f.name())
                } else {
                    format!(
                        "{} listed after {}: families go in canonical order",
                        f.name(),
                        prev.name()
                    )
                });
            }
        }
        if let Some(WordNgramParams { min: a, max: b }) = self.word_ngrams()
            && (a == 0 || b < a || b > 5)
        {
            return bad(format!("word n-grams {a}..{b}: need 1 <= min <= max <= 5"));
        }
        if let Some(&CharNgramParams { min: a, max: b, .. }) = self.char_ngrams()
            && (a == 0 || b < a || b > 8)
        {
            return bad(format!("char n-grams {a}..{b}: need 1 <= min <= max <= 8"));
        }
        if self.min_count == 0 {
            return bad("min count must be at least 1".into());
        }
        if let Some(e) = self.embeddings() {
            if e.dim == 0 || e.dim > 100_000 || !(e.weight.is_finite() && e.weight > 0.0) {
                return bad(format!(
                    "embeddings: {} dimensions at weight {}: need 1 to 100000 dimensions and \
                     a positive weight",
                    e.dim, e.weight
                ));
            }
            if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return bad("embeddings: the encoder's sha256 is not 64 hex digits".into());
            }
        }
        // The extractor walks the window word by word: bound it (a damaged model file with a
        // window of 2^60 would otherwise hang; found by fuzzing the binary model form).
        if self.window() > MAX_WINDOW {
            return bad(format!(
                "window {}: at most {MAX_WINDOW} words",
                self.window()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_set_once_in_canonical_order() {
        let o = FeatureOptions::default()
            .with(Family::Negation)
            .with(Family::Windows(WindowParams { size: 3 }))
            .without(&Family::Stems);
        assert_eq!(o.window(), 3);
        assert!(o.has(&Family::Negation) && !o.has(&Family::Stems));
        o.validate().unwrap();
        let mut twice = o.clone();
        twice.families.push(Family::Negation);
        let e = twice.validate().unwrap_err().to_string();
        assert!(e.contains("negation family is listed twice"), "{e}");
        let mut swapped = o;
        swapped.families.swap(0, 1);
        assert!(
            swapped
                .validate()
                .unwrap_err()
                .to_string()
                .contains("canonical order")
        );
    }
}
