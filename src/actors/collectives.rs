//! Collective actors: groups of states or of a party's members that act together — "Western
//! countries", "Arab states", "Senate Republicans", "Labour MPs" — and "the bloc" for the
//! bloc the article has named.

use super::span::Span;
use crate::text::Token;

/// Adjectives that make a group of states of the nouns in [`STATE_NOUNS`]: "Western powers".
const REGIONS: &[&str] = &[
    "Western",
    "Arab",
    "Gulf",
    "African",
    "European",
    "Asian",
    "Nordic",
    "Baltic",
    "Muslim",
    "Islamic",
    "Caribbean",
    "Pacific",
    "Balkan",
];

/// Nouns for several states acting together.
const STATE_NOUNS: &[&str] = &[
    "countries",
    "states",
    "nations",
    "powers",
    "governments",
    "allies",
];

/// Words before a group that make it an unnamed part of it.
const QUANTIFIERS: &[&str] = &[
    "several", "some", "many", "few", "other", "mostly", "most", "numerous", "various", "certain",
    "two", "three", "four", "five", "of", "among", "both",
];

/// Chambers whose party members act as a group: "Senate Republicans".
const CHAMBERS: &[&str] = &["Senate", "House", "Congressional"];

/// Nouns for a party's members in a legislature: "Labour MPs", "Republican lawmakers".
const MEMBER_NOUNS: &[&str] = &[
    "MPs",
    "lawmakers",
    "legislators",
    "senators",
    "deputies",
    "councillors",
    "members",
];

/// Party words and the party they name.
const PARTIES: &[(&str, &str)] = &[
    ("Republicans", "Republican Party"),
    ("Republican", "Republican Party"),
    ("Democrats", "Democratic Party"),
    ("Democratic", "Democratic Party"),
    ("Democrat", "Democratic Party"),
    ("Labour", "Labour Party"),
    ("Conservative", "Conservative Party"),
    ("Tory", "Conservative Party"),
    ("Conservatives", "Conservative Party"),
    ("Tories", "Conservative Party"),
];

/// Blocs of states that "the bloc" may point back to.
pub(super) const BLOCS: &[&str] = &[
    "EU",
    "ASEAN",
    "African Union",
    "Arab League",
    "BRICS",
    "CARICOM",
    "ECOWAS",
    "Mercosur",
    "SADC",
    "Gulf Cooperation Council",
];

/// A group acting together, found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Collective {
    /// Where it is named.
    pub span: Span,
    /// Its name as written, the words in their dictionary case ("Western countries").
    pub name: String,
    /// What identifies the group across wordings: a group of states by its region
    /// ("Western" for "Western powers" and "Western countries"), party members by their name.
    pub key: String,
    /// The party its members belong to, if any.
    pub affiliation: Option<String>,
}

fn party(word: &str) -> Option<&'static str> {
    PARTIES.iter().find(|(w, _)| *w == word).map(|(_, p)| *p)
}

/// The groups named in a sentence: a region with a [`STATE_NOUNS`] noun ("Arab states"), a
/// chamber with a party's members ("House Democrats"), a party with a [`MEMBER_NOUNS`] noun
/// ("Labour MPs").
pub(super) fn collectives(sentence: &str, tokens: &[Token]) -> Vec<Collective> {
    let mut out = Vec::new();
    for (k, pair) in tokens.windows(2).enumerate() {
        let (a, b) = (pair[0].text, pair[1].text);
        if sentence[pair[0].span.1..pair[1].span.0] != *" " {
            continue;
        }
        // "Arab League states", "pro-Western countries": part of something else.
        let attached = k > 0 && {
            let gap = &sentence[tokens[k - 1].span.1..pair[0].span.0];
            gap.contains('-')
                || gap == " "
                    && tokens[k - 1].text.starts_with(char::is_uppercase)
                    && !crate::text::SENTENCE_STARTERS.contains(&tokens[k - 1].text)
        };
        // "several African states", "a group of mostly European states": some of them, not
        // the group acting as one.
        if k > 0 && QUANTIFIERS.contains(&tokens[k - 1].text.to_lowercase().as_str()) {
            continue;
        }
        let affiliation = if REGIONS.contains(&a) && STATE_NOUNS.contains(&b) && !attached {
            None
        } else if CHAMBERS.contains(&a) && matches!(b, "Republicans" | "Democrats") {
            party(b)
        } else if MEMBER_NOUNS.contains(&b) && !attached {
            match party(a) {
                Some(p) => Some(p),
                None => continue,
            }
        } else {
            continue;
        };
        let name = format!("{a} {b}");
        out.push(Collective {
            span: pair[0].span.0..pair[1].span.1,
            key: if affiliation.is_none() {
                a.to_string()
            } else {
                name.clone()
            },
            name,
            affiliation: affiliation.map(str::to_string),
        });
    }
    out
}

/// "the bloc", "the 27-nation bloc", "the bloc's": each reference to a bloc named before.
pub(super) fn bloc_references(tokens: &[Token]) -> Vec<Span> {
    let modifier = |w: &str| {
        matches!(w, "nation" | "member" | "European") || w.chars().all(|c| c.is_ascii_digit())
    };
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let word = t.text.trim_end_matches("'s").trim_end_matches("’s");
        if word != "bloc" {
            continue;
        }
        // Up to two modifiers after "the"; not "the opposition bloc".
        let mut start = k;
        while start > 0 && k - start < 2 && modifier(tokens[start - 1].text) {
            start -= 1;
        }
        if start > 0 && matches!(tokens[start - 1].text, "the" | "The") {
            out.push(tokens[start - 1].span.0..t.span.0 + word.len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn groups(sentence: &str) -> Vec<(String, Option<String>)> {
        collectives(sentence, &tokenize(sentence))
            .into_iter()
            .map(|c| (c.name, c.affiliation))
            .collect()
    }

    #[test]
    fn groups_of_states_and_of_party_members() {
        assert_eq!(
            groups(
                "Western powers and Gulf states backed it; House Democrats and Tory MPs did not."
            ),
            [
                ("Western powers".to_string(), None),
                ("Gulf states".to_string(), None),
                (
                    "House Democrats".to_string(),
                    Some("Democratic Party".to_string())
                ),
                (
                    "Tory MPs".to_string(),
                    Some("Conservative Party".to_string())
                )
            ]
        );
        assert!(
            groups("The Arab League states and pro-Western countries met; members voted.")
                .is_empty()
        );
        // "The" opening a sentence attaches to nothing.
        assert_eq!(
            groups("The Western powers and The Gulf states agreed."),
            [
                ("Western powers".to_string(), None),
                ("Gulf states".to_string(), None)
            ]
        );
    }

    #[test]
    fn references_to_the_bloc() {
        let s = "The bloc's envoy said the 27-nation bloc and the opposition bloc differ.";
        let found: Vec<&str> = bloc_references(&tokenize(s))
            .into_iter()
            .map(|r| &s[r])
            .collect();
        assert_eq!(found, ["The bloc", "the 27-nation bloc"]);
    }
}
