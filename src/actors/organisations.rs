//! Organisations not in the dictionary, recognised by an organisation word in their name
//! ("National Electoral Commission"); which bodies speak for their country ("Foreign
//! Ministry") and which act on their own account ("the Kenyan parliament"); acronyms given in
//! brackets; and when a country named in passing is no actor ("Chinese swimmers", "the Rome
//! Statute").

use super::dictionary::ActorKind;
use super::span::{Span, end_without_possessive, only_space};
use super::tracker::{FoundActor, Mention};
use super::words::{
    BODY_MODIFIERS, GOVERNMENT_HEADS, INDEPENDENT_BODIES, NAME_PARTICLES, NEWS_AGENCY_ENDINGS,
    ORG_HEADS, PRIVATE_PEOPLE, THINGS_NAMED_FOR_PLACES, TIME_WORDS, TITLE_HEADS, is_capitalised,
    never_a_name,
};
use crate::text::Token;

/// The acronym in brackets right after a name: " (UNSMIL)" → "UNSMIL" (two to eight capitals).
pub(super) fn bracketed_acronym(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix(" (")?;
    let acronym = &inner[..inner.find(')')?];
    let ok = (2..=8).contains(&acronym.len())
        && acronym.chars().all(|c| c.is_ascii_uppercase())
        && !acronym.is_empty();
    ok.then_some(acronym)
}

/// Whether the words after a country's name make it the modifier of an independent body:
/// an [`INDEPENDENT_BODIES`] noun, directly or after one [`BODY_MODIFIERS`] word.
pub(super) fn names_independent_body(after: &str) -> bool {
    let after = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("’s"))
        .unwrap_or(after);
    if !after.starts_with(' ') {
        return false;
    }
    let (first, second) = next_two_words(after);
    let body = |w: Option<&str>| w.is_some_and(|w| INDEPENDENT_BODIES.contains(&w));
    match first {
        Some(w) if BODY_MODIFIERS.contains(&w) => body(second),
        w => body(w),
    }
}

/// The first two words of `after`, without the punctuation that closes them.
fn next_two_words(after: &str) -> (Option<&str>, Option<&str>) {
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']));
    (words.next(), words.next())
}

/// Whether a demonym describes private people, not the country: "the factory's Taiwanese
/// owner", "Chinese swimmers", "a Dutch-born business owner" — a [`PRIVATE_PEOPLE`] noun
/// directly after it or after one lower-case word.
pub(super) fn names_private_people(after: &str) -> bool {
    if !after.starts_with([' ', '-']) {
        return false;
    }
    let (first, second) = next_two_words(after);
    let people = |w: Option<&str>| w.is_some_and(|w| PRIVATE_PEOPLE.contains(&w));
    match first {
        Some(w) if people(Some(w)) => true,
        Some(w) if w.chars().all(|c| c.is_lowercase() || c == '-') => people(second),
        _ => false,
    }
}

/// Whether a place's name is part of the name of an event, a treaty or a newspaper: "the
/// Rome Statute", "the Tokyo Olympics", "the Minsk agreements", "the Washington Post".
pub(super) fn names_a_thing(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';', ':', '\'', '’', 's'])
        .to_lowercase();
    // (plural endings trimmed: "Accords" → "accord", "Olympics" → "olympic")
    THINGS_NAMED_FOR_PLACES.contains(&word.as_str())
}

/// Whether a body's name is a news agency's, which reports on actors without being one: "the
/// Ukrainian News Agency", "the Jewish Telegraphic Agency", "Press Trust of India".
pub(super) fn is_news_agency(name: &str) -> bool {
    let name = name.trim_end_matches("'s").trim_end_matches("’s");
    NEWS_AGENCY_ENDINGS.iter().any(|e| name.ends_with(e)) || name.starts_with("Press Trust")
}

/// Whether a body's name makes it a government organ that speaks for its country: its head
/// word (the last word before "of", else the last word) is a [`GOVERNMENT_HEADS`] word —
/// "Foreign Ministry", "Ministry of Foreign Affairs and International Cooperation".
pub(super) fn is_government_body(name: &str) -> bool {
    let before_of = name.split(" of ").next().unwrap_or(name);
    let mut words = before_of.split_whitespace().rev();
    let head = words.next().unwrap_or("");
    // "Office" alone is often an independent one ("Supreme Audit Office", "Public Prosecutors
    // Office"); the government's are named for it ("Foreign Office", "Cabinet Office").
    if head == "Office" {
        return words.next().is_some_and(|w| {
            matches!(
                w,
                "Foreign" | "Home" | "Cabinet" | "Presidential" | "President's" | "Minister's"
            )
        });
    }
    GOVERNMENT_HEADS.contains(&head)
}

/// Heads of bodies that sit somewhere: "in" after them names the place ("the General Assembly
/// in New York", "the court in The Hague"), not more of the name.
const LOCATED_HEADS: &[&str] = &[
    "Council",
    "Assembly",
    "Court",
    "Parliament",
    "Tribunal",
    "Congress",
    "Senate",
    "Board",
    "Conference",
    "Summit",
];

/// Capitalised runs that contain an organisation word: "National Electoral Commission",
/// "Party for Renewal and Justice", "Colombian Cycling Federation". Returns each run's range.
pub(super) fn organisation_names(sentence: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    // "UN", and dotted "U.S" of "the U.S. Anti-Doping Agency".
    let upper = |t: &str| {
        t.len() > 1
            && t.chars().all(|c| c.is_uppercase() || c == '.')
            && t.chars().filter(|c| c.is_uppercase()).count() >= 2
    };
    while i < tokens.len() {
        let t0 = tokens[i].text;
        // "Speaking for the African Group": a participle that opens the sentence is no name.
        let participle = t0.ends_with("ing")
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.text, "for" | "on" | "of" | "to" | "with"));
        if !(is_capitalised(t0) || upper(t0))
            || participle
            || never_a_name(t0) && !ORG_HEADS.contains(&t0)
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut has_head = false;
        let mut last_cap = i;
        // The token after the seat named after "in", when there is one.
        let mut seat = 0;
        while j < tokens.len() {
            let t = tokens[j].text;
            // "the Human Rights Council in Geneva": a seat, not part of the name (but "the
            // UN Support Mission in Libya" is one name).
            if t == "in" && j > i && LOCATED_HEADS.contains(&tokens[j - 1].text) {
                seat = j + 1;
                while seat < tokens.len() && is_capitalised(tokens[seat].text) {
                    seat += 1;
                }
                break;
            }
            // "the Union of the Comoros and the State of Qatar": "and the" joins two names.
            if t == "and" && tokens.get(j + 1).is_some_and(|n| n.text == "the") {
                break;
            }
            let joiner = j > i
                && (matches!(t, "of" | "for" | "and" | "on" | "the" | "in" | "into")
                    || NAME_PARTICLES.contains(&t));
            if !(is_capitalised(t) || upper(t) || joiner) || TIME_WORDS.contains(&t) {
                break;
            }
            if j > i && !only_space(sentence, &tokens[j - 1], &tokens[j]) {
                break;
            }
            if ORG_HEADS.contains(&t.trim_end_matches("'s")) {
                has_head = true;
            }
            if !joiner {
                last_cap = j;
            }
            j += 1;
        }
        if has_head && last_cap > i {
            // "Ghana Football Association's": the possessive is not part of the name.
            let mut s = i;
            while s < last_cap && matches!(tokens[s].text, "The" | "A" | "An") {
                s += 1;
            }
            if last_cap > s && !is_title_run(&tokens[s..=last_cap]) {
                out.push(tokens[s].span.0..end_without_possessive(&tokens[last_cap]));
            }
        }
        i = j.max(i + 1).max(seat);
    }
    out
}

/// Whether a capitalised run names a post, not a body: before its first "of" or "for" it has a
/// title word and no organisation word — "First Deputy Permanent Representative of the Russian
/// Federation", "Chief Prosecutor of the International Criminal Court".
fn is_title_run(run: &[Token]) -> bool {
    let head: Vec<&str> = run
        .iter()
        .map(|t| t.text)
        .take_while(|t| !matches!(*t, "of" | "for"))
        .collect();
    head.len() < run.len()
        && head.iter().any(|t| TITLE_HEADS.contains(t))
        && !head
            .iter()
            .any(|t| ORG_HEADS.contains(&t.trim_end_matches("'s")))
}

/// The owner of a body whose name ends with an organisation the finder knows: after "of"
/// it is the owner ("General Secretariat of the OAS", affiliation OAS); otherwise the name
/// is that organisation's own, with a prefix ("the U.N. Security Council"), and no new
/// body. `None` when the name does not end with a known organisation.
pub(super) fn owner_after_of(
    sentence: &str,
    r: &Span,
    found: &[Mention],
    inside: &[usize],
    actors: &[FoundActor],
) -> Option<Option<(Option<String>, Vec<usize>)>> {
    let &last = inside.last()?;
    let span = &found[last].span;
    let owner = &actors[found[last].actor];
    if span.end != r.end || owner.kind != ActorKind::Organisation {
        return None;
    }
    let before = &sentence[r.start..span.start];
    // "John Fisher of Human Rights Watch" is a person of the body, not a body.
    let body_before = before.split_whitespace().any(|w| ORG_HEADS.contains(&w));
    let after_of = inside.len() == 1
        && span.start > r.start
        && body_before
        && (before.ends_with(" of ") || before.ends_with(" of the "));
    Some(after_of.then(|| (Some(owner.canonical.clone()), inside.to_vec())))
}

/// The initials of a body's name, as its acronym spells them: "U.S. Anti-Doping Agency" →
/// "USADA", "Organisation for the Prohibition of Chemical Weapons" → "OPCW".
pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .flat_map(|w| {
            let dotted = w.contains('.');
            w.chars()
                .filter(move |c| c.is_uppercase())
                .take(if dotted { usize::MAX } else { 1 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_spell_acronyms_and_news_agencies_end_so() {
        assert_eq!(initials("U.S. Anti-Doping Agency"), "USADA");
        assert_eq!(
            initials("Organisation for the Prohibition of Chemical Weapons"),
            "OPCW"
        );
        assert!(is_news_agency("Baltic News Agency's"));
        assert!(!is_news_agency("Baltic Space Agency"));
    }

    /// The organisation names found in `s`, as written.
    fn names(s: &str) -> Vec<String> {
        organisation_names(s, &crate::text::tokenize(s))
            .into_iter()
            .map(|r| s[r].to_string())
            .collect()
    }

    #[test]
    fn a_seat_after_in_is_no_part_of_the_name() {
        assert_eq!(
            names("The Human Rights Council in Geneva and the Federal Court in Ottawa met."),
            ["Human Rights Council", "Federal Court"]
        );
        assert_eq!(
            names("The UN Support Mission in Libya said so."),
            ["UN Support Mission in Libya"]
        );
    }

    #[test]
    fn and_the_joins_two_names_not_one() {
        assert_eq!(
            names("It was backed by the Union of the Comoros and the State of Qatar."),
            ["Union of the Comoros"]
        );
        assert_eq!(
            names("The Ministry of Defence and the Federal Court agreed."),
            ["Ministry of Defence", "Federal Court"]
        );
        assert_eq!(
            names("The Party for Renewal and Justice agreed."),
            ["Party for Renewal and Justice"]
        );
    }
}
