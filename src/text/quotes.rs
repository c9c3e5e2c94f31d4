//! Reported speech in a sentence: where its quotations are, which words are verbs of saying,
//! and which words inside a quotation are its speaker's own "we" and "I".

use std::ops::Range;

use super::Token;

/// The byte ranges of `text` inside quotation marks: between “ and ”, or between two straight
/// double quotes. A closing mark with no opening one closes a quotation begun in an earlier
/// sentence (from the start); an opening mark never closed runs to the end (the quotation
/// goes on in the next sentence).
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !text.contains(['"', '“', '”']) {
        return out;
    }
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i + c.len_utf8()),
            ('"', None) if out.is_empty() && closes_from_start(text, i) => {
                out.push(0..i);
            }
            ('"', None) => open = Some(i + 1),
            ('”' | '"', Some(start)) => {
                out.push(start..i);
                open = None;
            }
            ('”', None) if out.is_empty() => out.push(0..i),
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(start..text.len());
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

/// Whether a straight quote at `i`, the first in `text`, closes a quotation begun earlier: it
/// follows a word's end and punctuation ("… inquiry," he said) and the quotes in the sentence
/// are odd in number.
fn closes_from_start(text: &str, i: usize) -> bool {
    let odd = text.matches('"').count() % 2 == 1;
    let after_punct = text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?'));
    odd && after_punct
}

/// Whether `w` is a verb of saying that makes the actor next to it the speaker ("said",
/// "told", "tweeted", …; any case).
pub fn is_speech_verb(w: &str) -> bool {
    const SAY: &[&str] = &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "argued",
        "argues",
        "claimed",
        "claims",
        "stated",
        "states",
        "tweeted",
        "tweets",
        "insisted",
        "explained",
        "noted",
        "asked",
        "replied",
        "responded",
        "announced",
        "declared",
        "warned",
        "testified",
        "acknowledged",
        "admitted",
    ];
    SAY.iter().any(|v| w.eq_ignore_ascii_case(v))
}

/// Whether the words `words[first..after]` (a mention) are the speaker of the sentence: a verb
/// of saying within three words after them ("X added", "X, the minister, said"), right before
/// them ("said X"), or "according to" before them.
pub fn speaks_at(words: &[&str], first: usize, after: usize) -> bool {
    words[after.min(words.len())..(after + 3).min(words.len())]
        .iter()
        .any(|w| is_speech_verb(w))
        || (first >= 1 && is_speech_verb(words[first - 1]))
        || (first >= 2
            && words[first - 2].eq_ignore_ascii_case("according")
            && words[first - 1].eq_ignore_ascii_case("to"))
}

/// First-person words ("we", "our", "I", "me" …) inside the quotations of a sentence: in
/// reported speech they stand for the speaker.
pub fn first_person_in_quotes(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    const FIRST_PERSON: &[&str] = &[
        "we",
        "We",
        "our",
        "Our",
        "ours",
        "us",
        "ourselves",
        "I",
        "me",
        "my",
        "My",
        "myself",
    ];
    let quoted = quoted_ranges(text);
    tokens
        .iter()
        .filter(|t| FIRST_PERSON.contains(&t.text))
        .filter(|t| {
            quoted
                .iter()
                .any(|r| r.start <= t.span.0 && t.span.1 <= r.end)
        })
        .map(|t| t.span.0..t.span.1)
        .collect()
}

/// Whether the sentence opens with a quotation mark (after white space and a dash).
pub fn opens_with_quote(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '—' || c == '-')
        .starts_with(['“', '"', '‘'])
}

#[cfg(test)]
mod tests {
    use super::super::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quoted_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn quotations_are_found_curly_straight_and_open_ended() {
        assert_eq!(
            quoted("“We refuse,” he said. “Never.”"),
            ["We refuse,", "Never."]
        );
        assert_eq!(quoted(r#""We refuse," he said."#), ["We refuse,"]);
        assert_eq!(quoted("He said: “We will not"), ["We will not"]);
        // Closed here, opened in the sentence before.
        assert_eq!(
            quoted("and we never will,” he said."),
            ["and we never will,"]
        );
        assert_eq!(
            quoted(r#"and we never will," he said."#),
            ["and we never will,"]
        );
        assert!(quoted("No quotation here.").is_empty());
    }

    #[test]
    fn first_person_words_inside_quotations_only() {
        let text = "“Our vote against does not mean we are deaf,” I said, as US envoys did.";
        let words: Vec<_> = first_person_in_quotes(text, &tokenize(text))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(words, ["Our", "we"]);
        assert!(opens_with_quote("  “Our vote"));
        assert!(!opens_with_quote("Our vote “against”"));
    }

    #[test]
    fn speech_verbs_in_any_case() {
        assert!(is_speech_verb("said") && is_speech_verb("Tweeted"));
        assert!(!is_speech_verb("vetoed"));
    }

    #[test]
    fn speakers_by_the_verb_after_or_before_them() {
        let w = ["Gantz", "the", "minister", "said", "so"];
        assert!(speaks_at(&w, 0, 1));
        assert!(speaks_at(&["said", "Gantz"], 1, 2));
        assert!(speaks_at(&["according", "to", "Gantz"], 2, 3));
        assert!(!speaks_at(&["Gantz", "met", "the", "envoy", "said"], 0, 1));
    }
}
