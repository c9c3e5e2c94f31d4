//! Which tokens can make up a person's name: name words, particles ("van der", "bin", "in 't"),
//! the lower-case tail of a hyphenated given name ("Yuet-ngor", "Ki-moon") and middle
//! initials ("Vitaly I. Churkin").

use super::words::{
    NAME_PARTICLES, ORG_HEADS, SURNAME_TITLES, is_capitalised, name_token, never_a_name,
};
use crate::text::Token;

/// Lower-case words that follow a name after a hyphen without being part of it:
/// "Lam-led", "Moscow-backed", "Biden-era".
const HYPHEN_SUFFIXES: &[&str] = &[
    "era",
    "style",
    "run",
    "born",
    "elect",
    "designate",
    "type",
    "like",
    "linked",
    "owned",
];

/// A particle inside a name, followed by a name word or by another particle and a name word:
/// "van" in "Pieter van Dam", "von der" in "Ursula von der Leyen", "in 't" in "Sophie in 't
/// Veld" ("in" only before "'t", so that "Sophie in Brussels" is no name).
pub(super) fn is_name_particle(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].text;
    if t == "in" {
        return tokens.get(k + 1).is_some_and(|n| n.text == "t")
            && is_name_particle(sentence, tokens, k + 1);
    }
    if !NAME_PARTICLES.contains(&t) || k + 1 >= tokens.len() {
        return false;
    }
    name_at(sentence, tokens, k + 1)
        || NAME_PARTICLES.contains(&tokens[k + 1].text)
            && tokens
                .get(k + 2)
                .is_some_and(|n| name_token(n.text) && !NAME_PARTICLES.contains(&n.text))
}

/// Whether token `k` can be part of a person's name: a [`name_token`]; any capitalised word
/// but an organisation's after a particle ("Sheikh" in "Hussein al-Sheikh"); the lower-case
/// tail of a hyphenated name ("ngor" in "Yuet-ngor"); a middle initial ("I" in "Vitaly I.
/// Churkin").
pub(super) fn name_at(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].text;
    name_token(t)
        || k > 0
            && NAME_PARTICLES.contains(&tokens[k - 1].text)
            && is_capitalised(t)
            && !never_a_name(t)
            && !ORG_HEADS.contains(&t)
        || is_hyphen_tail(sentence, tokens, k)
        || is_middle_initial(sentence, tokens, k)
        || is_title_surname(sentence, tokens, k)
}

/// Whether token `k` is a title word used as a surname: "Bishop" in "Julie Bishop told" — a
/// [`SURNAME_TITLES`] word right after a name word and not before another capitalised word.
fn is_title_surname(sentence: &str, tokens: &[Token], k: usize) -> bool {
    SURNAME_TITLES.contains(&tokens[k].text)
        && k > 0
        && name_token(tokens[k - 1].text)
        && sentence[tokens[k - 1].span.1..tokens[k].span.0] == *" "
        && !tokens.get(k + 1).is_some_and(|t| is_capitalised(t.text))
}

/// Whether token `k` is the lower-case second half of a hyphenated name: "ngor" in
/// "Yuet-ngor", "moon" in "Ki-moon" — but not "led" in "Lam-led".
pub(super) fn is_hyphen_tail(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].text;
    // Cheapest test first: a hyphen right before the token (most tokens fail here).
    k > 0
        && &sentence[tokens[k - 1].span.1..tokens[k].span.0] == "-"
        && t.len() >= 2
        && t.chars().all(char::is_lowercase)
        && !t.ends_with("ed")
        && !HYPHEN_SUFFIXES.contains(&t)
        && name_token(tokens[k - 1].text)
}

/// Whether token `k` is a middle initial: one capital letter between two name words, with a
/// full stop after it ("Vitaly I. Churkin", "John F. Kennedy").
/// Several may follow one another ("George H. W. Bush").
pub(super) fn is_middle_initial(sentence: &str, tokens: &[Token], k: usize) -> bool {
    k > 0
        && dotted_capital(sentence, tokens, k)
        && (name_token(tokens[k - 1].text)
            && sentence[tokens[k - 1].span.1..tokens[k].span.0] == *" "
            || dotted_capital(sentence, tokens, k - 1))
        && (k + 1..tokens.len())
            .find(|&n| !dotted_capital(sentence, tokens, n))
            .is_some_and(|n| name_token(tokens[n].text))
}

/// Whether token `k` is one capital letter followed by a full stop and a space.
fn dotted_capital(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let mut chars = tokens[k].text.chars();
    let single_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single_capital
        && tokens.get(k + 1).is_some_and(|n| {
            let gap = &sentence[tokens[k].span.1..n.span.0];
            gap.starts_with(". ") && gap.trim_end() == "."
        })
}

/// Whether token `k` adds no word of its own to a name's length: a hyphenated tail or a
/// middle initial ("Carrie Lam Cheng Yuet-ngor" is four words long).
pub(super) fn is_extra_name_part(sentence: &str, tokens: &[Token], k: usize) -> bool {
    is_hyphen_tail(sentence, tokens, k) || is_middle_initial(sentence, tokens, k)
}

/// The family names of a person's canonical name by which a later mention may name them: the
/// last word, and for a name of three or more words every capitalised word after the first
/// ("Lam", "Cheng" and "Yuet-ngor" of "Carrie Lam Cheng Yuet-ngor").
pub(super) fn surnames(canonical: &str) -> Vec<&str> {
    let words: Vec<&str> = canonical.split_whitespace().collect();
    let mut out: Vec<&str> = if words.len() >= 3 {
        words[1..]
            .iter()
            .copied()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() >= 2)
            .collect()
    } else {
        Vec::new()
    };
    if let Some(last) = words.last()
        && !out.contains(last)
    {
        out.push(last);
    }
    out
}

/// A name without its middle initials: "Vitaly I. Churkin" → "Vitaly Churkin".
pub(super) fn without_middle_initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 {
        return name.to_string();
    }
    let initial = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
    };
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(k, w)| k == 0 || k + 1 == words.len() || !initial(w))
        .map(|(_, w)| *w)
        .collect();
    kept.join(" ")
}

/// Whether two full names of people sharing a surname start with the same given name (or its
/// initial): "Carrie Lam" and "Carrie Lam Cheng Yuet-ngor", "R. Hariri" and "Rafiq Hariri",
/// but not "Saad Hariri" and "Rafiq Hariri".
pub(super) fn same_given_name(a: &str, b: &str) -> bool {
    let given = |n: &str| {
        n.split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_string()
    };
    let (ga, gb) = (given(a), given(b));
    ga == gb
        || ga.chars().count() == 1 && gb.starts_with(ga.as_str())
        || gb.chars().count() == 1 && ga.starts_with(gb.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The tokens of `s` that [`name_at`] or [`is_name_particle`] accepts.
    fn parts(s: &str) -> Vec<&str> {
        let tokens = tokenize(s);
        (0..tokens.len())
            .filter(|&k| name_at(s, &tokens, k) || is_name_particle(s, &tokens, k))
            .map(|k| tokens[k].text)
            .collect()
    }

    #[test]
    fn family_names_initials_and_given_names() {
        assert_eq!(surnames("Mae Ho Chan Wai-ling"), ["Ho", "Chan", "Wai-ling"]);
        assert_eq!(surnames("Omar Haddad"), ["Haddad"]);
        assert_eq!(without_middle_initials("Ivan K. Petrov"), "Ivan Petrov");
        assert_eq!(without_middle_initials("K. Petrov"), "K. Petrov");
        assert!(same_given_name("O. Haddad", "Omar Haddad"));
        assert!(!same_given_name("Karim Haddad", "Omar Haddad"));
    }

    #[test]
    fn hyphenated_tails_initials_and_particles() {
        assert_eq!(
            parts("Ban Ki-moon met Mae Yuet-ngor."),
            ["Ban", "Ki", "moon", "Mae", "Yuet", "ngor"]
        );
        assert_eq!(parts("a Tam-led team"), ["Tam"]);
        assert_eq!(
            parts("Ivo K. Petrov spoke; plan B. Petrov"),
            ["Ivo", "K", "Petrov", "Petrov"]
        );
        assert_eq!(
            parts("Anke in 't Hout and Ute von der Berg"),
            ["Anke", "in", "t", "Hout", "Ute", "von", "der", "Berg"]
        );
        assert_eq!(parts("Anke in Utrecht"), ["Anke", "Utrecht"]);
        assert_eq!(parts("I. Smith"), ["Smith"]);
        assert_eq!(parts("Ed H. W. Lutz"), ["Ed", "H", "W", "Lutz"]);
        assert_eq!(parts("Ed H. W. and"), ["Ed"]);
    }
}
