//! British spelling for American words: the training corpus is written in British spelling
//! ("in favour", "criticised", "authorised") while much wire copy is American ("in favor",
//! "criticized", "authorized"); with the `british-spelling` family the extractor reads both the
//! same way. Word endings that keep the byte length ("-ize" → "-ise", "-yze" → "-yse",
//! "defense" → "defence", "center" → "centre") are rewritten in the sentence, so mention spans
//! stay valid; the few words whose British form is longer ("favor" → "favour") are looked up
//! one token at a time. Negative contractions are written out the same way ("doesn't" → "does
//! not", family `contractions`): the corpus writes them out, quotes in real copy do not.

use std::borrow::Cow;

/// Endings after "iz" that make an "-ize" word ("criticize", "authorization", "organizers").
const IZE_ENDINGS: &[&str] = &[
    "e", "ed", "es", "ing", "ation", "ations", "er", "ers", "ement", "ements",
];

/// Endings after "yz" ("analyze", "paralyzed").
const YZE_ENDINGS: &[&str] = &["e", "ed", "es", "ing", "er", "ers"];

/// Words in "-ize" that are spelt so in British English too.
const TRUE_IZE: &[&str] = &[
    "belize",
    "capsize",
    "capsized",
    "downsize",
    "downsized",
    "downsizing",
    "oversize",
    "oversized",
    "assize",
    "assizes",
];

/// American words whose British form is longer, with that form.
const LONGER: &[(&str, &str)] = &[
    ("favor", "favour"),
    ("favors", "favours"),
    ("favored", "favoured"),
    ("favoring", "favouring"),
    ("favorable", "favourable"),
    ("favorably", "favourably"),
    ("unfavorable", "unfavourable"),
    ("disfavor", "disfavour"),
    ("behavior", "behaviour"),
    ("behaviors", "behaviours"),
    ("honor", "honour"),
    ("honored", "honoured"),
    ("honors", "honours"),
    ("honoring", "honouring"),
    ("labor", "labour"),
    ("rumor", "rumour"),
    ("rumors", "rumours"),
    ("neighbor", "neighbour"),
    ("neighbors", "neighbours"),
    ("neighboring", "neighbouring"),
    ("endeavor", "endeavour"),
    ("endeavors", "endeavours"),
    ("harbor", "harbour"),
    ("fulfill", "fulfil"),
    ("judgment", "judgement"),
];

/// Negative contractions, written out as the corpus writes them ("doesn't" → "does not").
const CONTRACTIONS: &[(&str, [&str; 2])] = &[
    ("don't", ["do", "not"]),
    ("doesn't", ["does", "not"]),
    ("didn't", ["did", "not"]),
    ("won't", ["will", "not"]),
    ("wouldn't", ["would", "not"]),
    ("can't", ["can", "not"]),
    ("cannot", ["can", "not"]),
    ("couldn't", ["could", "not"]),
    ("shouldn't", ["should", "not"]),
    ("isn't", ["is", "not"]),
    ("aren't", ["are", "not"]),
    ("wasn't", ["was", "not"]),
    ("weren't", ["were", "not"]),
    ("hasn't", ["has", "not"]),
    ("haven't", ["have", "not"]),
    ("hadn't", ["had", "not"]),
    ("mustn't", ["must", "not"]),
];

/// A negative contraction written out ("doesn't", "Doesn’t" → ["does", "not"]); `None` for
/// other words.
pub(crate) fn written_out(word: &str) -> Option<[&'static str; 2]> {
    if !(word.ends_with("n't") || word.ends_with("n’t") || word.eq_ignore_ascii_case("cannot")) {
        return None;
    }
    let plain = word.replace('’', "'").to_ascii_lowercase();
    CONTRACTIONS
        .iter()
        .find(|(short, _)| *short == plain)
        .map(|(_, long)| *long)
}

/// The sentence with the American endings that keep their length in British form rewritten
/// ("criticized" → "criticised", "defense" → "defence"); borrowed when there are none.
///
/// ```text
/// "Paris criticized the probe's organizers" → "Paris criticised the probe's organisers"
/// ```
pub(crate) fn british_endings(text: &str) -> Cow<'_, str> {
    let mut out: Option<Vec<u8>> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        // A word of ASCII letters only, not glued to other letters (é, ñ…).
        let glued = |k: usize| text[k..].chars().next().is_some_and(char::is_alphabetic);
        let before_glued = text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        if before_glued || (i < bytes.len() && glued(i)) {
            continue;
        }
        if let Some((at, with)) = british_in_place(&text[start..i]) {
            let buf = out.get_or_insert_with(|| bytes.to_vec());
            buf[start + at..start + at + with.len()].copy_from_slice(with.as_bytes());
        }
    }
    match out {
        // Only ASCII letters were replaced by ASCII letters: still UTF-8.
        Some(buf) => Cow::Owned(String::from_utf8(buf).expect("ASCII replaced by ASCII")),
        None => Cow::Borrowed(text),
    }
}

/// Where in `word` to write what, for an American ending of the same length as its British
/// form; `None` when the word is not one.
fn british_in_place(word: &str) -> Option<(usize, &'static str)> {
    // Most words have no "z" and are no defense or center: decided without allocating.
    let maybe = word.bytes().any(|b| b == b'z' || b == b'Z')
        || [b"ense" as &[u8], b"enses", b"nter", b"nters"]
            .iter()
            .any(|e| {
                word.len() >= e.len()
                    && word.as_bytes()[word.len() - e.len()..].eq_ignore_ascii_case(e)
            });
    if !maybe {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if TRUE_IZE.contains(&lower.as_str()) {
        return None;
    }
    for (pair, with, endings, min_stem) in
        [("iz", "is", IZE_ENDINGS, 3), ("yz", "ys", YZE_ENDINGS, 3)]
    {
        if let Some(at) = lower.rfind(pair)
            && at >= min_stem
            && endings.contains(&&lower[at + 2..])
        {
            return Some((at, with));
        }
    }
    match lower.as_str() {
        "defense" | "defenses" | "offense" | "offenses" => Some((5, "c")),
        "center" | "centers" => Some((4, "re")),
        _ => None,
    }
}

/// The British form of an American word that is longer in British spelling ("favor" →
/// "favour"); lower-case words only ("Labor" is a party).
pub(crate) fn british_word(word: &str) -> Option<&'static str> {
    LONGER.iter().find(|(us, _)| *us == word).map(|(_, uk)| *uk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn american_endings_become_british_in_place() {
        let s = "Paris criticized the probe's organizers and analyzed its defense.";
        let b = british_endings(s);
        assert_eq!(
            b,
            "Paris criticised the probe's organisers and analysed its defence."
        );
        assert_eq!(b.len(), s.len());
        assert_eq!(
            british_endings("Authorization was recognized at the center"),
            "Authorisation was recognised at the centre"
        );
    }

    #[test]
    fn words_spelt_with_z_in_british_english_too_stay() {
        for s in [
            "The prize was seized in Belize.",
            "The size of the citizens' bazaar.",
            "A capsized boat; Zürich; naïve",
            "Ich organizé",
        ] {
            assert_eq!(british_endings(s), s, "{s}");
            assert!(matches!(british_endings(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn negative_contractions_are_written_out() {
        assert_eq!(written_out("doesn't"), Some(["does", "not"]));
        assert_eq!(written_out("Won’t"), Some(["will", "not"]));
        assert_eq!(written_out("cannot"), Some(["can", "not"]));
        assert_eq!(written_out("not"), None);
        assert_eq!(written_out("Washington's"), None);
    }

    #[test]
    fn longer_british_words_are_looked_up() {
        assert_eq!(british_word("favor"), Some("favour"));
        assert_eq!(british_word("unfavorable"), Some("unfavourable"));
        assert_eq!(british_word("Labor"), None);
        assert_eq!(british_word("favour"), None);
    }
}
