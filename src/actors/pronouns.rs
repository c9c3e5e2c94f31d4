//! Pronoun subjects: "He said…", "…, she added" point back to the last person named.

use super::words::PRONOUNS;
use crate::text::Token;

/// The pronoun subject of a sentence, if it has one: "He said…", "…, she added".
pub(super) fn pronoun_subject<'a>(tokens: &[Token<'a>]) -> Option<Token<'a>> {
    let first = tokens.first()?;
    if PRONOUNS.contains(&first.text) {
        return Some(*first);
    }
    tokens.windows(2).find_map(|w| {
        let speech = matches!(
            w[1].text,
            "said"
                | "added"
                | "says"
                | "told"
                | "stressed"
                | "regretted"
                | "noted"
                | "insisted"
                | "warned"
        );
        (PRONOUNS.contains(&w[0].text) && speech).then_some(w[0])
    })
}
