//! Peoples named for their state: "the Americans said", "the Europeans pushed" speak for the
//! United States and the EU when they are a sentence's subject; "three Americans were killed"
//! are people, not the state. And cities named only as where something happens ("talks in
//! Vienna") are no actors.

use super::span::Span;
use crate::text::Token;

/// Words after "the Xs" that make them people rather than their state: "the Americans who
/// died", "the Russians living abroad", "the Europeans in the camp".
const NOT_A_SUBJECT: &[&str] = &[
    "who",
    "whom",
    "whose",
    "living",
    "in",
    "at",
    "on",
    "of",
    "from",
    "killed",
    "held",
    "detained",
    "arrested",
    "injured",
    "wounded",
    "aboard",
    "abroad",
    "themselves",
];

/// A plural demonym used as a subject: (its span, the singular to look up).
pub(super) fn plural_demonyms<'s>(tokens: &[Token<'s>]) -> Vec<(Span, &'s str)> {
    let mut out = Vec::new();
    for k in 1..tokens.len() {
        let t = tokens[k].text;
        let Some(singular) = t.strip_suffix('s') else {
            continue;
        };
        let capitalised = t.chars().next().is_some_and(char::is_uppercase)
            && t.chars().skip(1).all(char::is_lowercase);
        // "the Europeans and Americans": the article covers both.
        let after_the = matches!(tokens[k - 1].text, "the" | "The")
            || k >= 3
                && tokens[k - 1].text == "and"
                && matches!(tokens[k - 3].text, "the" | "The")
                && tokens[k - 2].text.ends_with('s')
                && tokens[k - 2].text.starts_with(char::is_uppercase);
        let verb_next = tokens.get(k + 1).is_some_and(|n| {
            n.text.chars().next().is_some_and(char::is_lowercase)
                && !NOT_A_SUBJECT.contains(&n.text)
        });
        if capitalised && after_the && verb_next && singular.len() >= 4 {
            out.push((tokens[k].span.0..tokens[k].span.1, singular));
        }
    }
    out
}

/// Whether a country's name at `r` only says where something happens: a city after "in" or
/// "at" ("talks in Vienna", "the meeting at Geneva"). `alias_is_city` tells whether the name
/// written there is a city's rather than the state's or its people's.
pub(super) fn is_a_location(sentence: &str, r: &Span, alias_is_city: bool) -> bool {
    let before = &sentence[..r.start];
    let Some(preposition) = [" in ", " at ", "In ", "At "]
        .iter()
        .find(|p| before.ends_with(*p) && (p.starts_with(' ') || before.len() == p.len()))
    else {
        return false;
    };
    // "officials in Washington said": the state's people speak from its capital.
    let speaker = before[..before.len() - preposition.len()]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| STATE_PEOPLE.contains(&w.to_lowercase().as_str()));
    alias_is_city && !speaker
}

/// Plural nouns for a state's officials, who speak for it from its capital.
const STATE_PEOPLE: &[&str] = &[
    "officials",
    "diplomats",
    "authorities",
    "leaders",
    "government",
    "sources",
    "lawmakers",
    "policymakers",
];

/// Whether a name of a country that is not its canonical name looks like a city's, not a
/// demonym's ("Vienna", "Washington" but not "Austrian", "Chinese", "Israeli", "Dutch").
pub(super) fn looks_like_a_city(alias: &str, canonical: &str) -> bool {
    const DEMONYM_ENDINGS: &[&str] = &["an", "ese", "ish", "i", "ch", "ss", "ic", "ean"];
    alias != canonical
        && !alias.chars().all(|c| c.is_uppercase() || c == '.')
        && !alias.contains(' ')
        && !DEMONYM_ENDINGS.iter().any(|e| alias.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn plurals(s: &str) -> Vec<&str> {
        plural_demonyms(&tokenize(s))
            .into_iter()
            .map(|(_, w)| w)
            .collect()
    }

    #[test]
    fn peoples_as_subjects_but_not_as_people() {
        assert_eq!(
            plurals("The Canadians pushed for a vote, and the Norwegians agreed."),
            ["Canadian", "Norwegian"]
        );
        assert_eq!(
            plurals("the Canadians and Norwegians behind it"),
            ["Canadian", "Norwegian"]
        );
        assert!(
            plurals("Three Canadians were killed; the Norwegians who died were named.").is_empty()
        );
    }

    #[test]
    fn cities_after_in_or_at_are_places() {
        let s = "Talks in Vienna and in Austria; Vienna said no. At Bern they met.";
        let at = |w: &str| {
            let i = s.find(w).unwrap();
            i..i + w.len()
        };
        assert!(is_a_location(
            s,
            &at("Vienna"),
            looks_like_a_city("Vienna", "Austria")
        ));
        assert!(!is_a_location(
            s,
            &at("Austria"),
            looks_like_a_city("Austria", "Austria")
        ));
        assert!(!looks_like_a_city("Austrian", "Austria"));
        assert!(!looks_like_a_city("UAE", "United Arab Emirates"));
        let s3 = "Officials in Vienna said no.";
        assert!(!is_a_location(s3, &(13..19), true));
        let s2 = "At Bern they met.";
        assert!(is_a_location(s2, &(3..7), true));
    }
}
