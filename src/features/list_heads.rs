//! Actors listed in apposition to a plural head are read in the head's place: in "Six countries
//! opposed the move — China, Pakistan and Cuba — while 16 abstained", "Just six GOP senators
//! broke ranks to back the commission, including Bill Cassidy of Louisiana and Susan Collins of
//! Maine" and "The six senators who voted to advance the bill were Sens. Mitt Romney of Utah and
//! Susan Collins of Maine", each listed actor is read as if the sentence said "China opposed the
//! move", "Bill Cassidy broke ranks to back the commission", "Mitt Romney who voted to advance
//! the bill": the head (a number, determiner or possessive and a plural noun such as
//! "countries", "senators", "allies") takes the actor's placeholder, and the marker ("including",
//! a dash, a colon, "were", "among them", "namely", "such as") with the list is left out.

use std::ops::Range;

use crate::text::{Token, tokenize};

/// Where the extractor reads a listed actor: the head it stands for, and the words it skips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadPlace {
    /// Byte range of the head noun phrase ("Six countries"), read as the actor.
    pub head: Range<usize>,
    /// Byte range left out: the marker and the list ("including Bill Cassidy … of Maine").
    pub skipped: Range<usize>,
}

/// Plural nouns that a list of actors may stand for.
const HEAD_NOUNS: &[&str] = &[
    "countries",
    "nations",
    "states",
    "members",
    "governments",
    "delegations",
    "allies",
    "powers",
    "senators",
    "lawmakers",
    "legislators",
    "MPs",
    "MEPs",
    "deputies",
    "representatives",
    "congressmen",
    "parties",
    "ministers",
    "leaders",
    "envoys",
    "ambassadors",
    "diplomats",
    "Republicans",
    "Democrats",
    "groups",
    "organisations",
    "organizations",
    "co-sponsors",
    "cosponsors",
    "sponsors",
];

/// Words that may open a head noun phrase or stand inside it before the noun.
const HEAD_OPENERS: &[&str] = &[
    "the", "The", "its", "their", "Its", "Their", "many", "Many", "several", "Several", "some",
    "Some", "most", "Most", "other", "Other", "all", "All", "both", "Both", "few", "of", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "Two",
    "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "dozen",
    "dozens",
];

/// Titles between a marker and the first listed name ("were Sens. Mitt Romney").
const LIST_TITLES: &[&str] = &[
    "Sen",
    "Sens",
    "Senator",
    "Senators",
    "Rep",
    "Reps",
    "Representatives",
    "Amb",
    "Gov",
];

/// How far before the marker the head may be, in words.
const MAX_HEAD_DISTANCE: usize = 30;

/// Words right before a marker that make the list theirs, not a head's further back: "some,
/// including Hungary", "the rest, including Russia", "16 abstained, including India".
const OWN_GROUPS: &[&str] = &[
    "some",
    "others",
    "rest",
    "those",
    "these",
    "many",
    "several",
    "few",
    "most",
    "critics",
    "officials",
    "opposition",
    "abstentions",
    "holdouts",
    "against",
    "favour",
    "favor",
];

/// Words between a head and its marker that end the head's clause.
const CLAUSE_BREAKS: &[&str] = &[
    "but", "while", "whereas", "though", "although", "said", "says", "told", "added", "stated",
];

/// The place to read the list at `list` in: `None` unless a marker stands right before it and
/// a plural head before the marker, in the same clause. `mentions` are every actor mention of
/// the sentence; a head that is one ("Senate Republicans, including Mitch McConnell") is read
/// as the actor too.
pub(crate) fn head_place(
    text: &str,
    list: &Range<usize>,
    mentions: &[Range<usize>],
) -> Option<HeadPlace> {
    let prefix = &text[..list.start];
    if !may_end_in_a_marker(prefix) {
        return None;
    }
    let tokens = tokenize(prefix);
    let (marker, dash) = marker_start(prefix, &tokens)?;
    let list_end = after_member_suffixes(text, list.end);
    // A dash or colon opens a list only when the list is closed by a second dash or ends the
    // clause: "opposed the move — China and Cuba — while …", not "rose on Monday — China
    // summoned the ambassador".
    if dash && !closes_a_list(&text[list_end..]) {
        return None;
    }
    let noun = head_noun(prefix, &tokens, marker)?;
    let mut start = noun;
    while start > 0 && noun - start < 4 && only_space(prefix, &tokens[start - 1], &tokens[start]) {
        let t = tokens[start - 1].text;
        let possessive = t.ends_with("'s") || t.ends_with("’s");
        let numeric = t.chars().all(|c| c.is_ascii_digit());
        let capitalised = t.chars().next().is_some_and(char::is_uppercase);
        let opener = HEAD_OPENERS.contains(&t) && t != "of";
        if !(opener || t == "of" || possessive || numeric || capitalised) {
            break;
        }
        start -= 1;
        // A number or determiner opens the phrase ("Just six GOP senators").
        if opener || numeric {
            break;
        }
    }
    let mut head = tokens[start].span.0..tokens[noun].span.1;
    for m in mentions {
        if m.start < head.end && head.start < m.end {
            head = head.start.min(m.start)..head.end.max(m.end);
        }
    }
    let skipped_from = tokens.get(marker).map_or(list.start, |t| t.span.0);
    (head.end <= skipped_from).then_some(HeadPlace {
        head,
        skipped: skipped_from..list_end,
    })
}

/// The head noun for a marker at token `marker`: the nearest [`HEAD_NOUNS`] word before it in
/// the same clause, unless the word right before the marker names a group of its own (an
/// [`OWN_GROUPS`] word, a verb in -ed or -ing, a number, another plural noun: "sanctions on
/// Russian officials, including Putin").
fn head_noun(prefix: &str, tokens: &[Token], marker: usize) -> Option<usize> {
    let is_head = |t: &str| {
        HEAD_NOUNS.contains(&t)
            || HEAD_NOUNS
                .iter()
                .any(|h| h.len() == t.len() && h.eq_ignore_ascii_case(t) && t != h.to_uppercase())
    };
    let last = tokens[..marker].last()?.text;
    let plural = last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
        && !last.ends_with("us")
        && last.starts_with(char::is_lowercase);
    let verb = last.ends_with("ed") || last.ends_with("ing");
    let number = last.chars().all(|c| c.is_ascii_digit());
    if !is_head(last) && (OWN_GROUPS.contains(&last) || plural || verb || number) {
        return None;
    }
    for i in (marker.saturating_sub(MAX_HEAD_DISTANCE)..marker).rev() {
        if is_head(tokens[i].text) {
            return Some(i);
        }
        let gap_after =
            &prefix[tokens[i].span.1..tokens.get(i + 1).map_or(prefix.len(), |t| t.span.0)];
        if CLAUSE_BREAKS.contains(&tokens[i].text) || gap_after.contains(';') {
            return None;
        }
    }
    None
}

/// Whether only spaces stand between two tokens.
fn only_space(text: &str, a: &Token, b: &Token) -> bool {
    text[a.span.1..b.span.0] == *" "
}

/// Where a list ends once its last member's suffix is read: "of New Mexico", " (R-Utah)",
/// ", D-Calif.".
fn after_member_suffixes(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    if rest.starts_with(" of ") {
        let tokens = tokenize(rest);
        let mut out = end;
        let mut k = 1;
        while k < tokens.len()
            && k <= 3
            && tokens[k].text.starts_with(char::is_uppercase)
            && only_space(rest, &tokens[k - 1], &tokens[k])
        {
            out = end + tokens[k].span.1;
            k += 1;
        }
        return out;
    }
    let party_tag = |s: &str| matches!(s.get(..2), Some("R-" | "D-" | "I-"));
    if let Some(inner) = rest.strip_prefix(" (")
        && let Some(close) = inner.find(')')
        && close <= 12
        && party_tag(inner)
    {
        return end + 2 + close + 1;
    }
    if let Some(inner) = rest.strip_prefix(", ")
        && party_tag(inner)
    {
        let len = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(inner.len());
        return end + 2 + len;
    }
    end
}

/// Whether the text after a list opened by a dash or colon closes it: a second dash, or the
/// end of the sentence or of the clause (", while", "; ").
fn closes_a_list(after: &str) -> bool {
    let t = after.trim_start();
    t.is_empty()
        || t.starts_with(['—', '–', ';', '.', ')', '"', '”'])
        || t.starts_with("- ")
        || t.starts_with(", while")
        || t.starts_with(", and")
}

/// A cheap test before tokenising: whether the text before the list ends in a marker word, a
/// list title or "the", or a dash or colon.
fn may_end_in_a_marker(prefix: &str) -> bool {
    let trimmed = prefix.trim_end();
    let last = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    trimmed.ends_with(['—', '–', '-', ':'])
        || matches!(
            last,
            "including" | "namely" | "were" | "them" | "as" | "the"
        )
        || LIST_TITLES.contains(&last)
}

/// The index among `tokens` (the words of `prefix`, the text before the list) of the marker's
/// first word, or of the first word after a dash or colon that marks the list (a title or
/// "the"; `tokens.len()` when the list follows the dash directly), and whether the marker is a
/// dash or colon; `None` when nothing marks the list as standing for a head. A hyphen or en
/// dash marks a list only with spaces around it ("anti-Israel" and "US-China" are words).
fn marker_start(prefix: &str, tokens: &[Token]) -> Option<(usize, bool)> {
    let mut i = tokens.len();
    while i > 0 && (LIST_TITLES.contains(&tokens[i - 1].text) || tokens[i - 1].text == "the") {
        i -= 1;
    }
    let word = |k: usize| tokens[k].text;
    if i >= 1 && matches!(word(i - 1), "including" | "namely" | "were") {
        return Some((i - 1, false));
    }
    if i >= 2
        && matches!(
            (word(i - 2), word(i - 1)),
            ("among", "them") | ("such", "as")
        )
    {
        return Some((i - 2, false));
    }
    let gap_start = if i == 0 {
        return None;
    } else {
        tokens[i - 1].span.1
    };
    let gap_end = tokens.get(i).map_or(prefix.len(), |t| t.span.0);
    let gap = &prefix[gap_start..gap_end];
    let dash = match gap.trim() {
        "—" | "--" => true,
        ":" => gap.starts_with(':'),
        "-" | "–" => gap.starts_with(' ') && gap.ends_with(' '),
        _ => false,
    };
    dash.then_some((i, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence as read for the list starting at `first` and ending after `last`: the
    /// head replaced by `@a`, the skipped words left out.
    fn read(text: &str, first: &str, last: &str) -> Option<String> {
        let start = text.find(first).unwrap();
        let end = text.rfind(last).unwrap() + last.len();
        let list = start..end;
        let place = head_place(text, &list, std::slice::from_ref(&list))?;
        Some(format!(
            "{}@a{}{}",
            &text[..place.head.start],
            &text[place.head.end..place.skipped.start],
            &text[place.skipped.end..]
        ))
    }

    #[test]
    fn a_dash_list_stands_for_its_head() {
        let s = "Six countries opposed the move — China, Pakistan, Cuba, Eritrea, Venezuela and \
                 Armenia — while 16 abstained.";
        assert_eq!(
            read(s, "China", "Armenia").unwrap(),
            "@a opposed the move —  — while 16 abstained."
        );
    }

    #[test]
    fn an_including_list_of_twelve_stands_for_its_head() {
        let s = "Many of Israel's allies voted against the decision, including the United \
                 States, Australia, Canada, Germany, Italy, Hungary, Poland, Austria, Czechia, \
                 Croatia, Panama and Guatemala.";
        assert_eq!(
            read(s, "United", "Guatemala").unwrap(),
            "@a voted against the decision, ."
        );
        let s = "Just six GOP senators broke ranks to support the commission, including Bill \
                 Cassidy of Louisiana and Susan Collins of Maine.";
        assert_eq!(
            read(s, "Bill", "Maine").unwrap(),
            "Just @a broke ranks to support the commission, ."
        );
    }

    #[test]
    fn a_list_after_were_and_titles_stands_for_its_head() {
        let s = "The six Republican senators who voted to advance the bill were Sens. Mitt Romney \
                 of Utah, Susan Collins of Maine, and Ben Sasse of Nebraska.";
        assert_eq!(
            read(s, "Mitt", "Nebraska").unwrap(),
            "The @a who voted to advance the bill ."
        );
        let s = "Two members, among them France and Britain, abstained.";
        assert_eq!(read(s, "France", "Britain").unwrap(), "@a, , abstained.");
    }

    #[test]
    fn a_list_of_a_group_of_its_own_or_of_another_clause_is_read_where_it_is() {
        for (s, first, last) in [
            (
                "Most EU countries backed the plan, but some, including Hungary and Poland, \
                 opposed it.",
                "Hungary",
                "Poland",
            ),
            (
                "Six countries opposed it — China and Cuba — while 16 abstained, including India \
                 and Brazil.",
                "India",
                "Brazil",
            ),
            (
                "Several countries imposed sanctions on Russian officials, including Vladimir \
                 Putin and Sergei Lavrov.",
                "Vladimir",
                "Lavrov",
            ),
            (
                "Western diplomats said the main holdouts were Russia and China.",
                "Russia",
                "China",
            ),
            // A hyphen inside a word is no dash; a dash that opens a clause opens no list.
            (
                "Western countries condemned the Israel-Hamas war.",
                "Hamas",
                "Hamas",
            ),
            (
                "Tensions between the two countries rose on Monday — China summoned the envoy.",
                "China",
                "China",
            ),
            (
                "Several countries reacted swiftly: France condemned the strike.",
                "France",
                "France",
            ),
        ] {
            assert_eq!(read(s, first, last), None, "{s}");
        }
    }

    #[test]
    fn a_member_suffix_and_a_capitalised_head_are_read_with_the_list() {
        let s = "Lawmakers, including Ann Lee of Ohio and Bo Park of New Mexico, backed the bill.";
        assert_eq!(read(s, "Ann", "Park").unwrap(), "@a, , backed the bill.");
        let s = "Two senators voted no: Ann Lee (R-Utah) and Bo Park (D-Ohio).";
        assert_eq!(read(s, "Ann", "Park").unwrap(), "@a voted no: .");
    }

    #[test]
    fn a_list_without_marker_or_head_is_read_where_it_is() {
        // No marker: the list is the subject already.
        assert!(
            read(
                "Russia, China and Brazil backed the text.",
                "Russia",
                "Brazil"
            )
            .is_none()
        );
        // A marker but no plural head: "voting against were" names no group.
        let s = "Voting against were Russia and China.";
        assert!(read(s, "Russia", "China").is_none());
        // The head noun is itself an actor ("Senate Republicans"): it is read as the actor.
        let s = "The Democrats, including Chuck Schumer, backed it.";
        let start = s.find("Chuck").unwrap();
        let list = start..start + "Chuck Schumer".len();
        let place = head_place(s, &list, &[4..13, list.clone()]).unwrap();
        assert_eq!((place.head, place.skipped), (0..13, 15..list.end));
    }
}
