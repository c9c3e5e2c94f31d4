//! UAX #29 sentence boundaries, as `unicode-segmentation` finds them, with an ASCII fast path.
//!
//! The general segmenter looks up every character in its Unicode tables, which was about a
//! fifteenth of classify time on news. A line feed always ends a piece (rule SB4) and nothing
//! before it looks past it, so an article is segmented a line at a time: ASCII lines by the
//! same state machine as `unicode-segmentation` 1.x (`sentence.rs`), written out over bytes
//! with the ASCII rows of its category table; other lines by the crate itself. Property tests
//! check the result against the crate on random text.

use unicode_segmentation::UnicodeSegmentation;

/// The pieces between sentence boundaries, with their byte offsets: the same as
/// `article.split_sentence_bound_indices()`.
pub(super) fn sentence_bound_indices(article: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in article.split_inclusive('\n') {
        if line.is_ascii() {
            let mut prev = 0;
            for end in ascii_breaks(line.as_bytes()) {
                out.push((start + prev, &line[prev..end]));
                prev = end;
            }
        } else {
            out.extend(
                line.split_sentence_bound_indices()
                    .map(|(i, s)| (start + i, s)),
            );
        }
        start += line.len();
    }
    out
}

/// Sentence break categories of the ASCII characters (UAX #29 `Sentence_Break`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    SContinue,
    STerm,
    Close,
}

fn category(b: u8) -> Cat {
    match b {
        b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
        b'\n' => Cat::Lf,
        b'\r' => Cat::Cr,
        b'!' | b'?' => Cat::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'.' => Cat::ATerm,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Other,
    }
}

/// What the segmenter remembers of the characters before (runs of Close and of Sp count once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

fn next_state(parts: State, cat: Cat) -> State {
    match (parts[3], cat) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => parts,
        _ => [
            parts[1],
            parts[2],
            parts[3],
            match cat {
                Cat::Cr => Part::Cr,
                Cat::Lf => Part::Lf,
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                _ => Part::Other,
            },
        ],
    }
}

/// SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
fn sb8(parts: &State, ahead: &[u8]) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    parts[idx] == Part::ATerm
        && ahead.iter().map(|&b| category(b)).find(|c| {
            matches!(
                c,
                Cat::Lower | Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm
            )
        }) == Some(Cat::Lower)
}

/// SATerm Close* Sp* before (SB8a, SB10).
fn sb8a(parts: &State) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SATerm Close* before (SB9).
fn sb9(parts: &State) -> bool {
    let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SATerm Close* Sp* ParaSep? before (SB11).
fn sb11(parts: &State) -> bool {
    let mut idx = if matches!(parts[3], Part::Cr | Part::Lf) {
        2
    } else {
        3
    };
    if parts[idx] == Part::SpPlus {
        idx -= 1;
    }
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// Whether a sentence goes on into a character of `cat` after `parts` (SB6–SB10), `ahead`
/// being the text from that character on.
fn continues(parts: &State, cat: Cat, ahead: &[u8]) -> bool {
    let last = parts[3];
    (cat == Cat::Numeric && last == Part::ATerm)
        || (cat == Cat::Upper && parts[2] == Part::UpperLower && last == Part::ATerm)
        || sb8(parts, ahead)
        || (matches!(cat, Cat::SContinue | Cat::STerm | Cat::ATerm) && sb8a(parts))
        || (matches!(cat, Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf) && sb9(parts))
        || (matches!(cat, Cat::Sp | Cat::Cr | Cat::Lf) && sb8a(parts))
}

/// Ends of the sentence pieces of an ASCII text (the last is its length; none when empty).
fn ascii_breaks(s: &[u8]) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut state = [Part::Sot; 4];
    for (pos, &b) in s.iter().enumerate() {
        let cat = category(b);
        let before = state;
        state = next_state(state, cat);
        let breaks_here = match before[3] {
            Part::Sot => false, // the start of the text, not the end of a piece
            Part::Cr => cat != Cat::Lf,
            Part::Lf => true,
            _ => !continues(&before, cat, &s[pos..]) && sb11(&before),
        };
        if breaks_here {
            breaks.push(pos);
        }
    }
    if !s.is_empty() {
        breaks.push(s.len());
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn uax29(s: &str) -> Vec<(usize, &str)> {
        s.split_sentence_bound_indices().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn ascii_matches_uax29(s in "[aZq09_ .,;:'\"\\-!?()\\[\\]{}\t\r\n\x0b\x0c\x00\x7f]{0,40}") {
            prop_assert_eq!(sentence_bound_indices(&s), uax29(&s));
        }

        #[test]
        fn mixed_lines_match_uax29(s in "[aZ0 .!?'\")\r\n\u{85}\u{ad}\u{a0}é“”—\u{2028}]{0,40}") {
            prop_assert_eq!(sentence_bound_indices(&s), uax29(&s));
        }
    }

    #[test]
    fn matches_uax29_on_wire_copy() {
        for s in [
            "U.S. officials met Mr. Smith. He said no.\n\nHeadline\r\nNext (line).\" Then: 3.5 more? yes.",
            "He said \"no.\" then left. (It was 3 p.m.) Later, e.g. at noon, they met!  Ok...",
            "“We regret it,” he said. It is a pity.\nLine two — with a dash. End",
        ] {
            assert_eq!(sentence_bound_indices(s), uax29(s), "{s}");
        }
    }
}
