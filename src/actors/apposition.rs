//! People named without a title who speak or are described: "Ramón Ibarra, who edited…",
//! "Marek Lis, a lawyer for the coach, said…", "…," said Tereza Holubová.

use super::span::{Span, only_space};
use super::words::{
    NAME_PARTICLES, PERSON_NOUNS, SPEECH_VERBS, is_capitalised, is_name_particle, name_at,
};
use crate::text::Token;

/// Two or three name tokens that speak without a title: "Ramón Ibarra, who edited…",
/// "Maria Santos said…". Only before a speech verb or an appositive "who".
pub(super) fn untitled_speakers(sentence: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let mut end = i;
        while end < tokens.len()
            && end < i + 4
            && (name_at(tokens, end) || end > i && is_name_particle(tokens, end))
            && (end == i || only_space(sentence, &tokens[end - 1], &tokens[end]))
        {
            end += 1;
        }
        while end > i + 1 && NAME_PARTICLES.contains(&tokens[end - 1].text) {
            end -= 1;
        }
        // "the Eastern Mediterranean, told": a person's name takes no article.
        let preceded_ok = i == 0
            || (!is_capitalised(tokens[i - 1].text)
                || !only_space(sentence, &tokens[i - 1], &tokens[i]))
                && !matches!(tokens[i - 1].text, "the" | "The");
        // "…," said Tereza Holubová, the opposition lawmaker": a name after a speech verb.
        let after_speech = i > 0
            && matches!(tokens[i - 1].text, "said" | "says" | "added")
            && only_space(sentence, &tokens[i - 1], &tokens[i])
            && sentence[..tokens[i - 1].span.0]
                .trim_end()
                .ends_with(['"', '”', ',']);
        if end - i >= 2 && preceded_ok && (end < tokens.len() || after_speech) {
            let next = tokens.get(end).map_or("", |t| t.text);
            let gap = tokens
                .get(end)
                .map_or("", |t| &sentence[tokens[end - 1].span.1..t.span.0]);
            let speaks = SPEECH_VERBS.contains(&next)
                || (gap.trim() == "," && next == "who")
                || after_speech
                || (gap.trim() == "," && describes_a_person(sentence, &tokens[end..]));
            if speaks {
                out.push(tokens[i].span.0..tokens[end - 1].span.1);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether the words after "Name," describe a person: an age ("Kenneth Orr, 24,") or, within
/// the next four words, a [`PERSON_NOUNS`] word ("Gustavo Benalcázar, the former … manager").
pub(super) fn describes_a_person(sentence: &str, rest: &[Token]) -> bool {
    let Some(first) = rest.first() else {
        return false;
    };
    if first.text.chars().all(|c| c.is_ascii_digit()) && first.text.len() <= 3 {
        // "Kenneth Orr, 24, whose…", not "Santa Cruz, 12 people were hurt".
        let after = &sentence[first.span.1..];
        return after.trim_start().starts_with(',') || after.trim().is_empty();
    }
    rest.iter()
        .take(4)
        .take_while(|t| !t.text.chars().next().is_some_and(char::is_uppercase))
        .any(|t| PERSON_NOUNS.contains(&t.text))
}
