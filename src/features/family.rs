//! The feature families a model uses, as the model file stores them: one tagged arm per
//! family, each holding only its own parameters (`{"type": "char-ngrams", "min": 2, "max": 5,
//! "across": false, "block_norm": true}`), so a setting that means something only with
//! another one lives inside it and an impossible combination cannot be written.

use serde::{Deserialize, Serialize};

use crate::embed::EmbeddingSpec;

pub use super::char_ngrams::CharNgramParams;
pub use super::cues::CueParams;
pub use super::lexicon::LexiconParams;
pub use super::target::TargetCrossParams;
pub use super::windows::WindowParams;
pub use super::word_ngrams::WordNgramParams;

/// One feature family and its parameters. A model lists the families it uses, at most one of
/// each, in the order of this enum (the extractor's order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Family {
    /// Word n-grams (`w:`, `b:`, `t:`, `n:`).
    WordNgrams(WordNgramParams),
    /// Character n-grams within words (`c:`) or across them (`k:`).
    CharNgrams(CharNgramParams),
    /// Side-marked words around the actor (`L:`, `R:`, `L1:`…).
    Windows(WindowParams),
    /// The words between the actor and its neighbouring actors (`L*:`, `R*:`).
    Zones,
    /// The nearest χ²-selected cue word on each side of the actor (`C>:`, `C<:`…).
    Cues(CueParams),
    /// In sentences naming other actors too, the word bigrams marked by whether this actor is
    /// named first (`bf:`) or after another (`bl:`).
    RoleBigrams,
    /// Words up to three tokens after a negation (`N:`).
    Negation,
    /// Reported speech: the actor speaks, is quoted, or the sentence quotes anyone.
    Speech,
    /// Where a sentiment lexicon's words stand relative to the actor, with their sign (`V:`).
    Lexicon(LexiconParams),
    /// Who the actor is: its name's words, lower-cased (`id:`).
    Identity,
    /// When the actor is a topic rather than a name in the text (a tweet's target), words
    /// sharing a stem with it stand for the actor, and whether it is mentioned is a feature.
    TopicOverlap,
    /// When the actor is not in the text, its name crossed with the words (`T:`, `TB:`).
    TargetCross(TargetCrossParams),
    /// A coordinated list of actors ("Russia, China and Brazil") is read as one mention.
    Coordination,
    /// An actor listed in apposition to a plural head ("Six countries opposed it — China, Cuba
    /// …", "… including Bill Cassidy of Louisiana") is read in the head's place.
    ListHeads,
    /// American spelling read as British, the corpus's ("in favor" as "in favour",
    /// "criticized" as "criticised").
    BritishSpelling,
    /// Negative contractions written out, as the corpus writes them ("doesn't" as "does
    /// not").
    Contractions,
    /// A connective opening the sentence ("But", "Yet", "However") ties it to the sentence
    /// before and is not read.
    OpeningConnectives,
    /// When the actor is the speaker, the words inside the sentence's quotation marks are read
    /// as its own (`Q:`, `Q2:`), wherever they stand.
    SpeakerQuotes,
    /// Whether the sentence names a proposal and how near the actor (`x:proposal-…`).
    Proposal,
    /// Word stems (`s:`, and `sL:`/`sR:` within the window).
    Stems,
    /// A pretrained sentence encoder's embedding of the text as a dense block (`emb:`).
    Embeddings(EmbeddingSpec),
}

impl Family {
    /// The family's name as the model file writes it (its `type`).
    pub fn name(&self) -> &'static str {
        match self {
            Family::WordNgrams(_) => "word-ngrams",
            Family::CharNgrams(_) => "char-ngrams",
            Family::Windows(_) => "windows",
            Family::Zones => "zones",
            Family::Cues(_) => "cues",
            Family::RoleBigrams => "role-bigrams",
            Family::Negation => "negation",
            Family::Speech => "speech",
            Family::Lexicon(_) => "lexicon",
            Family::Identity => "identity",
            Family::TopicOverlap => "topic-overlap",
            Family::TargetCross(_) => "target-cross",
            Family::Coordination => "coordination",
            Family::ListHeads => "list-heads",
            Family::BritishSpelling => "british-spelling",
            Family::Contractions => "contractions",
            Family::OpeningConnectives => "opening-connectives",
            Family::SpeakerQuotes => "speaker-quotes",
            Family::Proposal => "proposal",
            Family::Stems => "stems",
            Family::Embeddings(_) => "embeddings",
        }
    }

    /// Position in the canonical order (that of the enum).
    pub(crate) fn rank(&self) -> usize {
        FAMILY_NAMES
            .iter()
            .position(|n| *n == self.name())
            .unwrap_or(FAMILY_NAMES.len())
    }

    /// Whether `self` and `other` are the same family (whatever their parameters).
    pub fn same_kind(&self, other: &Family) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Every family's name, in the canonical order.
const FAMILY_NAMES: [&str; 21] = [
    "word-ngrams",
    "char-ngrams",
    "windows",
    "zones",
    "cues",
    "role-bigrams",
    "negation",
    "speech",
    "lexicon",
    "identity",
    "topic-overlap",
    "target-cross",
    "coordination",
    "list-heads",
    "british-spelling",
    "contractions",
    "opening-connectives",
    "speaker-quotes",
    "proposal",
    "stems",
    "embeddings",
];

/// Serde adapter for the families inside the binary model form: postcard cannot read serde's
/// internally tagged enums (they need a self-describing format), so there the list is stored
/// as its JSON text; human-readable formats get the list itself.
pub(crate) mod json_in_binary {
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Family;

    /// Writes the families (JSON text in binary formats).
    pub fn serialize<S: Serializer>(families: &[Family], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            families.serialize(s)
        } else {
            serde_json::to_string(families)
                .map_err(S::Error::custom)?
                .serialize(s)
        }
    }

    /// Reads the families (JSON text in binary formats).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Family>, D::Error> {
        if d.is_human_readable() {
            Vec::deserialize(d)
        } else {
            let text = String::deserialize(d)?;
            serde_json::from_str(&text).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_tagged_by_type_and_in_canonical_order() {
        let f = Family::CharNgrams(CharNgramParams {
            min: 2,
            max: 5,
            across: false,
            block_norm: true,
        });
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"type":"char-ngrams","min":2,"max":5,"across":false,"block_norm":true}"#
        );
        assert_eq!(serde_json::from_str::<Family>(&json).unwrap(), f);
        assert_eq!(
            serde_json::to_string(&Family::Zones).unwrap(),
            r#"{"type":"zones"}"#
        );
        for (i, name) in FAMILY_NAMES.iter().enumerate() {
            let json = format!(r#"{{"type":"{name}"}}"#);
            if let Ok(f) = serde_json::from_str::<Family>(&json) {
                assert_eq!((f.name(), f.rank()), (*name, i));
            }
        }
        let e = serde_json::from_str::<Family>(r#"{"type":"zones-and-more"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown variant"), "{e}");
    }
}
