//! Feature stage: turn a (sentence, actor) pair into sparse bag-of-words features that know
//! where the actor sits.
//!
//! Features are strings such as `w:regretted`, `b:@a regretted`, `L:by`, `R*:blocked`, hashed
//! on the fly (FNV-1a over the parts, see [`FeatureSink`]) so that prediction allocates no string per feature; the vocabulary
//! keeps the strings for explanations.
//!
//! The actor's mention becomes `@a`, other actors' mentions `@o` ([`extract`]); then each
//! feature [`Family`] the [`FeatureOptions`] list emits its features, one file per family:
//! word n-grams, negation, character n-grams, the lexicon's `V:` features, the topic target,
//! actor identity, reported speech, side windows and zones, cue words, stems, the proposal,
//! and the actor's position with the role bigrams. [`Vocabulary`] fits the features kept and
//! weights them.

mod char_ngrams;
pub mod coordination;
mod cues;
mod extract;
mod family;
mod identity;
mod input;
mod legacy;
mod lexicon;
mod list_heads;
mod negation;
mod options;
mod position;
pub mod proposal;
mod quotes;
mod sink;
mod speech;
mod spelling;
pub mod stems;
mod target;
#[cfg(test)]
mod testing;
mod vocabulary;
mod windows;
mod word_ngrams;

pub use cues::Cues;
pub use extract::{ACTOR, OTHER, extract};
pub use family::{
    CharNgramParams, CueParams, Family, LexiconParams, TargetCrossParams, WindowParams,
    WordNgramParams,
};
pub use input::{ActorSentence, find_whole_word};
pub use legacy::LegacyFeatureOptions;
#[cfg(test)]
pub(crate) use legacy::V4_OPTIONS;
pub use lexicon::Lexicon;
pub use options::{FeatureOptions, FeatureParams, MAX_WINDOW, Weighting};
pub use sink::{FeatureSink, HashSink, StringSink, feature_hash};
pub use vocabulary::Vocabulary;
