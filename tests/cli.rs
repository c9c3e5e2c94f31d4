//! End-to-end tests of the `stance` binary: the three jobs, formats, and clean failures.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn stance() -> Command {
    Command::cargo_bin("stance").expect("binary builds")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn train_small(dir: &Path) -> PathBuf {
    let out = dir.join("m.json");
    stance()
        .args(["train", "--data"])
        .arg(data("small.csv"))
        .arg("--out")
        .arg(&out)
        .args(["--validation", "0", "--cv", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("rows 15"))
        .stdout(predicate::str::contains("vocabulary"))
        .stdout(predicate::str::contains("3-fold cross-validation"));
    out
}

#[test]
fn train_then_classify_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Peru vetoed the inquiry on Monday. Later, Norway welcomed the plan.\n",
    )
    .unwrap();
    let out = stance()
        .args(["classify", "--no-sentiment", "--format", "json", "--model"])
        .arg(&model)
        .arg(&article)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let actors = v["actors"].as_array().unwrap();
    let names: Vec<&str> = actors
        .iter()
        .map(|a| a["actor"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Peru", "Norway"]);
    for a in actors {
        let ev = &a["evidence"][0];
        let sum: f64 = ev["probabilities"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p.as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-6);
        assert!(a["kind"] == "country" && a["mentions"].is_array());
    }
    stance()
        .args(["classify", "--no-sentiment", "--format", "csv", "--model"])
        .arg(&model)
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "article,actor,kind,overall_stance,sentence",
        ));
}

#[test]
fn classify_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    stance()
        .args(["classify", "--no-sentiment", "--format", "json", "--model"])
        .arg(&model)
        .write_stdin("Chile called for an inquiry.")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"article\":\"-\"").and(predicate::str::contains("Chile")),
        );
}

#[test]
fn evaluate_json_has_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let out = stance()
        .args(["evaluate", "--format", "json", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(data("small.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in ["n", "accuracy", "macro_f1", "per_class", "confusion"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["n"], 15);
    assert!(v["per_class"]["opposes"]["support"] == 5);
}

#[test]
fn same_data_and_seed_give_the_same_model_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read(train_small(dir.path())).unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = std::fs::read(train_small(other.path())).unwrap();
    assert_eq!(a, b);
}

#[test]
fn missing_column_names_file_and_line_and_writes_no_model() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "txt,actor,stance\nhello,X,supports\n").unwrap();
    let out = dir.path().join("m.json");
    stance()
        .args(["train", "--data"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.csv:1").and(predicate::str::contains("\"text\"")));
    assert!(!out.exists());
}

#[test]
fn ragged_row_fails_without_touching_the_existing_model() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("ragged.csv");
    std::fs::write(&csv, "text,actor,stance\n\"a b\",X,supports\n\"c d\",Y\n").unwrap();
    let out = dir.path().join("m.json");
    std::fs::write(&out, b"previous model").unwrap();
    stance()
        .args(["train", "--data"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ragged.csv:3"));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous model");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left behind"
    );
}

#[test]
fn one_label_is_nothing_to_learn() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        "text,actor,stance\nA backed it,A,supports\nB backed it,B,supports\n",
    )
    .unwrap();
    stance()
        .args(["train", "--data"])
        .arg(&csv)
        .arg("--out")
        .arg(dir.path().join("m.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to learn"));
}

#[test]
fn unknown_label_in_evaluate_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let csv = dir.path().join("eval.csv");
    std::fs::write(
        &csv,
        "text,actor,stance\nA backed it,A,supports\nB hated it,B,furious\n",
    )
    .unwrap();
    stance()
        .args(["evaluate", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("eval.csv:3").and(predicate::str::contains("furious")));
}

#[test]
fn corrupt_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        b"{\"format\": \"stance-model\", \"version\": 1, \"labels\": [",
    )
    .unwrap();
    stance()
        .args(["classify", "--model"])
        .arg(&bad)
        .write_stdin("Chile backed it.")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("bad.json")
                .and(predicate::str::contains("not a usable stance model")),
        );
}

#[test]
fn bad_usage_exits_2_and_missing_file_exits_1() {
    stance().args(["train"]).assert().code(2);
    stance()
        .args(["classify", "--format", "yaml"])
        .assert()
        .code(2);
    stance()
        .args(["classify", "/no/such/article.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/article.txt"));
}
