//! The feature options as model files of format versions 1 to 4 (and binary layout
//! `STANCEM4`) stored them: one flat record of switches. Kept only to read those files; they
//! are converted into the list of [`Family`] values on loading.

use serde::{Deserialize, Serialize};

use super::family::{
    CharNgramParams, CueParams, Family, LexiconParams, TargetCrossParams, WindowParams,
    WordNgramParams,
};
use super::{FeatureOptions, Lexicon, Weighting};

/// The flat feature options of format versions 1 to 4 (field order and serde defaults as
/// they were: the binary layout `STANCEM4` depends on them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyFeatureOptions {
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

impl LegacyFeatureOptions {
    /// The oldest format version (1 to 4) that could hold these options: a file claiming an
    /// older one was written by a build that would have misread it.
    pub fn format_version(&self) -> u32 {
        if self.coordination || self.proposal || self.stems {
            4
        } else if self.embeddings.is_some() {
            3
        } else if self.actor_identity {
            2
        } else {
            1
        }
    }
}

impl From<LegacyFeatureOptions> for FeatureOptions {
    /// The families the flat options switched on, in the extractor's order. Settings that had
    /// no effect in the flat form (block normalisation or reading across words without
    /// character n-grams, crossing every feature without the target crossing, an empty
    /// lexicon, a window or cue count of 0) are dropped: the features are the same.
    fn from(o: LegacyFeatureOptions) -> Self {
        let (min, max) = o.word_ngrams;
        let mut families = vec![Family::WordNgrams(WordNgramParams { min, max })];
        if let Some((min, max)) = o.char_ngrams {
            families.push(Family::CharNgrams(CharNgramParams {
                min,
                max,
                across: o.char_across,
                block_norm: o.block_norm,
            }));
        }
        let switches = [
            (
                o.window > 0,
                Family::Windows(WindowParams { size: o.window }),
            ),
            (o.zones, Family::Zones),
            (o.cues > 0, Family::Cues(CueParams { count: o.cues })),
            (o.role_bigrams, Family::RoleBigrams),
            (o.negation, Family::Negation),
            (o.speech, Family::Speech),
        ];
        families.extend(switches.into_iter().filter(|(on, _)| *on).map(|(_, f)| f));
        if !o.lexicon.is_empty() {
            families.push(Family::Lexicon(LexiconParams { entries: o.lexicon }));
        }
        let target_cross = Family::TargetCross(TargetCrossParams {
            cross_all: o.cross_all,
        });
        let switches = [
            (o.actor_identity, Family::Identity),
            (o.target_overlap, Family::TopicOverlap),
            (o.target_cross, target_cross),
            (o.coordination, Family::Coordination),
            (o.proposal, Family::Proposal),
            (o.stems, Family::Stems),
        ];
        families.extend(switches.into_iter().filter(|(on, _)| *on).map(|(_, f)| f));
        families.extend(o.embeddings.map(Family::Embeddings));
        FeatureOptions {
            actor_aware: o.actor_aware,
            min_count: o.min_count,
            weighting: o.weighting,
            sublinear_tf: o.sublinear_tf,
            families,
        }
    }
}

/// The feature options of the stance model shipped with format version 4 (for tests).
#[cfg(test)]
pub(crate) const V4_OPTIONS: &str = r#"{"word_ngrams":[1,2],"char_ngrams":null,"window":5,"zones":true,
    "cues":300,"target_cross":false,"actor_aware":true,"min_count":2,"weighting":"tf-idf",
    "sublinear_tf":true,"block_norm":false,"char_across":false,"target_overlap":false,
    "negation":false,"speech":false,"cross_all":false,"role_bigrams":true,"lexicon":[],
    "actor_identity":false,"embeddings":null,"coordination":true,"proposal":false,
    "stems":true}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_4_options_become_the_default_families_of_their_time() {
        let old: LegacyFeatureOptions = serde_json::from_str(V4_OPTIONS).unwrap();
        assert_eq!(old.format_version(), 4);
        let new = FeatureOptions::from(old);
        // List heads, British spelling, contractions, opening connectives and speaker quotes
        // came with format 5: older models read as before.
        assert_eq!(
            new,
            FeatureOptions::default()
                .without(&Family::ListHeads)
                .without(&Family::BritishSpelling)
                .without(&Family::Contractions)
                .without(&Family::OpeningConnectives)
                .without(&Family::SpeakerQuotes)
        );
        let names: Vec<_> = new.families.iter().map(Family::name).collect();
        assert_eq!(
            names,
            [
                "word-ngrams",
                "windows",
                "zones",
                "cues",
                "role-bigrams",
                "coordination",
                "stems"
            ]
        );
    }

    #[test]
    fn options_that_depend_on_another_go_inside_it_or_are_dropped() {
        let mut v: serde_json::Value = serde_json::from_str(V4_OPTIONS).unwrap();
        // Options added after version 1 may be missing: they load off.
        for k in [
            "block_norm",
            "char_across",
            "target_overlap",
            "negation",
            "speech",
        ] {
            v.as_object_mut().unwrap().remove(k).unwrap();
        }
        let base: LegacyFeatureOptions = serde_json::from_value(v).unwrap();
        assert!(!base.block_norm && !base.negation);
        let old = LegacyFeatureOptions {
            char_ngrams: Some((2, 5)),
            block_norm: true,
            target_cross: true,
            cross_all: true,
            window: 0,
            cues: 0,
            lexicon: Lexicon::parse("good\t1.5\n", "lex").unwrap(),
            ..base.clone()
        };
        let new = FeatureOptions::from(old);
        assert_eq!(
            new.char_ngrams(),
            Some(&CharNgramParams {
                min: 2,
                max: 5,
                across: false,
                block_norm: true
            })
        );
        assert!(new.cross_all() && new.block_norm());
        assert_eq!((new.window(), new.cue_count()), (0, 0));
        assert_eq!(new.lexicon().map(Lexicon::len), Some(1));
        // Without character n-grams, block normalisation did nothing: it is not carried over.
        let no_chars = LegacyFeatureOptions {
            block_norm: true,
            cross_all: true,
            ..base
        };
        let new = FeatureOptions::from(no_chars);
        assert!(!new.block_norm() && !new.cross_all());
        assert_eq!(
            new.families.len(),
            FeatureOptions::default().families.len() - 5
        );
    }
}
