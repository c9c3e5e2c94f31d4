//! The feature options: the settings every family shares (mention placeholders, weighting,
//! minimum count) and the list of [`Family`] values the extractor emits.

use serde::{Deserialize, Serialize};

use super::Lexicon;
use super::family::{
    CharNgramParams, CueParams, Family, TargetCrossParams, WindowParams, WordNgramParams,
};
use crate::embed::EmbeddingSpec;
use crate::error::{ParamsError, Result};

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
                Family::ListHeads,
                Family::BritishSpelling,
                Family::Contractions,
                Family::OpeningConnectives,
                Family::SpeakerQuotes,
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

    /// Gives the embeddings family (if any) the encoder it reads with.
    pub fn set_encoder(&mut self, encoder: &crate::embed::Encoder) {
        for f in &mut self.families {
            if let Family::Embeddings(spec) = f {
                spec.encoder = Some(encoder.clone());
            }
        }
    }

    /// The warnings the embeddings' encoder recorded since the last call (none without one).
    pub fn take_encoder_warnings(&self) -> Vec<String> {
        let encoder = self.embeddings().and_then(|s| s.encoder.as_ref());
        encoder.map_or_else(Vec::new, crate::embed::Encoder::take_warnings)
    }

    /// A builder starting from the defaults, checked by [`linfa::ParamGuard`].
    pub fn params() -> FeatureParams {
        FeatureParams(FeatureOptions::default())
    }
}

/// Feature options, unchecked: build them from [`FeatureOptions::params`] (or any options
/// with `From`) and get checked [`FeatureOptions`] with [`linfa::ParamGuard::check`].
///
/// ```
/// use linfa::ParamGuard;
/// use stance::features::{Family, FeatureOptions, WindowParams};
/// let opts = FeatureOptions::params()
///     .family(Family::Windows(WindowParams { size: 3 }))
///     .min_count(1)
///     .check()
///     .unwrap();
/// assert_eq!(opts.window(), 3);
/// assert!(FeatureOptions::params().min_count(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureParams(FeatureOptions);

impl From<FeatureOptions> for FeatureParams {
    fn from(options: FeatureOptions) -> Self {
        FeatureParams(options)
    }
}

impl FeatureParams {
    /// Adds `family`, or replaces the family of its kind.
    pub fn family(mut self, family: Family) -> Self {
        self.0.set(family);
        self
    }
    /// Removes the family of `kind`'s kind.
    pub fn without(mut self, kind: &Family) -> Self {
        self.0 = self.0.without(kind);
        self
    }
    crate::params::setters! {
        /// Replaces actor mentions by placeholders (on by default).
        actor_aware: bool => actor_aware;
        /// Drops features seen in fewer training rows than this (at least 1).
        min_count: u32 => min_count;
        /// Sets the weighting scheme.
        weighting: Weighting => weighting;
        /// Uses 1 + ln(tf) instead of tf.
        sublinear_tf: bool => sublinear_tf;
    }

    /// Checks `options` by every rule without taking them.
    pub(crate) fn check_options(options: &FeatureOptions) -> Result<(), ParamsError> {
        check_families(&options.families)?;
        if options.min_count == 0 {
            return Err(ParamsError::MinCount);
        }
        Ok(())
    }
}

crate::params::param_guard!(FeatureParams => FeatureOptions, FeatureParams::check_options);

/// The rules of the family list: each family once, in canonical order, each within its bounds.
fn check_families(families: &[Family]) -> Result<(), ParamsError> {
    for (i, f) in families.iter().enumerate() {
        if let Some(prev) = families[..i].iter().find(|p| p.rank() >= f.rank()) {
            return Err(if prev.same_kind(f) {
                ParamsError::FamilyTwice { family: f.name() }
            } else {
                ParamsError::FamilyOrder {
                    family: f.name(),
                    after: prev.name(),
                }
            });
        }
        check_family(f)?;
    }
    Ok(())
}

/// The bounds of one family's parameters.
fn check_family(f: &Family) -> Result<(), ParamsError> {
    let empty = |what| {
        Err(ParamsError::EmptyFamily {
            family: f.name(),
            what,
        })
    };
    match f {
        &Family::WordNgrams(WordNgramParams { min, max }) if min == 0 || max < min || max > 5 => {
            Err(ParamsError::WordNgrams { min, max })
        }
        &Family::CharNgrams(CharNgramParams { min, max, .. })
            if min == 0 || max < min || max > 8 =>
        {
            Err(ParamsError::CharNgrams { min, max })
        }
        // The extractor walks the window word by word: bound it (a damaged model file with a
        // window of 2^60 would otherwise hang; found by fuzzing the binary model form).
        Family::Windows(w) if w.size > MAX_WINDOW => Err(ParamsError::Window {
            size: w.size,
            max: MAX_WINDOW,
        }),
        Family::Windows(w) if w.size == 0 => empty("size"),
        Family::Cues(c) if c.count == 0 => empty("count"),
        Family::Lexicon(l) if l.entries.is_empty() => empty("entries"),
        Family::Embeddings(e)
            if e.dim == 0 || e.dim > 100_000 || !(e.weight.is_finite() && e.weight > 0.0) =>
        {
            Err(ParamsError::Embeddings {
                dim: e.dim,
                weight: e.weight,
            })
        }
        Family::Embeddings(e)
            if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Err(ParamsError::EncoderHash {
                sha256: e.sha256.clone(),
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::ParamGuard;

    use crate::params::broken_rule as broken;

    #[test]
    fn families_are_set_once_in_canonical_order() {
        let o = FeatureOptions::params()
            .family(Family::Negation)
            .family(Family::Windows(WindowParams { size: 3 }))
            .without(&Family::Stems)
            .check()
            .unwrap();
        assert_eq!(o.window(), 3);
        assert!(o.has(&Family::Negation) && !o.has(&Family::Stems));
        let mut twice = o.clone();
        twice.families.push(Family::Negation);
        let e = broken(FeatureParams::from(twice));
        assert_eq!(e, ParamsError::FamilyTwice { family: "negation" });
        assert!(
            e.to_string().contains("negation family is listed twice"),
            "{e}"
        );
        let mut swapped = o;
        swapped.families.swap(0, 1);
        let e = broken(FeatureParams::from(swapped));
        assert_eq!(
            e,
            ParamsError::FamilyOrder {
                family: "word-ngrams",
                after: "windows"
            }
        );
        assert!(e.to_string().contains("canonical order"));
    }

    #[test]
    fn each_rule_is_checked() {
        let p = FeatureOptions::params;
        let words = |min, max| Family::WordNgrams(WordNgramParams { min, max });
        let chars = |min, max| {
            Family::CharNgrams(CharNgramParams {
                min,
                max,
                across: false,
                block_norm: false,
            })
        };
        let spec = |dim, weight, sha256: &str| {
            Family::Embeddings(EmbeddingSpec {
                model: "m".into(),
                sha256: sha256.into(),
                dim,
                weight,
                encoder: None,
            })
        };
        let hash = "ab".repeat(32);
        for (params, want) in [
            (
                p().family(words(0, 2)),
                ParamsError::WordNgrams { min: 0, max: 2 },
            ),
            (
                p().family(words(3, 2)),
                ParamsError::WordNgrams { min: 3, max: 2 },
            ),
            (
                p().family(words(1, 6)),
                ParamsError::WordNgrams { min: 1, max: 6 },
            ),
            (
                p().family(chars(2, 9)),
                ParamsError::CharNgrams { min: 2, max: 9 },
            ),
            (
                p().family(chars(0, 3)),
                ParamsError::CharNgrams { min: 0, max: 3 },
            ),
            (
                p().family(Family::Windows(WindowParams { size: 51 })),
                ParamsError::Window { size: 51, max: 50 },
            ),
            (
                p().family(Family::Windows(WindowParams { size: 0 })),
                ParamsError::EmptyFamily {
                    family: "windows",
                    what: "size",
                },
            ),
            (
                p().family(Family::Cues(CueParams { count: 0 })),
                ParamsError::EmptyFamily {
                    family: "cues",
                    what: "count",
                },
            ),
            (
                p().family(Family::Lexicon(super::super::LexiconParams {
                    entries: Lexicon::default(),
                })),
                ParamsError::EmptyFamily {
                    family: "lexicon",
                    what: "entries",
                },
            ),
            (p().min_count(0), ParamsError::MinCount),
            (
                p().family(spec(0, 1.0, &hash)),
                ParamsError::Embeddings {
                    dim: 0,
                    weight: 1.0,
                },
            ),
            (
                p().family(spec(8, -1.0, &hash)),
                ParamsError::Embeddings {
                    dim: 8,
                    weight: -1.0,
                },
            ),
            (
                p().family(spec(8, 1.0, "abc")),
                ParamsError::EncoderHash {
                    sha256: "abc".into(),
                },
            ),
        ] {
            let e = broken(params);
            assert_eq!(e, want);
            assert!(!e.to_string().contains("--"), "{e}");
        }
        assert!(p().family(chars(2, 8)).family(words(1, 5)).check().is_ok());
    }
}
