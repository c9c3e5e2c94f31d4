//! Actor stage: find who is named in a sentence — countries (by name, capital or demonym),
//! organisations, and people introduced by a title — and keep track of them across an article
//! (surname-only mentions, "he"/"she" pointing back to the last person named).
//!
//! [`Dictionary`] holds the known actors and their aliases; [`ActorTracker::find`] runs the
//! rules over one sentence after another — datelines masked, people behind titles, the
//! dictionary, names already seen, organisation names, untitled people in apposition, lists
//! of people after a plural title, groups acting together ("Western countries"),
//! pronouns — one file per rule family; [`span`] has the span checks they share.

mod apposition;
mod collectives;
mod coordination;
mod datelines;
mod demonyms;
mod dictionary;
mod headlines;
mod modifiers;
mod names;
mod organisations;
mod pronouns;
pub mod span;
mod titles;
mod tracker;
mod words;

pub use datelines::mask_dateline;
pub use dictionary::{ActorInfo, ActorKind, BUILTIN_ACTORS_CSV, Dictionary};
pub use tracker::{ActorTracker, FoundActor, Mention};

#[cfg(test)]
mod tests;
