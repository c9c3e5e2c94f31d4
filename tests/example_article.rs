//! The README's example, end to end with the shipped (embedded) model: an analyst reads
//! `examples/lavrov-tillerson.txt` as Lavrov regrets, the United States opposes, Tillerson
//! supports, Russia supports, Iran supports, the OPCW opposes. The article's sentences are not
//! in the training data.

use assert_cmd::Command;
use std::collections::BTreeMap;

const WANT: [(&str, &str); 6] = [
    ("Sergei Lavrov", "regrets"),
    ("United States", "opposes"),
    ("Rex Tillerson", "supports"),
    ("Russia", "supports"),
    ("Iran", "supports"),
    ("OPCW", "opposes"),
];

/// Overall stance per actor from `stance classify --format json` on the example.
fn classify_example() -> BTreeMap<String, String> {
    let out = Command::cargo_bin("stance")
        .unwrap()
        .args([
            "classify",
            "--format",
            "json",
            "examples/lavrov-tillerson.txt",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["actor"].as_str().unwrap().to_string(),
                a["stance"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn wrong(got: &BTreeMap<String, String>) -> Vec<String> {
    WANT.iter()
        .filter(|(a, s)| got.get(*a).map(String::as_str) != Some(*s))
        .map(|(a, s)| format!("{a}: want {s}, got {:?}", got.get(*a)))
        .collect()
}

/// All six actors are found, and each gets the stance an analyst reads. The article is a
/// smoke test, never training data (tests/corpus.rs checks no sentence of it is in the corpus);
/// the margins are thin (see the README's accuracy section).
#[test]
fn the_six_stances_of_the_example_article() {
    let got = classify_example();
    for (actor, _) in WANT {
        assert!(got.contains_key(actor), "{actor} not found; all: {got:#?}");
    }
    let wrong = wrong(&got);
    assert!(wrong.is_empty(), "{wrong:#?}\nall: {got:#?}");
}
