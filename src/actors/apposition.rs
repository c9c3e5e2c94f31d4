//! People named without a title who speak or are described: "Ramón Ibarra, who edited…",
//! "Marek Lis, a lawyer for the coach, said…", "…," said Tereza Holubová.

use super::names::{is_extra_name_part, is_name_particle, name_at};
use super::span::{Span, only_space};
use super::words::{
    NAME_PARTICLES, PERSON_NOUNS, SPEECH_VERBS, TITLE_HEADS, is_capitalised, name_token,
};
use crate::text::Token;

/// Words that may open a sentence before a name: "But Wang Li said…".
const CLAUSE_OPENERS: &[&str] = &[
    "But",
    "And",
    "Yet",
    "Meanwhile",
    "However",
    "Still",
    "Later",
    "Earlier",
    "Separately",
];

/// Two or three name tokens that speak without a title: "Ramón Ibarra, who edited…",
/// "Maria Santos said…". Only before a speech verb or an appositive "who".
pub(super) fn untitled_speakers(sentence: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let mut end = i;
        let mut extra = 0;
        while end < tokens.len()
            && end < i + 4 + extra + usize::from(is_extra_name_part(sentence, tokens, end))
            && (name_at(sentence, tokens, end)
                || end > i && is_name_particle(sentence, tokens, end))
            && (end == i || only_space(sentence, &tokens[end - 1], &tokens[end]))
        {
            extra += usize::from(is_extra_name_part(sentence, tokens, end));
            end += 1;
        }
        while end > i + 1 && NAME_PARTICLES.contains(&tokens[end - 1].text) {
            end -= 1;
        }
        // "the Eastern Mediterranean, told": a person's name takes no article.
        // A conjunction or adverb may open the sentence: "But Wang Li, the envoy, said".
        let preceded_ok = i == 0
            || (!is_capitalised(tokens[i - 1].text)
                || !only_space(sentence, &tokens[i - 1], &tokens[i])
                || i == 1 && CLAUSE_OPENERS.contains(&tokens[0].text))
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
            // "…, the High Commissioner for Human Rights, said": words that close a phrase
            // ("for …") before ", said" end an appositive; the speaker came before it. A name
            // set off by commas ("the minister, Davor Marić, said") speaks.
            let closes_phrase = i > 0
                && matches!(
                    tokens[i - 1].text,
                    "for" | "of" | "on" | "to" | "at" | "in" | "into"
                );
            let speaks = (gap.trim().is_empty() || !closes_phrase) && SPEECH_VERBS.contains(&next)
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

/// Whether the words from token `k` on make the name before them speak or describe a
/// person: a speech verb ("Kirby said"), or after a comma "who" or a description ("Kirby, a
/// retired judge,").
pub(super) fn speaks_or_is_described(sentence: &str, tokens: &[Token], k: usize) -> bool {
    let Some(next) = tokens.get(k) else {
        return false;
    };
    let gap = &sentence[tokens[k - 1].span.1..next.span.0];
    SPEECH_VERBS.contains(&next.text)
        || gap.trim() == "," && (next.text == "who" || describes_a_person(sentence, &tokens[k..]))
}

/// Whether the one word at `r` (a country's or a capital's name) opens the name of a person
/// who speaks or is described: "Tirana Hassan, the executive director of Human Rights Watch,
/// said", "Israel Katz said".
pub(super) fn opens_a_speaking_name(sentence: &str, tokens: &[Token], r: &Span) -> bool {
    let Some(i) = tokens.iter().position(|t| t.span == (r.start, r.end)) else {
        return false;
    };
    tokens.get(i + 1).is_some_and(|next| {
        name_token(next.text)
            && only_space(sentence, &tokens[i], next)
            && speaks_or_is_described(sentence, tokens, i + 2)
    })
}

/// Two or three name words standing alone, which may be a person named without a title or a
/// verb ("Michael Kirby then met…"): each run's span.
pub(super) fn bare_names(sentence: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i;
        let mut extra = 0;
        while end < tokens.len()
            && end < i + 4 + extra + usize::from(is_extra_name_part(sentence, tokens, end))
            && name_at(sentence, tokens, end)
            && (end == i || only_space(sentence, &tokens[end - 1], &tokens[end]))
        {
            extra += usize::from(is_extra_name_part(sentence, tokens, end));
            end += 1;
        }
        if end == i {
            i += 1;
            continue;
        }
        let alone = i == 0
            || !tokens[i - 1].text.starts_with(char::is_uppercase)
            || !only_space(sentence, &tokens[i - 1], &tokens[i]);
        let next_joins = tokens.get(end).is_some_and(|t| {
            only_space(sentence, &tokens[end - 1], t) && t.text.starts_with(char::is_uppercase)
        });
        if (2..=3).contains(&(end - i - extra)) && alone && !next_joins {
            out.push(tokens[i].span.0..tokens[end - 1].span.1);
        }
        i = end.max(i + 1);
    }
    out
}

/// Whether the words after "Name," describe a person: an age ("Kenneth Orr, 24,") or, within
/// the next four words before a comma, a [`PERSON_NOUNS`] or title word ("Gustavo Benalcázar,
/// the former … manager", "Lea Berg, Austria's ambassador", "Ana Ruiz, the UN High
/// Commissioner"). Capitalised words do not count towards the four, but the description may
/// not open with one unless it is a possessive.
fn describes_a_person(sentence: &str, rest: &[Token]) -> bool {
    let Some(first) = rest.first() else {
        return false;
    };
    if first.text.chars().all(|c| c.is_ascii_digit()) && first.text.len() <= 3 {
        // "Kenneth Orr, 24, whose…", not "Santa Cruz, 12 people were hurt".
        let after = &sentence[first.span.1..];
        return after.trim_start().starts_with(',') || after.trim().is_empty();
    }
    let upper = |t: &Token| t.text.chars().next().is_some_and(char::is_uppercase);
    if upper(first) && !is_possessive(first.text) {
        return false;
    }
    let mut counted = 0;
    for (k, t) in rest.iter().enumerate() {
        if k > 0 && sentence[rest[k - 1].span.1..t.span.0].contains(',') {
            return false;
        }
        if PERSON_NOUNS.contains(&t.text) || TITLE_HEADS.contains(&t.text) {
            return true;
        }
        if !upper(t) {
            counted += 1;
            if counted == 4 {
                return false;
            }
        }
    }
    false
}

/// A word in the possessive: "Israel's", "China’s".
fn is_possessive(t: &str) -> bool {
    t.ends_with("'s") || t.ends_with("’s")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn speakers(sentence: &str) -> Vec<&str> {
        untitled_speakers(sentence, &tokenize(sentence))
            .into_iter()
            .map(|r| &sentence[r])
            .collect()
    }

    #[test]
    fn descriptions_with_owners_and_capitalised_titles() {
        assert_eq!(
            speakers("Lea Berg, Austria's interior minister, rejected it."),
            ["Lea Berg"]
        );
        assert_eq!(
            speakers("Ana Ruiz, the OAS Special Rapporteur on torture, agreed."),
            ["Ana Ruiz"]
        );
        assert_eq!(
            speakers("But Tomas Hald, the deputy envoy who spoke for Denmark, said no."),
            ["Tomas Hald"]
        );
        assert_eq!(
            speakers("Ana Ruiz, the envoy for Civic Rights, said it would."),
            ["Ana Ruiz"]
        );
        assert_eq!(
            speakers("Chile's envoy for trade, Ana Ruiz, said it would."),
            ["Ana Ruiz"]
        );
        // A place described by its owner is no person, nor is a list after a comma.
        assert!(speakers("Santa Rosa, Peru's largest port, was closed.").is_empty());
        assert!(
            speakers("Santa Rosa, Lima, and the port of Callao, a coastal town, wait.").is_empty()
        );
    }
}
