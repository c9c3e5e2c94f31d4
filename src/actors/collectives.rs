//! Collective actors: groups of states or of a party's members that act together — "Western
//! countries", "Arab states", "Senate Republicans", "Labour MPs", "the Greens", "opposition
//! MPs" — a country's legislators ("Brazilian senators"), and "the bloc" for the bloc the
//! article has named.

use super::dictionary::{ActorKind, Dictionary};
use super::span::Span;
use super::tracker::FoundActor;
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

/// Members of a legislature as a group, after a country ("Brazilian senators", "US
/// lawmakers") or "opposition" ("opposition MPs").
const LEGISLATORS: &[&str] = &[
    "MPs",
    "lawmakers",
    "legislators",
    "senators",
    "deputies",
    "parliamentarians",
    "congressmen",
    "congresswomen",
];

/// One member of a legislature: "a French lawmaker" is a person left unnamed, not France.
const LEGISLATOR: &[&str] = &[
    "MP",
    "lawmaker",
    "legislator",
    "senator",
    "parliamentarian",
    "congressman",
    "congresswoman",
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
    ("Liberal", "Liberal Party"),
    ("Green", "Green Party"),
    ("Labor", "Labor Party"),
];

/// A party named by its members or its short name, standing alone: "the Greens voted against",
/// "Labor backed it".
const PARTY_WORDS: &[&str] = &[
    "Republicans",
    "Democrats",
    "Conservatives",
    "Tories",
    "Liberals",
    "Greens",
    "Labour",
    "Labor",
];

/// Nouns after a party word that make it describe someone else: "a Labor minister", "the
/// Labour government", "the Greens party".
const PARTY_ROLES: &[&str] = &[
    "government",
    "minister",
    "ministers",
    "leader",
    "leaders",
    "leadership",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "candidate",
    "chair",
    "chairman",
    "party",
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
        // "Arab League states", "pro-Western countries": part of something else (a capital
        // on the sentence's first word tells nothing: "Now Western countries …").
        let attached = k > 0 && {
            let gap = &sentence[tokens[k - 1].span.1..pair[0].span.0];
            gap.contains('-')
                || gap == " "
                    && k > 1
                    && tokens[k - 1].text.starts_with(char::is_uppercase)
                    && !crate::text::SENTENCE_STARTERS.contains(&tokens[k - 1].text)
        };
        // "several African states", "a group of mostly European states": some of them, not
        // the group acting as one.
        if k > 0 && QUANTIFIERS.contains(&tokens[k - 1].text.to_lowercase().as_str()) {
            continue;
        }
        let opposition = a.eq_ignore_ascii_case("opposition");
        let (affiliation, key) = if REGIONS.contains(&a) && STATE_NOUNS.contains(&b) && !attached {
            (None, a.to_string())
        } else if opposition && (LEGISLATORS.contains(&b) || b == "parties") && !attached {
            // "opposition MPs" and "Opposition lawmakers": the opposition's members as one group.
            (None, "opposition".to_string())
        } else if CHAMBERS.contains(&a) && matches!(b, "Republicans" | "Democrats") {
            (party(b), format!("{a} {b}"))
        } else if MEMBER_NOUNS.contains(&b) && !attached {
            match party(a) {
                Some(p) => (Some(p), format!("{a} {b}")),
                None => continue,
            }
        } else {
            continue;
        };
        let name = if opposition {
            format!("opposition {b}")
        } else {
            format!("{a} {b}")
        };
        out.push(Collective {
            span: pair[0].span.0..pair[1].span.1,
            key,
            name,
            affiliation: affiliation.map(str::to_string),
        });
    }
    out.extend(party_words(sentence, tokens, &out));
    out.extend(the_opposition(sentence, tokens));
    out
}

/// "The opposition said", "the Opposition's demand": the parties out of power as one group
/// (the same as "opposition MPs"); not "the opposition to the plan" (resistance) nor "the
/// opposition Labour Party" (the party).
fn the_opposition(sentence: &str, tokens: &[Token]) -> Option<Collective> {
    let k = (1..tokens.len()).find(|&k| {
        let word = tokens[k].text;
        let bare = word
            .strip_suffix("'s")
            .or(word.strip_suffix("’s"))
            .unwrap_or(word);
        let next = tokens
            .get(k + 1)
            .filter(|n| sentence[tokens[k].span.1..n.span.0] == *" ");
        bare.eq_ignore_ascii_case("opposition")
            && matches!(tokens[k - 1].text, "the" | "The")
            && (bare != word
                || !next.is_some_and(|n| {
                    // "the opposition lawmaker", "the opposition leader": one person.
                    matches!(n.text, "to" | "from" | "of" | "against" | "parties")
                        || LEGISLATORS.contains(&n.text)
                        || LEGISLATOR.contains(&n.text)
                        || PARTY_ROLES.contains(&n.text)
                        || n.text.starts_with(char::is_uppercase)
                }))
    })?;
    let t = &tokens[k];
    Some(Collective {
        span: t.span.0..t.span.0 + "opposition".len(),
        key: "opposition".to_string(),
        name: "opposition".to_string(),
        affiliation: None,
    })
}

/// The [`PARTY_WORDS`] standing alone, outside the groups `found`: not before a capitalised word
/// ("Labor Department") nor after one ("Young Conservatives", but "Germany's Greens"), not
/// before a [`PARTY_ROLES`] noun ("a Labor minister"), and "Labor" not at the start of a
/// sentence ("Labor unions").
fn party_words(sentence: &str, tokens: &[Token], found: &[Collective]) -> Vec<Collective> {
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let word = t.text;
        if !PARTY_WORDS.contains(&word) || found.iter().any(|c| c.span.contains(&t.span.0)) {
            continue;
        }
        let next_capitalised = tokens.get(k + 1).is_some_and(|n| {
            n.text.starts_with(char::is_uppercase) && sentence[t.span.1..n.span.0] == *" "
        });
        let previous = k.checked_sub(1).map(|p| tokens[p].text);
        // The first word of a sentence is capitalised anyway ("With Labor also promising").
        let after_name = k > 1
            && previous.is_some_and(|p| {
                p.starts_with(char::is_uppercase)
                    && sentence[tokens[k - 1].span.1..t.span.0] == *" "
                    && !crate::text::SENTENCE_STARTERS.contains(&p)
                    && !p.ends_with("'s")
                    && !p.ends_with("’s")
            });
        // "the Socialists and Democrats group" is one group of the European Parliament.
        let socialists = previous == Some("and") && k >= 2 && tokens[k - 2].text == "Socialists";
        let followed_by_role = tokens
            .get(k + 1)
            .is_some_and(|n| MEMBER_NOUNS.contains(&n.text) || PARTY_ROLES.contains(&n.text));
        if next_capitalised
            || after_name
            || socialists
            || followed_by_role
            || k == 0 && word == "Labor"
        {
            continue;
        }
        out.push(Collective {
            span: t.span.0..t.span.1,
            name: word.to_string(),
            key: word.to_string(),
            // "Conservatives" and "Democrats" are parties of several countries.
            affiliation: None,
        });
    }
    out
}

/// What the words after a country's name or demonym make of it when they are its legislators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Legislators {
    /// "Brazilian senators", "US opposition lawmakers": a group, this many bytes long after the
    /// country's name.
    Group(usize),
    /// "a French lawmaker", "US senators Ann Lee and Bo Park": one or more people, named or not
    /// — not the country, and not a group of its own.
    People,
}

/// Whether `after`, the text right after a country's name or demonym, names its legislators:
/// an optional "opposition" and a [`LEGISLATORS`] or [`LEGISLATOR`] noun.
pub(super) fn legislators_after(after: &str) -> Option<Legislators> {
    let rest = after.strip_prefix(' ')?;
    let (skipped, rest) = match rest.strip_prefix("opposition ") {
        Some(r) => (1 + "opposition ".len(), r),
        None => (1, rest),
    };
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let named = names_follow(&rest[word_len..]);
    if LEGISLATOR.contains(&word) || LEGISLATORS.contains(&word) && named {
        Some(Legislators::People)
    } else if LEGISLATORS.contains(&word) {
        Some(Legislators::Group(skipped + word_len))
    } else {
        None
    }
}

/// Whether `after` starts with a space and a name of two capitalised words ("senators Ann Lee
/// and …"), not a day or a month ("senators Tuesday demanded").
fn names_follow(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let mut words = rest.split(' ');
    let capitalised = |w: Option<&str>| w.is_some_and(|w| w.starts_with(char::is_uppercase));
    let first = words.next();
    capitalised(first)
        && capitalised(words.next())
        && !first.is_some_and(|w| super::words::TIME_WORDS.contains(&w))
}

/// The groups of a country's legislators among the dictionary hits of `sentence`, with their
/// country; the hits of countries whose legislators these are (or one of them, "a French
/// lawmaker") are taken out of `dict_hits`.
pub(super) fn legislator_groups(
    sentence: &str,
    dict: &Dictionary,
    dict_hits: &mut Vec<(Span, usize)>,
) -> Vec<(Span, String)> {
    let mut groups = Vec::new();
    dict_hits.retain(|(r, id)| {
        let info = dict.actor(*id);
        if info.kind != ActorKind::Country && info.canonical != "EU" {
            return true;
        }
        match legislators_after(&sentence[r.end..]) {
            None => true,
            Some(Legislators::People) => false,
            Some(Legislators::Group(len)) => {
                groups.push((r.start..r.end + len, info.canonical.clone()));
                false
            }
        }
    });
    groups
}

/// The group of `country`'s legislators already found under another wording: "American
/// lawmakers" for "US lawmakers".
pub(super) fn same_legislators<'a>(
    actors: &'a [FoundActor],
    surface: &str,
    country: &str,
) -> Option<&'a FoundActor> {
    let noun = surface.rsplit(' ').next().unwrap_or(surface);
    actors.iter().find(|a| {
        a.kind == ActorKind::Group
            && a.affiliation.as_deref() == Some(country)
            && a.canonical.ends_with(&format!(" {noun}"))
    })
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
        // A capitalised first word of the sentence attaches to nothing.
        assert_eq!(
            groups("Now Western countries, which did not join, object."),
            [("Western countries".to_string(), None)]
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
    fn parties_standing_alone() {
        assert_eq!(
            groups("The Greens and Labor backed it, the Liberals and Republicans did not."),
            [
                ("Greens".to_string(), None),
                ("Labor".to_string(), None),
                ("Liberals".to_string(), None),
                ("Republicans".to_string(), None),
            ]
        );
        assert!(
            groups("Labor unions and the Labor Department met Young Conservatives.").is_empty()
        );
        assert!(
            groups("A former Labor minister and the Socialists and Democrats group.").is_empty()
        );
        assert_eq!(
            groups("Labour and Germany's Greens backed it."),
            [("Labour".to_string(), None), ("Greens".to_string(), None)]
        );
        // Inside a group already found: one group, not two.
        assert_eq!(
            groups("Senate Republicans said no."),
            [(
                "Senate Republicans".to_string(),
                Some("Republican Party".to_string())
            )]
        );
    }

    #[test]
    fn the_opposition_alone_is_the_group_but_not_resistance_or_a_party() {
        let found = |s: &str| groups(s).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(found("The Opposition demanded a probe."), ["opposition"]);
        assert_eq!(
            found("He appealed to the opposition's leaders."),
            ["opposition"]
        );
        assert!(found("The opposition to the inquiry grew.").is_empty());
        assert!(found("The opposition Labour Party said no.").is_empty());
        assert!(found("said Tereza Holubová, the opposition lawmaker.").is_empty());
        assert!(found("The opposition leader said no.").is_empty());
        assert!(found("Washington's opposition to the plan").is_empty());
    }

    #[test]
    fn opposition_members_are_one_group() {
        assert_eq!(
            groups(
                "Opposition lawmakers walked out, and opposition MPs and opposition parties said no."
            ),
            [
                ("opposition lawmakers".to_string(), None),
                ("opposition MPs".to_string(), None),
                ("opposition parties".to_string(), None),
            ]
        );
        // "the opposition Labour Party" is the party; "Kenyan opposition MPs" the country's rule.
        assert!(groups("The opposition Labour Party and Kenyan opposition MPs agreed.").is_empty());
        let keys: Vec<String> = collectives(
            "opposition MPs, opposition lawmakers",
            &tokenize("opposition MPs, opposition lawmakers"),
        )
        .into_iter()
        .map(|c| c.key)
        .collect();
        assert_eq!(keys, ["opposition", "opposition"]);
    }

    #[test]
    fn a_countrys_legislators() {
        use Legislators::*;
        assert_eq!(legislators_after(" senators voted 7-4"), Some(Group(9)));
        assert_eq!(legislators_after(" lawmakers' demand"), Some(Group(10)));
        assert_eq!(
            legislators_after(" opposition MPs walked out"),
            Some(Group(15))
        );
        assert_eq!(
            legislators_after(" lawmaker who sits on the panel"),
            Some(People)
        );
        assert_eq!(
            legislators_after(" senators Ann Lee and Bo Park"),
            Some(People)
        );
        assert_eq!(
            legislators_after(" senators, I am told, agreed"),
            Some(Group(9))
        );
        assert_eq!(legislators_after(" government said"), None);
        assert_eq!(legislators_after(" opposition leader said"), None);
        assert_eq!(legislators_after("senators"), None);
        assert_eq!(legislators_after(" Senate voted"), None);
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
