//! Byte spans in a sentence: whether two overlap, whether one lies inside another, and where
//! words begin and end. Every rule of the actor finder asks these questions, so they live here
//! once.

use crate::text::Token;
use std::ops::Range;

/// A byte range within a sentence.
pub type Span = Range<usize>;

/// Whether two byte ranges share at least one byte.
///
/// ```
/// use stance::actors::span::overlaps;
/// assert!(overlaps(&(0..5), &(4..9)));
/// assert!(!overlaps(&(0..5), &(5..9)));
/// ```
pub fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `inner` lies inside `outer` and is shorter than it.
pub fn strictly_inside(inner: &Span, outer: &Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && inner.len() < outer.len()
}

/// Whether `text[start..end]` is a whole word: no letter or digit touches it on either side.
pub(super) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether only spaces, hyphens or apostrophes separate two tokens, so they may belong to one
/// name ("Jean-Yves", "O'Neill", "Sergei Lavrov" but not "Lavrov, Tillerson"); after an
/// initial or a dotted abbreviation, its full stop too ("Vitaly I. Churkin", "the U.S.
/// Anti-Doping Agency").
pub(super) fn only_space(sentence: &str, a: &Token, b: &Token) -> bool {
    let gap = &sentence[a.span.1..b.span.0];
    let gap = match gap.strip_prefix('.') {
        Some(rest) if is_initial_or_dotted(a.text) && rest.starts_with(' ') => rest,
        _ => gap,
    };
    gap.chars()
        .all(|c| c == ' ' || c == '-' || c == '\'' || c == '’')
}

/// One capital letter ("I" of "Vitaly I. Churkin") or capitals with inner full stops ("U.S").
fn is_initial_or_dotted(t: &str) -> bool {
    let capitals = t.chars().filter(|c| c.is_uppercase()).count();
    t.chars().all(|c| c.is_uppercase() || c == '.')
        && (capitals == 1 && t.len() <= 4 || t.contains('.'))
}

/// The byte where a token ends without its possessive ending: "Association's" → before "'s".
pub(super) fn end_without_possessive(token: &Token) -> usize {
    if token.text.ends_with("'s") || token.text.ends_with("’s") {
        token.span.1
            - token
                .text
                .chars()
                .rev()
                .take(2)
                .map(char::len_utf8)
                .sum::<usize>()
    } else {
        token.span.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_spans_do_not_overlap() {
        assert!(overlaps(&(2..6), &(5..7)));
        assert!(overlaps(&(2..6), &(3..4)));
        assert!(!overlaps(&(2..6), &(6..7)));
        assert!(!overlaps(&(6..7), &(2..6)));
    }

    #[test]
    fn strictly_inside_needs_a_shorter_span() {
        assert!(strictly_inside(&(3..5), &(2..6)));
        assert!(strictly_inside(&(2..5), &(2..6)));
        assert!(!strictly_inside(&(2..6), &(2..6)));
        assert!(!strictly_inside(&(1..5), &(2..6)));
    }

    #[test]
    fn word_boundaries_and_possessives() {
        assert!(is_word_boundary("the US said", 4, 6));
        assert!(!is_word_boundary("the USA said", 4, 6));
        let s = "Ivo K. Petrov and the U.S. Senate. Then";
        let tok = crate::text::tokenize(s);
        assert!(only_space(s, &tok[1], &tok[2]));
        assert!(only_space(s, &tok[5], &tok[6]));
        assert!(!only_space(s, &tok[6], &tok[7]));
        let t = Token {
            span: (0, 15),
            text: "Association’s",
        };
        assert_eq!(end_without_possessive(&t), 11);
    }
}
