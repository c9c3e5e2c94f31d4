//! Where the proposal is: whether the sentence names anything a stance can be about (an
//! investigation, an inquiry, a referral, a mandate…) and how far from the actor.
//!
//! Real news is half background — history, accusations, biography, casualty figures — whose
//! actors take no stance on any proposal although verbs like "rejected" or "backed" abound.
//! These features let the model learn that a sentence without a proposal is rarely a stance.

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};
use crate::text::PROPOSAL_HEADS;

/// Words beyond the proposal heads that show a proposal is being talked about.
const PROPOSAL_WORDS: &[&str] = &[
    "investigate",
    "investigated",
    "investigating",
    "probing",
    "referral",
    "refer",
    "referred",
    "referring",
    "mandate",
    "committee",
    "experts",
    "examination",
    "examine",
    "hearing",
    "hearings",
    "counsel",
    "fact-finding",
    "vote",
    "voted",
    "veto",
    "vetoed",
    "text",
    "measure",
];

/// Tokens this close to an actor position count as near.
const NEAR: usize = 6;

/// Whether `word` names a proposal or its handling.
pub fn is_proposal_word(word: &str) -> bool {
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    is(PROPOSAL_HEADS) || is(PROPOSAL_WORDS)
}

/// The proposal feature of a token sequence with the actor at `actor_pos`: `proposal-none`,
/// `proposal-near` (within six tokens of an actor position) or `proposal-far`.
pub fn proposal_state(seq: &[&str], actor_pos: &[usize]) -> &'static str {
    let at: Vec<usize> = seq
        .iter()
        .enumerate()
        .filter(|(_, w)| is_proposal_word(w))
        .map(|(i, _)| i)
        .collect();
    if at.is_empty() {
        "proposal-none"
    } else if at
        .iter()
        .any(|&q| actor_pos.iter().any(|&p| q.abs_diff(p) <= NEAR))
    {
        "proposal-near"
    } else {
        "proposal-far"
    }
}

/// The `x:proposal-…` feature (see [`proposal_state`]).
pub(crate) struct ProposalNearness;

impl FeatureFamily for ProposalNearness {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        sink.emit("x:", &[proposal_state(&ctx.seq, &ctx.actor_pos)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_near_and_far() {
        let seq: Vec<&str> = "@a accused @o of shelling the market".split(' ').collect();
        assert_eq!(proposal_state(&seq, &[0]), "proposal-none");
        let seq: Vec<&str> = "@a rejected the inquiry".split(' ').collect();
        assert_eq!(proposal_state(&seq, &[0]), "proposal-near");
        let seq: Vec<&str> = "@a said on Monday after a long meeting with officials in the capital that a Probe was needed"
            .split(' ')
            .collect();
        assert_eq!(proposal_state(&seq, &[0]), "proposal-far");
    }
}
