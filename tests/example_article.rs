//! The README's example, end to end with the shipped (embedded) model: an analyst reads
//! `examples/lavrov-tillerson.txt` as Lavrov regrets, the United States opposes, Tillerson
//! supports, Russia supports, Iran supports, the OPCW opposes. The article's sentences are not
//! in the training data.

use assert_cmd::Command;
use std::collections::BTreeMap;

#[test]
fn the_six_stances_of_the_example_article() {
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
    let got: BTreeMap<String, String> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["actor"].as_str().unwrap().to_string(),
                a["stance"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("Sergei Lavrov", "regrets"),
        ("United States", "opposes"),
        ("Rex Tillerson", "supports"),
        ("Russia", "supports"),
        ("Iran", "supports"),
        ("OPCW", "opposes"),
    ];
    let wrong: Vec<String> = want
        .iter()
        .filter(|(a, s)| got.get(*a).map(String::as_str) != Some(*s))
        .map(|(a, s)| format!("{a}: want {s}, got {:?}", got.get(*a)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}\nall: {got:#?}");
}
