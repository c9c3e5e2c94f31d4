#![no_main]
//! Any bytes as an article through the whole pipeline with the shipped model: never a panic.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static MODEL: OnceLock<stance::classifier::Classifier> = OnceLock::new();
static DICT: OnceLock<stance::actors::Dictionary> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let model = MODEL.get_or_init(|| stance::default_stance_model().expect("shipped model"));
    let dict = DICT.get_or_init(|| stance::actors::Dictionary::builtin().expect("shipped dictionary"));
    let text = String::from_utf8_lossy(data);
    let a = stance::article::Analyzer { stance: model, sentiment: None, dictionary: dict, min_confidence: 0.0, explain: 3 };
    let r = a.analyze("fuzz", &text);
    for actor in &r.actors {
        for e in &actor.evidence {
            assert!((e.probabilities.values().sum::<f64>() - 1.0).abs() < 1e-6);
        }
    }
});
