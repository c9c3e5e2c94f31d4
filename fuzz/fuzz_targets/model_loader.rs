#![no_main]
//! Any bytes as a model file (JSON or the binary form): an error or a model that predicts,
//! never a panic.
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = stance::classifier::Classifier::from_bytes(data, Path::new("fuzz.model")) {
        let s = stance::features::ActorSentence::locate("Paris vetoed the inquiry.", "Paris", &[]);
        let p = m.predict(&s);
        assert!(p.probabilities.iter().all(|x| x.is_finite()));
    }
});
