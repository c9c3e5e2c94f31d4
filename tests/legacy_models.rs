//! Old model files still work: the shipped models of format version 4 (flat feature options,
//! JSON and `STANCEM4`), read from the git history, load through the legacy arm, and re-saved
//! in format version 5 (the list of feature families, JSON and `STANCEM5`) they are the same
//! classifier and `stance classify` gives byte-identical output with either, on the example and
//! held-out articles. (When format 5 came in, the shipped recipe retrained on the same data gave
//! the version-4 models byte for byte; the shipped models have since been retrained on more data.)

use assert_cmd::Command;
use stance::classifier::Classifier;
use std::path::{Path, PathBuf};

/// The last commit whose shipped models were written in format version 4.
const LAST_V4_COMMIT: &str = "468d650";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The standard output of `cmd`, which must succeed (`what` says what it does).
fn stdout_of(cmd: &mut Command, what: &str) -> Vec<u8> {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `path` as it was at [`LAST_V4_COMMIT`].
fn old_file(path: &str) -> Vec<u8> {
    stdout_of(
        Command::new("git")
            .current_dir(root())
            .args(["show", &format!("{LAST_V4_COMMIT}:{path}")]),
        &format!("reading {path} at commit {LAST_V4_COMMIT} (needs the git history)"),
    )
}

/// The version-4 JSON and binary files of the shipped model `name`, checked to be version 4.
fn old_models(name: &str) -> (Classifier, Classifier) {
    let json = format!("models/{name}.json");
    let text = String::from_utf8(old_file(&json)).unwrap();
    assert!(
        text.contains("\"version\":4,"),
        "{json} at {LAST_V4_COMMIT}"
    );
    let from_json = Classifier::from_bytes(text.as_bytes(), Path::new(&json)).unwrap();
    let bin = format!("models/{name}.bin");
    let bytes = old_file(&bin);
    assert!(bytes.starts_with(b"STANCEM4"), "{bin} at {LAST_V4_COMMIT}");
    let from_bin = Classifier::from_bytes(&bytes, Path::new(&bin)).unwrap();
    (from_json, from_bin)
}

#[test]
fn version_4_models_load_and_resave_as_the_same_version_5_models() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["stance", "sentiment"] {
        let (from_json, from_bin) = old_models(name);
        assert!(
            from_json == from_bin,
            "{name}: the version-4 JSON and binary files load as different models"
        );
        for ext in ["json", "bin"] {
            let path = dir.path().join(format!("{name}.{ext}"));
            from_json.save(&path).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            if ext == "bin" {
                assert!(bytes.starts_with(b"STANCEM5"), "{}", path.display());
            } else {
                assert!(
                    String::from_utf8_lossy(&bytes).contains("\"version\":5,"),
                    "{}",
                    path.display()
                );
            }
            let resaved = Classifier::load(&path).unwrap();
            assert!(
                resaved == from_json,
                "{name}: re-saved as version 5 ({ext}) it loads as another model"
            );
        }
    }
}

/// `stance classify --format json --explain` of the example and held-out articles with the
/// given stance and sentiment models.
fn classify(stance: &Path, sentiment: &Path) -> Vec<u8> {
    stdout_of(
        Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .args(["classify", "--format", "json", "--explain", "--model"])
            .arg(stance)
            .arg("--sentiment-model")
            .arg(sentiment)
            .arg(root().join("examples/lavrov-tillerson.txt"))
            .arg(root().join("training-data/heldout-1")),
        "stance classify",
    )
}

#[test]
fn version_4_and_version_5_files_classify_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut old: Vec<PathBuf> = Vec::new();
    let mut new: Vec<PathBuf> = Vec::new();
    for name in ["stance", "sentiment"] {
        let p = dir.path().join(format!("{name}-v4.json"));
        std::fs::write(&p, old_file(&format!("models/{name}.json"))).unwrap();
        let q = dir.path().join(format!("{name}-v5.bin"));
        Classifier::load(&p).unwrap().save(&q).unwrap();
        old.push(p);
        new.push(q);
    }
    let before = classify(&old[0], &old[1]);
    let after = classify(&new[0], &new[1]);
    let text = String::from_utf8(after.clone()).unwrap();
    assert!(text.lines().count() >= 10, "{text}");
    assert!(text.contains("\"explanation\"") && text.contains("\"sentiment\""));
    assert!(
        before == after,
        "the version-4 files and their version-5 copies classify differently"
    );
}
