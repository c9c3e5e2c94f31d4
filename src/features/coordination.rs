//! Coordinated lists of actors: "Russia, China and Brazil", "Sens. A of Utah, B of Maine, and C
//! of Ohio", "Britain; France; as well as Japan".
//!
//! With the `coordination` feature option, every list of mentions is read as one mention, so each
//! member gets the context of the whole list — the words before its first member and after its
//! last: each of "was supported by Russia, China and Brazil" reads as "was supported by Russia".

use std::ops::Range;

/// A run of mentions read as one: its byte range (first member's start to last member's end)
/// and whether the actor is one of its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionGroup {
    /// From the first member's start to the last member's end.
    pub span: Range<usize>,
    /// The actor is a member (else only other actors are).
    pub is_actor: bool,
}

/// Longest gap between two list members, in bytes ("of New Hampshire, and" fits).
const MAX_GAP: usize = 48;

/// What may stand between two members of a list.
#[derive(Debug, Default)]
struct Gap {
    /// A conjunction ("and", "or", "nor", "&", "as well as", "along with", "plus").
    conjunction: bool,
    /// A list comma, semicolon or ellipsis.
    separator: bool,
}

/// Reads the text between two mentions as a list gap, or `None` when it holds anything else
/// (a verb, a preposition, a possessive title…).
fn read_gap(gap: &str) -> Option<Gap> {
    if gap.len() > MAX_GAP {
        return None;
    }
    let mut out = Gap::default();
    let mut words: Vec<&str> = Vec::new();
    for piece in gap.split_whitespace() {
        let mut rest = piece;
        while !rest.is_empty() {
            let cut = rest
                .find([',', ';', '(', ')', '…'])
                .map_or(rest.len(), |i| {
                    if i == 0 {
                        rest.chars().next().map_or(1, char::len_utf8)
                    } else {
                        i
                    }
                });
            words.push(&rest[..cut]);
            rest = &rest[cut..];
        }
    }
    let mut after_of = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let lower = w.to_ascii_lowercase();
        match lower.as_str() {
            "," | ";" | "…" | "..." => out.separator = true,
            "and" | "or" | "nor" | "&" | "plus" => out.conjunction = true,
            "as" if words.get(i + 1) == Some(&"well") && words.get(i + 2) == Some(&"as") => {
                out.conjunction = true;
                i += 2;
            }
            "along" if words.get(i + 1) == Some(&"with") => {
                out.conjunction = true;
                i += 1;
            }
            "the" | "(" | ")" => {}
            "of" => {
                after_of = true;
                i += 1;
                continue;
            }
            _ if is_member_suffix(w, after_of) || TITLES.contains(&w) => {
                i += 1;
                continue;
            }
            _ => return None,
        }
        after_of = false;
        i += 1;
    }
    (out.conjunction || out.separator).then_some(out)
}

/// Titles that may stand before a list member ("and Sen. Amy Klobuchar").
const TITLES: &[&str] = &[
    "Sen.",
    "Sens.",
    "Senator",
    "Rep.",
    "Reps.",
    "Representative",
    "Gov.",
    "Amb.",
    "Gen.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

/// A word that may follow a list member before the separator: a capitalised place after "of"
/// ("of New Hampshire"), or a party-and-state tag ("R-Utah", "D-Calif.", "R", "D").
fn is_member_suffix(word: &str, after_of: bool) -> bool {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if after_of && capitalised {
        return true;
    }
    let party = |p: &str| matches!(p, "R" | "D" | "I");
    match word.split_once('-') {
        Some((p, state)) => party(p) && state.chars().next().is_some_and(char::is_uppercase),
        None => party(word.trim_end_matches('.')),
    }
}

/// Groups the mentions of a sentence into coordinated lists. `actor` and `others` are the
/// mentions' byte ranges; every mention ends up in exactly one group, in text order. A run of
/// two or more mentions is a list when a conjunction joins some pair of its members, or when it
/// has three or more members separated by commas or semicolons (two names separated by a comma
/// alone are more often apposition than a list).
pub fn group_mentions(
    text: &str,
    actor: &[Range<usize>],
    others: &[Range<usize>],
) -> Vec<MentionGroup> {
    let mut mentions: Vec<(Range<usize>, bool)> = actor
        .iter()
        .map(|r| (r.clone(), true))
        .chain(others.iter().map(|r| (r.clone(), false)))
        .collect();
    mentions.sort_by_key(|(r, _)| (r.start, r.end));
    let mut groups: Vec<MentionGroup> = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let mut j = i;
        let mut conjunction = false;
        while j + 1 < mentions.len() {
            let (a, b) = (&mentions[j].0, &mentions[j + 1].0);
            let gap = match (a.end <= b.start)
                .then(|| text.get(a.end..b.start))
                .flatten()
            {
                Some(g) => g,
                None => break,
            };
            match read_gap(gap) {
                Some(g) => {
                    conjunction |= g.conjunction;
                    j += 1;
                }
                None => break,
            }
        }
        let members = j - i + 1;
        if members >= 2 && (conjunction || members >= 3) {
            groups.push(MentionGroup {
                span: mentions[i].0.start..mentions[j].0.end,
                is_actor: mentions[i..=j].iter().any(|(_, a)| *a),
            });
            i = j + 1;
        } else {
            groups.push(MentionGroup {
                span: mentions[i].0.clone(),
                is_actor: mentions[i].1,
            });
            i += 1;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges of `names` in `text` (first occurrence each).
    fn spans(text: &str, names: &[&str]) -> Vec<Range<usize>> {
        names
            .iter()
            .map(|n| {
                let s = text.find(n).unwrap();
                s..s + n.len()
            })
            .collect()
    }

    fn groups(text: &str, actor: &str, others: &[&str]) -> Vec<(String, bool)> {
        group_mentions(text, &spans(text, &[actor]), &spans(text, others))
            .into_iter()
            .map(|g| (text[g.span].to_string(), g.is_actor))
            .collect()
    }

    #[test]
    fn two_members_joined_by_and_are_one_list() {
        let t = "The draft was backed by Chile and Peru on Monday.";
        assert_eq!(
            groups(t, "Peru", &["Chile"]),
            [("Chile and Peru".into(), true)]
        );
    }

    #[test]
    fn three_members_with_commas_and_a_final_and() {
        let t = "It was supported by Russia, China and Brazil; Japan abstained.";
        assert_eq!(
            groups(t, "China", &["Russia", "Brazil", "Japan"]),
            [("Russia, China and Brazil; Japan".into(), true),],
            "a semicolon continues a list"
        );
        let t = "It was supported by Russia, China and Brazil, while Japan abstained.";
        assert_eq!(
            groups(t, "China", &["Russia", "Brazil", "Japan"]),
            [
                ("Russia, China and Brazil".into(), true),
                ("Japan".into(), false)
            ]
        );
    }

    #[test]
    fn twelve_members_with_as_well_as_and_semicolons() {
        let names = [
            "Albania", "Belgium", "Chile", "Denmark", "Ecuador", "Finland", "Ghana", "Hungary",
            "Iceland", "Japan", "Kenya", "Latvia",
        ];
        let t = "Voting in favour were Albania, Belgium, Chile; Denmark, Ecuador, Finland, Ghana, \
                 Hungary, Iceland, Japan and Kenya, as well as Latvia, the council said.";
        let g = groups(
            t,
            "Kenya",
            &names
                .iter()
                .filter(|n| **n != "Kenya")
                .copied()
                .collect::<Vec<_>>(),
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].0.starts_with("Albania") && g[0].0.ends_with("Latvia") && g[0].1);
    }

    #[test]
    fn members_with_states_and_party_tags() {
        let t = "They were Sens. Mitt Romney of Utah, Susan Collins of Maine, and Ben Sasse of \
                 Nebraska.";
        let g = groups(t, "Ben Sasse", &["Mitt Romney", "Susan Collins"]);
        assert_eq!(g.len(), 1, "{g:?}");
        let t = "Sen. Ted Cruz, R-Texas, and Sen. Amy Klobuchar, D-Minn., clashed.";
        let g = groups(t, "Ted Cruz", &["Amy Klobuchar"]);
        assert_eq!(g.len(), 1, "a title before the next member: {g:?}");
    }

    #[test]
    fn a_comma_alone_or_a_verb_is_no_list() {
        let t = "Unlike Russia, China abstained.";
        assert_eq!(groups(t, "China", &["Russia"]).len(), 2);
        let t = "Russia told China it would veto the text.";
        assert_eq!(groups(t, "China", &["Russia"]).len(), 2);
        let t = "Russia's envoy, Vassily Nebenzia, and China objected.";
        let g = groups(t, "China", &["Russia", "Vassily Nebenzia"]);
        assert_eq!(g[0], ("Russia".into(), false), "{g:?}");
    }

    #[test]
    fn lists_of_others_become_one_other() {
        let t = "France welcomed the vote, which Russia and China had opposed.";
        assert_eq!(
            groups(t, "France", &["Russia", "China"]),
            [("France".into(), true), ("Russia and China".into(), false)]
        );
    }
}
