//! The feature options: which families the extractor emits and how the values are weighted.
//! Their serde names and defaults are those of the model files on disk.

use serde::{Deserialize, Serialize};

use super::Lexicon;
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
    /// Word n-gram orders, inclusive (1..=2 = unigrams and bigrams).
    pub word_ngrams: (usize, usize),
    /// Character n-gram orders within words, inclusive; `None` for no character n-grams.
    pub char_ngrams: Option<(usize, usize)>,
    /// Words within this distance of the actor get side-marked features (0 = none).
    pub window: usize,
    /// Mark the zones between the actor and its neighbouring actors.
    pub zones: bool,
    /// Number of cue words (χ²-selected) whose nearest occurrence left and right of the actor is a feature (0 = off).
    pub cues: usize,
    /// When the actor is not in the text, cross its name with the words (`T:` features).
    #[serde(default)]
    pub target_cross: bool,
    /// Replace actor mentions by placeholders (off: plain bag of words).
    pub actor_aware: bool,
    /// Drop features seen in fewer training rows than this.
    pub min_count: u32,
    /// Weighting scheme.
    pub weighting: Weighting,
    /// Use 1 + ln(tf) instead of tf.
    pub sublinear_tf: bool,
    /// L2-normalise the character n-gram block and the other features separately (each block
    /// gets norm 1, like concatenating two TF-IDF vectorisers) instead of as one vector, so the
    /// many character n-grams do not drown the word features.
    #[serde(default)]
    pub block_norm: bool,
    /// Character n-grams over the whole sentence (lower-cased, white space collapsed), across
    /// word boundaries and punctuation ("k:" features), instead of within words only.
    #[serde(default)]
    pub char_across: bool,
    /// When the actor is a topic rather than a name in the text (a tweet's target), words that
    /// share a stem with the topic ("feminists" for "feminist") stand for the actor, so the
    /// actor-relative features apply; the topic is also crossed with whether it is mentioned.
    #[serde(default)]
    pub target_overlap: bool,
    /// Words up to three tokens after a negation ("not", "never", "n't", …) also give `N:` features.
    #[serde(default)]
    pub negation: bool,
    /// Reported-speech features: whether the actor is the speaker ("X said", "said X",
    /// "according to X"), is inside a quotation, or the sentence quotes anyone.
    #[serde(default)]
    pub speech: bool,
    /// With `target_cross`: every feature (character n-grams included) is also emitted crossed
    /// with the topic (`name|` prefix), i.e. one shared model plus one per topic in a single fit.
    #[serde(default)]
    pub cross_all: bool,
    /// In sentences that name other actors too, the word bigrams again, marked by whether this
    /// actor is named first (`bf:`) or after another (`bl:`): the same words read differently
    /// for the subject of "X rejected a proposal by Y and Z" than for Y and Z. On by default
    /// (chosen by CV); models saved before it existed load with it off.
    #[serde(default)]
    pub role_bigrams: bool,
    /// A sentiment lexicon (word → valence): where its words stand relative to the actor, with
    /// their sign, become `V:` features (empty: none). Stored in the model with the options.
    #[serde(default)]
    pub lexicon: Lexicon,
    /// Who the actor is: its name's words, lower-cased (`id:` features), so the model can learn
    /// how the training text usually portrays a recurring actor. Off by default: it learns a
    /// prior per name, which helps only where the same names recur in new text.
    #[serde(default)]
    pub actor_identity: bool,
    /// A pretrained sentence encoder's embedding of the whole text as a dense block of
    /// features (`emb:` columns after the n-grams; with `target_cross` and `cross_all`, also
    /// one block per topic), scaled by the spec's weight. `None`: no embeddings.
    #[serde(default)]
    pub embeddings: Option<crate::embed::EmbeddingSpec>,
    /// Read a coordinated list of actors ("Russia, China and Brazil") as one mention, so each
    /// member gets the context of the whole list (see [`coordination`](super::coordination)). Models saved before it
    /// existed load with it off.
    #[serde(default)]
    pub coordination: bool,
    /// Whether the sentence names a proposal (an investigation, a referral, a vote…) and how
    /// near the actor (`x:proposal-none|near|far`; see [`proposal`](super::proposal)). Off by default: it tied
    /// in cross-validation (macro-F1 0.807 with and without). Models saved before it existed
    /// load with it off.
    #[serde(default)]
    pub proposal: bool,
    /// Word stems (`s:`, and `sL:`/`sR:` within the window of the actor; see [`stems`](super::stems)), so
    /// inflections the corpus lacks read like the ones it has. Models saved before it existed
    /// load with it off.
    #[serde(default)]
    pub stems: bool,
}

/// Largest actor window accepted (words on each side).
pub const MAX_WINDOW: usize = 50;

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions {
            word_ngrams: (1, 2),
            char_ngrams: None,
            window: 5,
            zones: true,
            cues: 300,
            target_cross: false,
            actor_aware: true,
            min_count: 2,
            weighting: Weighting::TfIdf,
            sublinear_tf: true,
            block_norm: false,
            char_across: false,
            target_overlap: false,
            negation: false,
            speech: false,
            role_bigrams: true,
            cross_all: false,
            lexicon: Lexicon::default(),
            actor_identity: false,
            embeddings: None,
            coordination: true,
            proposal: false,
            stems: true,
        }
    }
}

impl FeatureOptions {
    /// Checks the options make sense.
    pub fn validate(&self) -> Result<()> {
        let (a, b) = self.word_ngrams;
        if a == 0 || b < a || b > 5 {
            return Err(StanceError::Params(format!(
                "word n-grams {a}..{b}: need 1 <= min <= max <= 5"
            )));
        }
        if let Some((a, b)) = self.char_ngrams
            && (a == 0 || b < a || b > 8)
        {
            return Err(StanceError::Params(format!(
                "char n-grams {a}..{b}: need 1 <= min <= max <= 8"
            )));
        }
        if self.min_count == 0 {
            return Err(StanceError::Params("min count must be at least 1".into()));
        }
        if let Some(e) = &self.embeddings {
            if e.dim == 0 || e.dim > 100_000 || !(e.weight.is_finite() && e.weight > 0.0) {
                return Err(StanceError::Params(format!(
                    "embeddings: {} dimensions at weight {}: need 1 to 100000 dimensions and \
                     a positive weight",
                    e.dim, e.weight
                )));
            }
            if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(StanceError::Params(
                    "embeddings: the encoder's sha256 is not 64 hex digits".into(),
                ));
            }
        }
        // The extractor walks the window word by word: bound it (a damaged model file with a
        // window of 2^60 would otherwise hang; found by fuzzing the binary model form).
        if self.window > MAX_WINDOW {
            return Err(StanceError::Params(format!(
                "window {}: at most {MAX_WINDOW} words",
                self.window
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_option_files_load_with_the_new_options_off() {
        let mut v = serde_json::to_value(FeatureOptions::default()).unwrap();
        for k in [
            "block_norm",
            "char_across",
            "target_overlap",
            "negation",
            "speech",
            "cross_all",
            "target_cross",
        ] {
            v.as_object_mut().unwrap().remove(k).unwrap();
        }
        let o: FeatureOptions = serde_json::from_value(v).unwrap();
        assert_eq!(o, FeatureOptions::default());
    }
}
