//! People listed after one plural title: "Sens. Ann Lee of Utah, Bo Park of Maine, and Cy Diaz
//! of Ohio", "Reps. Ann Lee (R-Utah) and Bo Park (D-Calif.)", or after "including" when each
//! is given a state or party; and the party codes that follow a name ("(R-Utah)").

use super::names::{is_extra_name_part, is_name_particle, name_at};
use super::span::{Span, only_space};
use super::words::is_capitalised;
use crate::text::Token;

/// Titles that introduce a list of people.
const PLURAL_TITLES: &[&str] = &[
    "Sens",
    "Reps",
    "Senators",
    "Representatives",
    "Congressmen",
    "Congresswomen",
    "Gens",
    "Drs",
    "Messrs",
    "senators",
    "lawmakers",
];

/// Words that may open a list of people without a title, when every item gives a state or a
/// party: "including Bill Cassidy of Louisiana, Susan Collins of Maine and Mitt Romney of Utah".
const LIST_OPENERS: &[&str] = &["including", "were", "are", "among"];

/// A person named in a list after a plural title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListedPerson {
    /// The name.
    pub name: Span,
    /// The state ("of Utah") or party ("(R-Utah)") given after the name, if any.
    pub affiliation: Option<String>,
    /// The name with what follows it up to the next item: dictionary matches in there
    /// ("of Georgia") name no actor.
    pub item: Span,
}

/// The people listed after each plural title of the sentence, and after a [`LIST_OPENERS`]
/// word when there are two or more and each is given a state or a party.
pub(super) fn listed_people(sentence: &str, tokens: &[Token]) -> Vec<ListedPerson> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "backed by lawmakers, Human Rights Watch said": a lower-case title is one only with
        // a name right after it.
        let titled = PLURAL_TITLES.contains(&tokens[i].text)
            && (tokens[i].text.starts_with(char::is_uppercase)
                || gap(sentence, tokens, i + 1) == " ");
        if !titled && !LIST_OPENERS.contains(&tokens[i].text) {
            i += 1;
            continue;
        }
        let (items, k) = list_items(sentence, tokens, i + 1);
        if titled || items.len() >= 2 && items.iter().all(|p| p.affiliation.is_some()) {
            out.extend(items);
        }
        i = k.max(i + 1);
    }
    out
}

/// The items of a list from token `k`, joined by ",", "and" or ", and"; and the token after.
fn list_items(sentence: &str, tokens: &[Token], mut k: usize) -> (Vec<ListedPerson>, usize) {
    let mut items = Vec::new();
    while let Some((person, next)) = list_item(sentence, tokens, k) {
        items.push(person);
        k = next;
        if tokens.get(k).is_some_and(|t| t.text == "and") {
            k += 1;
        } else if !gap(sentence, tokens, k).contains(',') {
            break;
        }
    }
    (items, k)
}

/// The text between token `k - 1` and token `k`.
fn gap<'s>(sentence: &'s str, tokens: &[Token], k: usize) -> &'s str {
    match (k.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(k)) {
        (Some(a), Some(b)) => &sentence[a.span.1..b.span.0],
        _ => "",
    }
}

/// One item of a list from token `k`: two or three name words, then "of" a capitalised place
/// or a bracketed party code. Returns the person and the token after the item.
fn list_item(sentence: &str, tokens: &[Token], k: usize) -> Option<(ListedPerson, usize)> {
    let mut end = k;
    let mut extra = 0;
    while end < tokens.len()
        && end < k + 4 + extra + usize::from(is_extra_name_part(sentence, tokens, end))
        && (name_at(sentence, tokens, end) || end > k && is_name_particle(sentence, tokens, end))
        && (end == k || only_space(sentence, &tokens[end - 1], &tokens[end]))
    {
        extra += usize::from(is_extra_name_part(sentence, tokens, end));
        end += 1;
    }
    if end - k < 2 {
        return None;
    }
    let name = tokens[k].span.0..tokens[end - 1].span.1;
    let mut next = end;
    let mut affiliation = party_code(&sentence[name.end..]).map(str::to_string);
    if affiliation.is_some() {
        let close = name.end + sentence[name.end..].find(')').unwrap_or(0);
        while next < tokens.len() && tokens[next].span.0 < close {
            next += 1;
        }
    } else if tokens.get(end).is_some_and(|t| t.text == "of") {
        let mut place = end + 1;
        while place < tokens.len()
            && place < end + 4
            && is_capitalised(tokens[place].text)
            && only_space(sentence, &tokens[place - 1], &tokens[place])
        {
            place += 1;
        }
        if place > end + 1 {
            affiliation = Some(sentence[tokens[end + 1].span.0..tokens[place - 1].span.1].into());
            next = place;
        }
    }
    let item_end = tokens
        .get(next - 1)
        .map_or(name.end, |t| t.span.1)
        .max(name.end);
    let item = name.start..item_end;
    Some((
        ListedPerson {
            name,
            affiliation,
            item,
        },
        next,
    ))
}

/// The party of a bracketed code right after a name: " (R-Utah)" → "Republican Party",
/// " (D-Calif.)" → "Democratic Party", " (I-Vt.)" → "independent".
pub(super) fn party_code(rest: &str) -> Option<&'static str> {
    let inner = rest.strip_prefix(" (")?;
    let (code, _) = inner.split_once(['-', '–'])?;
    match code {
        "R" => Some("Republican Party"),
        "D" => Some("Democratic Party"),
        "I" => Some("independent"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn listed(sentence: &str) -> Vec<(&str, Option<String>)> {
        listed_people(sentence, &tokenize(sentence))
            .into_iter()
            .map(|p| (&sentence[p.name], p.affiliation))
            .collect()
    }

    #[test]
    fn every_name_of_a_list_is_a_person_with_its_state_or_party() {
        assert_eq!(
            listed("Sens. Ann Lee of Utah, Bo Park of New Mexico, and Cy Diaz of Ohio wrote."),
            [
                ("Ann Lee", Some("Utah".into())),
                ("Bo Park", Some("New Mexico".into())),
                ("Cy Diaz", Some("Ohio".into()))
            ]
        );
        assert_eq!(
            listed("Reps. Ann Lee (R-Utah) and Bo Park (D-Calif.) asked for a hearing."),
            [
                ("Ann Lee", Some("Republican Party".into())),
                ("Bo Park", Some("Democratic Party".into()))
            ]
        );
        assert_eq!(
            listed("Senators Ann Lee and Bo Park disagreed."),
            [("Ann Lee", None), ("Bo Park", None)]
        );
        assert!(listed("Sens. voted on Monday.").is_empty());
        assert!(listed("It was backed by lawmakers, Human Rights Watch said.").is_empty());
        assert_eq!(
            listed("US senators Ann Lee and Bo Park called for it."),
            [("Ann Lee", None), ("Bo Park", None)]
        );
    }

    #[test]
    fn an_untitled_list_needs_a_state_or_party_for_every_name() {
        assert_eq!(
            listed(
                "Six broke ranks, including Ann Lee of Utah, Bo Park of Maine and Cy Diaz of Ohio."
            ),
            [
                ("Ann Lee", Some("Utah".into())),
                ("Bo Park", Some("Maine".into())),
                ("Cy Diaz", Some("Ohio".into()))
            ]
        );
        // One name, or one item without its state: an ordinary sentence, not a list.
        assert!(listed("Critics include Ann Lee of Utah.").is_empty());
        assert!(listed("Those backing it were Ann Lee of Utah and Bo Park.").is_empty());
        assert!(listed("It has members including Bank Rakyat of Malaysia.").is_empty());
    }

    #[test]
    fn party_codes() {
        assert_eq!(party_code(" (R-S.C.) said"), Some("Republican Party"));
        assert_eq!(party_code(" (Reuters) -"), None);
        assert_eq!(party_code(", a Democrat"), None);
    }
}
