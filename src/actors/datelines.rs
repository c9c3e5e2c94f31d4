//! Datelines: "NAIROBI, Feb 12 (Reuters) - " names where a story was filed, not an actor
//! (rule 10 of the annotation guide).

/// The sentence with its dateline, if it opens with one, blanked out byte for byte (so spans
/// stay valid): an upper-case place, then anything without a lower-case word (a region, a
/// date, the agency in brackets) up to a dash — "NAIROBI, Feb 12 (Reuters) - ",
/// "CÓRDOBA, Argentina (AP) — ", "MONTGOMERY, Ala. (AP) — ".
pub fn mask_dateline(sentence: &str) -> std::borrow::Cow<'_, str> {
    let lead = sentence.len() - sentence.trim_start().len();
    let head: String = sentence[lead..]
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '.' || *c == '\'' || *c == '-')
        .collect();
    let first_word = head.split_whitespace().next().unwrap_or("");
    let place = first_word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first_word
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if !place {
        return sentence.into();
    }
    let mut cut = sentence.len().min(lead + 120);
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &sentence[..cut];
    let dash = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| window.find(d).map(|i| i + d.len()))
        .min();
    let Some(end) = dash else {
        return sentence.into();
    };
    let prefix = &sentence[..end];
    // The agency in brackets may be lower-case: "BERLIN, Nov 4 (dpa) - ".
    let outside_brackets: String = prefix
        .split('(')
        .map(|part| part.split_once(')').map_or(part, |(_, after)| after))
        .collect::<Vec<_>>()
        .join(" ");
    let lower_word = outside_brackets
        .split(|c: char| !c.is_alphabetic())
        .any(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !matches!(w, "st" | "nd" | "rd" | "th")
        });
    if lower_word || !prefix.contains('(') && !prefix.contains(',') {
        return sentence.into();
    }
    let mut out = " ".repeat(end);
    out.push_str(&sentence[end..]);
    out.into()
}
