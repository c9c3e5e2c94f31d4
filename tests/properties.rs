//! Property tests: the text stage never panics and loses nothing; probabilities are sane;
//! classification is deterministic.

use proptest::prelude::*;
use stance::actors::{ActorTracker, Dictionary};
use stance::text::{split_sentences, tokenize};

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sentences_cover_all_non_space_text(s in "\\PC{0,400}") {
        let joined: String = split_sentences(&s).iter().map(|x| x.text).collect();
        prop_assert_eq!(non_space(&joined), non_space(&s));
        for x in split_sentences(&s) {
            prop_assert_eq!(&s[x.span.clone()], x.text);
        }
    }

    #[test]
    fn tokens_point_into_their_text(s in "\\PC{0,300}") {
        for t in tokenize(&s) {
            prop_assert_eq!(&s[t.span.0..t.span.1], t.text);
        }
    }

    #[test]
    fn span_columns_never_panic_and_land_on_characters(
        text in "\\PC{0,60}",
        field in "([0-9]{1,3}-[0-9]{1,3}|;| |x|-){0,12}",
    ) {
        // Any cell either parses to spans inside the text, on character boundaries, or is refused.
        if let Ok(spans) = stance::io::parse_spans(&text, &field) {
            for r in spans {
                prop_assert!(r.start < r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn lexicon_files_never_panic(body in "(\\PC{0,12}(\t|,)?(-?[0-9]{1,2}(\\.[0-9])?)?\n){0,8}") {
        if let Ok(lex) = stance::features::Lexicon::parse(&body, "lex.tsv") {
            prop_assert!(!lex.is_empty());
        }
    }

    #[test]
    fn actor_finding_never_panics(s in "(Mr\\. |Gen\\. |Moscow|Foreign Minister |He said |[A-Z][a-z]+ |\\PC){0,40}") {
        let dict = Dictionary::builtin().unwrap();
        let mut t = ActorTracker::new(&dict);
        for m in t.find(&s) {
            prop_assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
        }
    }
}

#[test]
fn shipped_model_probabilities_are_finite_and_sum_to_one_and_classify_is_deterministic() {
    let model = stance::default_stance_model().unwrap();
    let dict = Dictionary::builtin().unwrap();
    let analyzer = stance::article::Analyzer::stance_only(&model, &dict);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(100));
    runner
        .run(
            &"(Paris|Moscow|the UN|Gen\\. Ali Khan|vetoed|backed|regretted|the inquiry|\\PC){0,30}",
            |s| {
                let a = analyzer.analyze("x", &s);
                let b = analyzer.analyze("x", &s);
                prop_assert_eq!(&a, &b);
                for actor in &a.actors {
                    for e in &actor.evidence {
                        let sum: f64 = e.probabilities.values().sum();
                        prop_assert!(e.probabilities.values().all(|p| p.is_finite()));
                        prop_assert!((sum - 1.0).abs() < 1e-9);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}
