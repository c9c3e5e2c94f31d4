//! Headlines in title case ("Haiti Asks UN For Help With Inquiry"): every word is capitalised,
//! so a capitalised run there says nothing about names. In such a sentence the finder names
//! only actors the dictionary or an earlier mention knows.

use crate::text::Token;

/// Short words a title-case headline may leave in lower case: "Chief Seeks to Inspect Sites",
/// "Court of Appeal", "Sophie in 't Veld".
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "by", "as", "with", "from",
    "vs", "via", "into", "over", "but", "nor", "per", "s", "t",
];

/// Whether a sentence is a headline in title case: at least four words, and no lower-case word
/// besides [`MINOR_WORDS`] — "China Seeks To Limit UN Rights Chief's Visit". An ordinary
/// sentence has a lower-case verb or noun ("Lavrov met Tillerson in Geneva").
pub(super) fn is_title_case(tokens: &[Token]) -> bool {
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t.text)
        .filter(|t| t.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    words.len() >= 4
        && words
            .iter()
            .all(|w| !w.chars().next().is_some_and(char::is_lowercase) || MINOR_WORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn title_case(s: &str) -> bool {
        is_title_case(&tokenize(s))
    }

    #[test]
    fn headlines_in_title_case_and_ordinary_sentences() {
        assert!(title_case(
            "Peru Asks Court Of Appeal To Review Mine Permit"
        ));
        assert!(title_case("Chile Wants UN Rights Envoy to Visit the North"));
        assert!(title_case("NATO, EU REJECT PLAN FOR JOINT INQUIRY"));
        assert!(!title_case("Lavrov met Tillerson in Geneva."));
        assert!(!title_case(
            "Foreign Minister Ana Ruiz said Peru Would Wait."
        ));
        assert!(!title_case("Ana Ruiz Resigns"));
        assert!(!title_case(""));
    }
}
