//! Text stage: split an article into sentences and a sentence into word tokens.
//!
//! Sentence boundaries come from Unicode UAX #29 (`unicode-segmentation`); on top of it we
//! re-join splits after abbreviations that news copy uses all the time ("U.S.", "Mr.", "Gen.")
//! and cut runaway "sentences" (no punctuation for pages) into bounded pieces.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

mod quotes;
mod sentence_bounds;

pub use quotes::{
    first_person_in_quotes, is_speech_verb, opens_with_quote, quoted_ranges, speaks_at,
};

/// A sentence: its byte range in the article and its text (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// Byte range of `text` within the article.
    pub span: Range<usize>,
    /// The sentence text, without surrounding white space.
    pub text: &'a str,
}

/// A word token: its byte range in the sentence and its text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte range within the sentence.
    pub span: (usize, usize),
    /// The token as written.
    pub text: &'a str,
}

/// Longest sentence we keep whole, in bytes; longer ones are cut at white space.
pub const MAX_SENTENCE_BYTES: usize = 4_000;

/// Abbreviations after which a period does not end a sentence when a name follows.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Cmdr",
    "Sen", "Rep", "Gov", "Rev", "St", "Jr", "Sr", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Aug",
    "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Corp", "Ltd", "Co", "vs", "Mt", "Ft", "approx",
    "Dept", "Gov't", "Pres", "Amb", "Sens", "Reps", "Gens", "Drs", "Messrs",
];

/// Words that, after "U.S." and similar, signal that a new sentence has begun.
pub(crate) const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "However",
    "Meanwhile",
    "Both",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "After",
    "Before",
    "When",
    "While",
    "According",
    "Officials",
    "If",
];

/// Splits an article into sentences.
///
/// ```
/// let s = stance::text::split_sentences("U.S. officials met Mr. Smith. He said no.\n\nHeadline");
/// let t: Vec<_> = s.iter().map(|s| s.text).collect();
/// assert_eq!(t, ["U.S. officials met Mr. Smith.", "He said no.", "Headline"]);
/// ```
pub fn split_sentences(article: &str) -> Vec<Sentence<'_>> {
    let mut raw: Vec<Range<usize>> = Vec::new();
    for (start, piece) in sentence_bounds::sentence_bound_indices(article) {
        let range = start..start + piece.len();
        // A piece of white space alone (a paragraph break) joins the one before; trimmed below.
        let merge = raw.last().is_some_and(|prev| {
            piece.trim().is_empty() || should_join(&article[prev.clone()], piece)
        });
        match raw.last_mut() {
            Some(prev) if merge => prev.end = range.end,
            _ => raw.push(range),
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    for range in raw {
        for piece in cut_long(article, range) {
            let s = &article[piece.clone()];
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            if !t.is_empty() {
                let begin = piece.start + lead;
                out.push(Sentence {
                    span: begin..begin + t.len(),
                    text: t,
                });
            }
        }
    }
    out
}

/// Whether the split between `prev` and `next` falls after an abbreviation and should be undone.
fn should_join(prev: &str, next: &str) -> bool {
    // "Mr Churkin added,"/"he said:" at a paragraph's end introduces the quotation of the
    // next one: the speaker and the words are one sentence.
    if prev.trim_end().ends_with([',', ':']) && opens_with_quote(next) {
        return true;
    }
    if prev.contains('\n') && prev.trim_end_matches([' ', '\t']).ends_with('\n') {
        return false; // a line or paragraph break is always a boundary
    }
    let p = prev.trim_end();
    let Some(stem) = p.strip_suffix('.') else {
        return false;
    };
    let last_word = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let next_word = next.split_whitespace().next().unwrap_or("");
    let next_word = next_word.trim_matches(|c: char| !c.is_alphanumeric());
    if ABBREVIATIONS.contains(&last_word) {
        return true;
    }
    // Initials and dotted acronyms: "John F. Kennedy", "U.S.", "U.N." — unless a new sentence clearly begins.
    let is_initial = last_word.chars().count() == 1 && last_word.chars().all(|c| c.is_uppercase());
    let is_dotted = last_word.len() >= 2
        && last_word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(|c| c.is_uppercase()));
    (is_initial || is_dotted) && !SENTENCE_STARTERS.contains(&next_word)
}

/// Cuts a range longer than [`MAX_SENTENCE_BYTES`] at white space (or anywhere on a char boundary).
fn cut_long(article: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !article.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &article[start..cut];
        if let Some(ws) = window.rfind(char::is_whitespace)
            && ws > MAX_SENTENCE_BYTES / 2
        {
            cut = start + ws;
        }
        out.push(start..cut);
        start = cut;
    }
    out.push(start..range.end);
    out
}

/// Splits a sentence into word tokens (UAX #29 word boundaries), keeping only tokens with a
/// letter or digit; "Russian-Iranian" gives "Russian" and "Iranian", "Washington's" stays one
/// token.
///
/// ```
/// let t: Vec<_> = stance::text::tokenize("Washington's U.S.-backed plan").iter().map(|t| t.text).collect();
/// assert_eq!(t, ["Washington's", "U.S", "backed", "plan"]);
/// ```
pub fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    if sentence.is_ascii() {
        return tokenize_ascii(sentence);
    }
    sentence
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| Token {
            span: (i, i + w.len()),
            text: w,
        })
        .collect()
}

/// [`tokenize`] for ASCII text: the UAX #29 word rules that can apply to ASCII, written out
/// (a property test checks it against `unicode-segmentation` on random text). Hand-written
/// because the general segmenter's table look-ups were a seventh of batch prediction time, and
/// most wire copy is ASCII.
fn tokenize_ascii(s: &str) -> Vec<Token<'_>> {
    let b = s.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let word = |i: usize| letter(i) || digit(i) || b.get(i) == Some(&b'_');
    // About one token per six bytes of news copy: one allocation instead of a doubling series.
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        if !word(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = false;
        loop {
            // WB5, WB8–WB10, WB13a/b: letters, digits and '_' run together.
            if word(i) {
                alnum |= b[i] != b'_';
                i += 1;
                continue;
            }
            // WB6/7: letter (':' | '.' | ''') letter; WB11/12: digit (',' | ';' | '.' | ''') digit.
            let mid = b.get(i).copied();
            let joins_letters =
                matches!(mid, Some(b':' | b'.' | b'\'')) && letter(i - 1) && letter(i + 1);
            let joins_digits =
                matches!(mid, Some(b',' | b';' | b'.' | b'\'')) && digit(i - 1) && digit(i + 1);
            if joins_letters || joins_digits {
                i += 1;
                continue;
            }
            break;
        }
        if alnum {
            out.push(Token {
                span: (start, i),
                text: &s[start..i],
            });
        }
    }
    out
}

/// Head words of the things a stance can be about.
pub const PROPOSAL_HEADS: &[&str] = &[
    "proposal",
    "proposals",
    "investigation",
    "investigations",
    "inquiry",
    "inquiries",
    "enquiry",
    "probe",
    "probes",
    "mission",
    "missions",
    "tribunal",
    "resolution",
    "initiative",
    "mechanism",
    "commission",
    "inspection",
    "inspections",
    "inspectors",
    "investigators",
    "audit",
    "audits",
    "review",
    "plan",
    "draft",
    "motion",
    "bill",
    "team",
    "panel",
    "court",
    "request",
    "monitoring",
    "monitors",
    "observers",
    "recount",
];

/// Whether `word` is one of `list`, ignoring ASCII case (no allocation).
fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "any", "new",
];

/// The phrase naming the proposal nearest to byte `near` of `sentence`, if any: from its
/// determiner or possessive to its head word, plus a following "into/on/of/to …" of up to eight
/// words ("the Russian-Iranian proposal to investigate the alleged chemical attack").
///
/// ```
/// let s = "Washington opposed the Russian-Iranian proposal to investigate the attack, officials said.";
/// assert_eq!(stance::text::proposal_target(s, 0).as_deref(),
///            Some("the Russian-Iranian proposal to investigate the attack"));
/// ```
pub fn proposal_target(sentence: &str, near: usize) -> Option<String> {
    proposal_target_in(sentence, &tokenize(sentence), near)
}

/// [`proposal_target`] given the sentence's [`tokenize`] tokens, so that a sentence with
/// several actors is tokenised once.
pub fn proposal_target_in(sentence: &str, tokens: &[Token], near: usize) -> Option<String> {
    let head = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| one_of(t.text, PROPOSAL_HEADS))
        .min_by_key(|(_, t)| t.span.0.abs_diff(near))?
        .0;
    let no_punct = |a: &Token, b: &Token| {
        !sentence[a.span.1..b.span.0].contains([',', ';', ':', '.', '"', '(', ')', '“', '”'])
    };
    let mut start = head;
    while start > 0 && head - start < 5 && no_punct(&tokens[start - 1], &tokens[start]) {
        start -= 1;
        if one_of(tokens[start].text, DETERMINERS) || tokens[start].text.ends_with("'s") {
            break;
        }
    }
    let mut end = head;
    if let Some(next) = tokens.get(head + 1)
        && matches!(next.text, "into" | "on" | "of" | "to" | "for" | "in")
        && no_punct(&tokens[head], next)
    {
        end = head + 1;
        while end + 1 < tokens.len() && end - head < 8 && no_punct(&tokens[end], &tokens[end + 1]) {
            end += 1;
        }
    }
    let first = &tokens[start];
    // Start at the determiner only when it is part of the phrase (not a verb before it).
    let start_byte = if one_of(first.text, DETERMINERS)
        || first.text.chars().next().is_some_and(char::is_uppercase)
        || start == head
    {
        first.span.0
    } else {
        tokens[(start + 1).min(head)].span.0
    };
    Some(sentence[start_byte..tokens[end].span.1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokenize_uax29(s: &str) -> Vec<Token<'_>> {
        s.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(i, w)| Token {
                span: (i, i + w.len()),
                text: w,
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn ascii_tokenizer_matches_uax29(s in "[aZq09_ .,;:'\"\\-!?()\t\r\n\x0b\x0c\x00\x7f]{0,40}") {
            prop_assert_eq!(tokenize_ascii(&s), tokenize_uax29(&s));
        }
    }

    #[test]
    fn ascii_tokenizer_matches_uax29_on_wire_copy() {
        for s in [
            "Washington's U.S.-backed plan, worth $1,000.50 (3:45 p.m.), isn't e-mail_ready.",
            "Lavrov \"regretted\" the U.N.'s 2,5;7 'no' vote at 10:30 -- A1B2 _x_ x.y.z. 'tis",
        ] {
            assert_eq!(tokenize_ascii(s), tokenize_uax29(s), "{s}");
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts("Gen. Ali Khan met Sen. Lee in the U.S. capital. They talked."),
            [
                "Gen. Ali Khan met Sen. Lee in the U.S. capital.",
                "They talked."
            ]
        );
    }

    #[test]
    fn plural_titles_do_not_split() {
        assert_eq!(
            texts("Sens. Ann Lee and Bo Park wrote. Reps. Cy Diaz agreed."),
            ["Sens. Ann Lee and Bo Park wrote.", "Reps. Cy Diaz agreed."]
        );
    }

    #[test]
    fn dotted_acronym_at_sentence_end_splits_before_a_starter() {
        assert_eq!(
            texts("It was vetoed by the U.S. The vote failed."),
            ["It was vetoed by the U.S.", "The vote failed."]
        );
    }

    #[test]
    fn quotes_and_paragraphs() {
        let t = texts(
            "\"We regret it,\" he said. \"It is a pity.\"\n\nHeadline without stop\nNext line.",
        );
        assert_eq!(
            t,
            [
                "\"We regret it,\" he said.",
                "\"It is a pity.\"",
                "Headline without stop",
                "Next line."
            ]
        );
    }

    #[test]
    fn a_speaker_introduced_at_a_paragraph_end_joins_the_quotation() {
        let text = "Mr Churkin added,\n\n“Our vote against is no veto.”\n\nHe left.";
        assert_eq!(
            texts(text),
            [
                "Mr Churkin added,\n\n“Our vote against is no veto.”",
                "He left."
            ]
        );
        assert_eq!(
            texts("The minister said:\n\"We refuse.\"\nEnd."),
            ["The minister said:\n\"We refuse.\"", "End."]
        );
        // A paragraph that ends a sentence stays apart from a quotation after it.
        assert_eq!(
            texts("The minister spoke.\n\n“We refuse.”"),
            ["The minister spoke.", "“We refuse.”"]
        );
    }

    #[test]
    fn spans_point_at_text() {
        let a = "  First one.  Second one!\n";
        for s in split_sentences(a) {
            assert_eq!(&a[s.span.clone()], s.text);
        }
    }

    #[test]
    fn long_runs_are_cut() {
        let a = "word ".repeat(5_000);
        let s = split_sentences(&a);
        assert!(s.len() > 1 && s.iter().all(|s| s.text.len() <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn tokens_split_hyphens_and_keep_offsets() {
        let s = "Russian-Iranian proposal";
        let t = tokenize(s);
        assert_eq!(
            t.iter().map(|t| t.text).collect::<Vec<_>>(),
            ["Russian", "Iranian", "proposal"]
        );
        assert_eq!(&s[t[1].span.0..t[1].span.1], "Iranian");
    }
}
