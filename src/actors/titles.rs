//! People introduced by a title: "Foreign Minister Sergei Lavrov", "Secretary of State Rex
//! Tillerson", "his counterpart, Rex Tillerson".

use super::span::{Span, only_space};
use super::words::{
    NAME_PARTICLES, TITLE_CONTINUATIONS, TITLE_HEADS, is_capitalised, is_name_particle, name_token,
};
use crate::text::Token;

/// Names that follow a title: (name byte range, byte where the title begins).
///
/// "Foreign Minister Sergei Lavrov", "Secretary of State Rex Tillerson", "his counterpart, Rex
/// Tillerson", "Minister for Works and Transport Salum Kombo", "Ambassador to CAR Zhao Liqun".
/// When a prepositional phrase follows the title, its capitalised words and the name run
/// together; the name is then the last two of them.
pub(super) fn titled_names(sentence: &str, tokens: &[Token]) -> Vec<(Span, usize)> {
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
        // The title may start with capitalised modifiers: "Deputy Foreign Minister".
        let mut start = i;
        while start > 0
            && TITLE_CONTINUATIONS.contains(&tokens[start - 1].text)
            && tokens[start - 1].text != "of"
            && only_space(sentence, &tokens[start - 1], &tokens[start])
        {
            start -= 1;
        }
        let mut j = i + 1;
        let mut after_phrase = false;
        while j < tokens.len() && TITLE_CONTINUATIONS.contains(&tokens[j].text) {
            after_phrase |= matches!(tokens[j].text, "of" | "for");
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
        let mut end = j;
        while end < tokens.len()
            && end < first + if after_phrase { 7 } else { 4 }
            && (end == first || only_space(sentence, &tokens[end - 1], &tokens[end]))
        {
            let t = tokens[end].text;
            let joins = after_phrase && end > first && t == "and";
            let caps = is_capitalised(t)
                || (after_phrase && t.len() > 1 && t.chars().all(char::is_uppercase));
            let particle = !after_phrase && end > first && is_name_particle(tokens, end);
            if !particle && (!(joins || caps) || (!after_phrase && !name_token(t))) {
                break;
            }
            end += 1;
        }
        while end > first + 1 && NAME_PARTICLES.contains(&tokens[end - 1].text) {
            end -= 1;
        }
        // With a phrase, the name is the trailing run of name tokens, at most two.
        let mut name_start = first;
        if after_phrase {
            name_start = end;
            while name_start > first
                && end - name_start < 2
                && name_token(tokens[name_start - 1].text)
            {
                name_start -= 1;
            }
            if end - name_start < 2 {
                name_start = end; // a department without a name: nobody here
            }
        }
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
        if gap_ok && (n >= 2 || (n == 1 && !lower_head)) {
            out.push((
                tokens[name_start].span.0..tokens[end - 1].span.1,
                tokens[start].span.0,
            ));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}
