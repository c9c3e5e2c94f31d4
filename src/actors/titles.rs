//! People introduced by a title: "Foreign Minister Sergei Lavrov", "Secretary of State Rex
//! Tillerson", "his counterpart, Rex Tillerson".

use super::names::{is_extra_name_part, is_name_particle, name_at};
use super::span::{Span, end_without_possessive, only_space};
use super::words::{
    NAME_PARTICLES, SPEECH_VERBS, TITLE_CONTINUATIONS, TITLE_FIELDS, TITLE_HEADS, is_capitalised,
    name_token,
};
use crate::text::Token;

/// A person's name found after a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TitledName {
    /// The name, without a possessive ending ("Remulla" of "Remulla's announcement").
    pub name: Span,
    /// The title, from its first word up to the name.
    pub title: Span,
}

/// Names that follow a title.
///
/// "Foreign Minister Sergei Lavrov", "Secretary of State Rex Tillerson", "his counterpart, Rex
/// Tillerson", "Minister for Works and Transport Salum Kombo", "Ambassador to CAR Zhao Liqun",
/// "Russia's ambassador to the UN, Vitaly Churkin,". When a prepositional phrase follows the
/// title, its capitalised words and the name run together; the name is then the last two of
/// them.
pub(super) fn titled_names(sentence: &str, tokens: &[Token]) -> Vec<TitledName> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "Directorate General of Mines Safety" is a body, not a general.
        let body = tokens[i].text == "General"
            && i > 0
            && matches!(tokens[i - 1].text, "Directorate" | "Inspectorate")
            && tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.text, "of" | "for"));
        if !TITLE_HEADS.contains(&tokens[i].text) || body {
            i += 1;
            continue;
        }
        let start = title_start(sentence, tokens, i);
        let mut j = i + 1;
        let mut after_phrase = false;
        while j < tokens.len() && TITLE_CONTINUATIONS.contains(&tokens[j].text) {
            after_phrase |= matches!(tokens[j].text, "of" | "for");
            j += 1;
        }
        if after_phrase && j < tokens.len() && matches!(tokens[j].text, "the" | "The") {
            j += 1;
        }
        // "to the UN", "for Works and Transport": a phrase of capitalised words before the name.
        if j < tokens.len() && matches!(tokens[j].text, "to" | "for" | "of" | "at" | "in") {
            after_phrase = true;
            j += 1;
            if j < tokens.len() && matches!(tokens[j].text, "the" | "The") {
                j += 1;
            }
        }
        let first = j;
        let (mut name_start, end) = name_after_title(sentence, tokens, first, after_phrase);
        let lower_head = tokens[i]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        // "WHO's regional director for the Eastern Mediterranean": a lower-case title whose
        // phrase takes an article names a region or a body, not the person.
        if lower_head && after_phrase && matches!(tokens[first - 1].text, "the" | "The") {
            name_start = end;
        }
        let gap_ok = first > 0 && {
            let gap = &sentence
                [tokens[first - 1].span.1..tokens.get(first).map_or(sentence.len(), |t| t.span.0)];
            gap.trim_start_matches('.').trim() == "" || gap.trim() == ","
        };
        let n = end - name_start;
        // "the High Commissioner for Human Rights, said": the field of the post, no name.
        let field = n > 0
            && TITLE_FIELDS.contains(&&sentence[tokens[name_start].span.0..tokens[end - 1].span.1]);
        if gap_ok && !field && (n >= 2 || (n == 1 && !lower_head)) {
            out.push(titled(tokens, start, name_start, end));
            i = end;
        } else if let Some(name_end) = after_phrase
            .then(|| comma_name(sentence, tokens, end))
            .flatten()
        {
            out.push(titled(tokens, start, end, name_end));
            i = name_end;
        } else {
            i += 1;
        }
    }
    out
}

/// The [`TitledName`] of a title starting at token `start` and a name of tokens
/// `name_start..end`.
fn titled(tokens: &[Token], start: usize, name_start: usize, end: usize) -> TitledName {
    let name = tokens[name_start].span.0..end_without_possessive(&tokens[end - 1]);
    TitledName {
        title: tokens[start].span.0..name.start,
        name,
    }
}

/// The first token of the title whose head word is token `i`: it may start with capitalised
/// modifiers ("Deputy Foreign Minister").
fn title_start(sentence: &str, tokens: &[Token], i: usize) -> usize {
    let mut start = i;
    while start > 0
        && TITLE_CONTINUATIONS.contains(&tokens[start - 1].text)
        && tokens[start - 1].text != "of"
        && only_space(sentence, &tokens[start - 1], &tokens[start])
    {
        start -= 1;
    }
    start
}

/// The name after a title whose words end before token `first`: (first token of the name,
/// token after it); an empty range when there is none. After a prepositional phrase the name
/// is the trailing run of name tokens, at most two; a name may end in a possessive
/// ("Remulla's").
fn name_after_title(
    sentence: &str,
    tokens: &[Token],
    first: usize,
    after_phrase: bool,
) -> (usize, usize) {
    let mut end = first;
    let mut extra = 0;
    while end < tokens.len()
        && end
            < first
                + extra
                + usize::from(is_extra_name_part(sentence, tokens, end))
                + if after_phrase { 10 } else { 4 }
        && (end == first || only_space(sentence, &tokens[end - 1], &tokens[end]))
    {
        let t = tokens[end].text;
        // "of the Russian Federation to the UN": phrases may follow one another.
        let joins = after_phrase
            && end > first
            && matches!(t, "and" | "to" | "of" | "for" | "at" | "in" | "the");
        let caps = is_capitalised(t)
            || (after_phrase && t.len() > 1 && t.chars().all(char::is_uppercase))
            || is_extra_name_part(sentence, tokens, end);
        let particle = end > first && is_name_particle(sentence, tokens, end);
        let owner = owner_name(t);
        if !particle
            && !owner
            && (!(joins || caps) || (!after_phrase && !name_at(sentence, tokens, end)))
        {
            break;
        }
        extra += usize::from(is_extra_name_part(sentence, tokens, end));
        end += 1;
        if owner {
            break;
        }
    }
    while end > first + 1 && NAME_PARTICLES.contains(&tokens[end - 1].text) {
        end -= 1;
    }
    let mut name_start = first;
    if after_phrase {
        name_start = end;
        let mut words = 0;
        while name_start > first && words < 2 {
            let k = name_start - 1;
            if name_at(sentence, tokens, k) || k + 1 == end && owner_name(tokens[k].text) {
                words += 1;
            } else if !(words > 0 && k > first && is_name_particle(sentence, tokens, k)) {
                break;
            }
            name_start -= 1;
        }
        if words < 2 {
            name_start = end; // a department without a name: nobody here
        }
    }
    (name_start, end)
}

/// A name in the possessive, which ends the name: "Remulla's" in "Justice Secretary Jesus
/// Crispin Remulla's announcement".
fn owner_name(t: &str) -> bool {
    ["'s", "’s"]
        .iter()
        .any(|p| t.strip_suffix(p).is_some_and(name_token))
}

/// A name set off by commas after a title's phrase: "Russia's ambassador to the UN, Vitaly
/// Churkin, said" — two or three name tokens from token `k` (which follows a comma), then a
/// comma, the end of the sentence or a speech verb. Returns the token after the name.
fn comma_name(sentence: &str, tokens: &[Token], k: usize) -> Option<usize> {
    if k == 0 || k >= tokens.len() || sentence[tokens[k - 1].span.1..tokens[k].span.0].trim() != ","
    {
        return None;
    }
    let mut end = k;
    while end < tokens.len()
        && end < k + 3
        && name_token(tokens[end].text)
        && (end == k || only_space(sentence, &tokens[end - 1], &tokens[end]))
    {
        end += 1;
    }
    let closes = match tokens.get(end) {
        None => true,
        Some(next) => {
            sentence[tokens[end - 1].span.1..next.span.0].trim() == ","
                || SPEECH_VERBS.contains(&next.text)
        }
    };
    (end - k >= 2 && closes).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn names(sentence: &str) -> Vec<&str> {
        titled_names(sentence, &tokenize(sentence))
            .into_iter()
            .map(|t| &sentence[t.name])
            .collect()
    }

    #[test]
    fn a_possessive_ends_the_name() {
        assert_eq!(
            names("Interior Minister Lena Okafor's decree angered the unions."),
            ["Lena Okafor"]
        );
        assert_eq!(names("Governor Brandt's office declined."), ["Brandt"]);
        assert!(names("The Secretary-General's report came out.").is_empty());
    }

    #[test]
    fn long_titles_and_names_set_off_by_commas() {
        assert_eq!(
            names(
                "Second Deputy Permanent Representative of Norway to the UN Ingrid Solberg spoke."
            ),
            ["Ingrid Solberg"]
        );
        assert_eq!(
            names("Chile's ambassador to the UN, Tomás Irarrázaval, called it unfair."),
            ["Tomás Irarrázaval"]
        );
        // A list of places after a title's phrase is no name.
        assert!(names("The envoy to the region, Chad and Niger, said so.").is_empty());
        assert!(names("Ana Ruiz, the High Commissioner for Human Rights, agreed.").is_empty());
        assert_eq!(
            names("Polish MEP Jan Nowak and project coordinator Ewa Lis disagreed."),
            ["Jan Nowak", "Ewa Lis"]
        );
    }
}
