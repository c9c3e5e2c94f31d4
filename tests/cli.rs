//! End-to-end tests of the `stance` binary: the three jobs, formats, and clean failures.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn stance() -> Command {
    Command::cargo_bin("stance").expect("binary builds")
}

/// Runs `cmd`, which must succeed, and parses its standard output as one JSON value.
fn json_output(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn train_small(dir: &Path) -> PathBuf {
    train_small_to(dir, "m.json")
}

/// Trains on tests/data/small.csv into `dir/name` (`.bin`: the binary form).
fn train_small_to(dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    stance()
        .args(["train", "--data"])
        .arg(data("small.csv"))
        .arg("--out")
        .arg(&out)
        .args(["--validation", "0", "--cv", "3", "--min-count", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("rows 15"))
        .stdout(predicate::str::contains("vocabulary"))
        .stdout(predicate::str::contains("3-fold cross-validation"));
    out
}

/// Asserts exit code 1 and an error message containing every one of `needles`.
fn fails_naming(assert: assert_cmd::assert::Assert, needles: &[&str]) {
    let mut a = assert.code(1);
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
}

/// `stance classify --no-sentiment --format FORMAT --model MODEL`, reading `input` from stdin.
fn classify_stdin(model: &Path, format: &str, input: &str) -> assert_cmd::assert::Assert {
    stance()
        .args(["classify", "--no-sentiment", "--format", format, "--model"])
        .arg(model)
        .write_stdin(input.to_string())
        .assert()
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
    let v = json_output(
        stance()
            .args(["classify", "--no-sentiment", "--format", "json", "--model"])
            .arg(&model)
            .arg(&article),
    );
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
            "id,article,actor,kind,overall_stance,sentence",
        ));
}

#[test]
fn classify_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    classify_stdin(&model, "json", "Chile called for an inquiry.")
        .success()
        .stdout(
            predicate::str::contains("\"article\":\"-\"").and(predicate::str::contains("Chile")),
        );
}

#[test]
fn evaluate_json_has_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let v = json_output(
        stance()
            .args(["evaluate", "--format", "json", "--model"])
            .arg(&model)
            .arg("--data")
            .arg(data("small.csv")),
    );
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
    // The operating system's reason is said once, not once per layer of the error.
    let out = stance()
        .args(["evaluate", "--data", "/no/such/data.csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

#[test]
fn explain_inspect_completions_and_man() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let v = json_output(
        stance()
            .args([
                "explain",
                "--format",
                "json",
                "--text",
                "Hungary vetoed the inquiry.",
                "--actor",
                "Hungary",
                "--model",
            ])
            .arg(&model),
    );
    assert!(v["label"].is_string() && v["runner_up"].is_string());
    let feats = v["features"].as_array().unwrap();
    assert!(
        feats.iter().any(|f| f["feature"] == "b:@a vetoed"),
        "{feats:?}"
    );
    stance()
        .args(["inspect", "--top", "3"])
        .arg(&model)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("top features for opposes")
                .and(predicate::str::contains("sha256")),
        );
    stance()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("stance"));
    stance()
        .args(["man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH"));
}

#[test]
fn classify_explain_adds_explanations_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let v = json_output(
        stance()
            .args([
                "classify",
                "--no-sentiment",
                "--explain",
                "--format",
                "json",
                "--model",
            ])
            .arg(&model)
            .write_stdin("Egypt rejected the probe."),
    );
    let x = &v["actors"][0]["evidence"][0]["explanation"];
    assert!(
        x["features"].as_array().is_some_and(|f| !f.is_empty()),
        "{v}"
    );
}

#[test]
fn min_confidence_turns_weak_stances_neutral() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    stance()
        .args([
            "classify",
            "--no-sentiment",
            "--min-confidence",
            "0.999",
            "--format",
            "csv",
            "--model",
        ])
        .arg(&model)
        .write_stdin("Egypt rejected the probe.")
        .assert()
        .success()
        .stdout(
            predicate::str::contains(",neutral,").and(predicate::str::contains("opposes").not()),
        );
}

#[test]
fn odd_inputs_do_not_break_classify() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("binary.bin", (0..=255u8).cycle().take(5000).collect()),
        (
            "cyrillic.txt",
            "Москва отклонила расследование. 北京拒绝了调查。 رفضت القاهرة التحقيق"
                .as_bytes()
                .to_vec(),
        ),
        ("one-line.txt", "word ".repeat(200_000).into_bytes()),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        stance()
            .args(["classify", "--no-sentiment", "--format", "json", "--model"])
            .arg(&model)
            .arg(&p)
            .assert()
            .success();
    }
    // A directory is read file by file, in name order.
    let out = stance()
        .args(["classify", "--no-sentiment", "--format", "json", "--model"])
        .arg(&model)
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 5); // 4 articles + the model file
}

#[test]
fn csv_edge_cases_train() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(data("small.csv")).unwrap();
    // BOM + CRLF + blank lines + a duplicate row: trains, with a duplicate warning.
    let mut messy = String::from("\u{feff}");
    messy.push_str(&small.replace('\n', "\r\n\r\n"));
    messy.push_str(
        "\"Egypt rejected the call for an international probe.\",Egypt,opposes,negative,a8\r\n",
    );
    let p = dir.path().join("messy.csv");
    std::fs::write(&p, messy).unwrap();
    stance()
        .args(["train", "--validation", "0", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(dir.path().join("m.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains("1 duplicate rows"));
    for (name, content, want) in [
        ("empty.csv", "", "empty.csv:1"),
        ("header.csv", "text,actor,stance\n", "header only"),
        (
            "quote.csv",
            "text,actor,stance\n\"open quote,X,supports\nnext,Y,opposes\n",
            "quote.csv:2",
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        stance()
            .args(["train", "--data"])
            .arg(&p)
            .arg("--out")
            .arg(dir.path().join("never.json"))
            .assert()
            .code(1)
            .stderr(predicate::str::contains(want));
        assert!(!dir.path().join("never.json").exists());
    }
    stance()
        .args(["train", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("x.json"))
        .assert()
        .code(1);
}

#[test]
fn table_is_plain_when_piped_and_html_marks_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let table = classify_stdin(&model, "table", "Egypt rejected the probe.")
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    assert!(
        table.contains("Egypt") && !table.contains('\u{1b}'),
        "{table}"
    );
    classify_stdin(&model, "html", "Egypt rejected the probe.")
        .success()
        .stdout(
            predicate::str::contains("<span class=\"m\"").and(predicate::str::contains("</html>")),
        );
}

#[test]
fn evaluate_articles_scores_pairs_and_writes_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let arts = dir.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(
        arts.join("one.txt"),
        "Egypt rejected the probe.\n\nNorway welcomed the plan.\n",
    )
    .unwrap();
    std::fs::write(
        arts.join("gold.csv"),
        "article,actor,stance\none,Egypt,opposes\none,Norway,supports\n",
    )
    .unwrap();
    let report = dir.path().join("articles.html");
    let v = json_output(
        stance()
            .args(["evaluate", "--format", "json", "--model"])
            .arg(&model)
            .arg("--articles")
            .arg(&arts)
            .arg("--report")
            .arg(&report),
    );
    assert_eq!(v["gold"], 2);
    assert!(v["f1"].as_f64().unwrap() >= 0.0 && v["missed"].is_array());
    let html = std::fs::read_to_string(report).unwrap();
    assert!(html.contains("<article>") && html.contains("Egypt"));
    // --min-confidence 1 turns every stance neutral: nothing is predicted.
    let v = json_output(
        stance()
            .args([
                "evaluate",
                "--format",
                "json",
                "--min-confidence",
                "1",
                "--model",
            ])
            .arg(&model)
            .arg("--articles")
            .arg(&arts),
    );
    assert_eq!(
        (v["gold"].as_u64(), v["predicted"].as_u64()),
        (Some(2), Some(0))
    );
    // Without --articles it is refused; out of range it is refused.
    stance()
        .args(["evaluate", "--min-confidence", "0.5", "--data"])
        .arg(data("small.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--articles"));
    stance()
        .args(["evaluate", "--min-confidence", "2", "--articles"])
        .arg(&arts)
        .assert()
        .failure();
}

#[test]
fn long_fields_odd_labels_and_many_labels_train() {
    let dir = tempfile::tempdir().unwrap();
    // A 1 MB field and labels with odd characters.
    let mut csv = String::from("text,actor,stance\n");
    csv += &format!(
        "\"Egypt rejected it {}\",Egypt,\"no, never \"\"ever\"\" ✗\"\n",
        "word ".repeat(210_000)
    );
    for i in 0..6 {
        csv += &format!("Peru{i} backed the probe,Peru{i},oui/sí 🙂\n");
        csv += &format!("Chad{i} vetoed the probe,Chad{i},\"no, never \"\"ever\"\" ✗\"\n");
    }
    let p = dir.path().join("odd.csv");
    std::fs::write(&p, csv).unwrap();
    let out = dir.path().join("odd.json");
    stance()
        .args(["train", "--validation", "0", "--min-count", "1", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("oui/sí 🙂"));
    stance()
        .args(["inspect", "--format", "json"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("no, never \\\"ever\\\" ✗"));
    // 1,000 labels, two rows each.
    let mut csv = String::from("text,actor,stance\n");
    for i in 0..1000 {
        csv += &format!(
            "Actor{i} did thing{i} today,Actor{i},label{i}\nActor{i} did thing{i} again,Actor{i},label{i}\n"
        );
    }
    let p = dir.path().join("many.csv");
    std::fs::write(&p, csv).unwrap();
    stance()
        .args([
            "train",
            "--validation",
            "0",
            "--min-count",
            "1",
            "--max-iter",
            "20",
            "--data",
        ])
        .arg(&p)
        .arg("--out")
        .arg(dir.path().join("many.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("label999 2"));
    // A class with one example cannot be stratified into folds: said clearly.
    let p = dir.path().join("single.csv");
    std::fs::write(&p, "text,actor,stance\nA backed it,A,supports\nB backed it,B,supports\nC backed it,C,supports\nD vetoed it,D,opposes\n").unwrap();
    stance()
        .args(["train", "--validation", "0", "--cv", "3", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(dir.path().join("single.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only 1 example"));
}

#[test]
fn evaluate_writes_plots_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let plots = dir.path().join("plots");
    stance()
        .args(["evaluate", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(data("small.csv"))
        .arg("--plots")
        .arg(&plots)
        .assert()
        .success()
        .stdout(predicate::str::contains("macro-F1"))
        .stderr(predicate::str::contains("confusion.svg"));
    for f in ["confusion.svg", "reliability.svg"] {
        let svg = std::fs::read_to_string(plots.join(f)).unwrap();
        assert!(svg.starts_with("<svg") && svg.len() > 1000, "{f}");
    }
}

#[test]
fn invalid_utf8_in_training_csv_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.csv");
    std::fs::write(
        &p,
        b"text,actor,stance\nA backed it,A,supports\nB vetoed it \xe9,B,opposes\n",
    )
    .unwrap();
    let out = stance()
        .args(["train", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(dir.path().join("m.json"))
        .assert();
    fails_naming(out, &["latin1.csv:3:1", "--lossy"]);
}

#[test]
fn span_columns_train_and_a_bad_span_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("spans.csv");
    let good = "text,actor,stance,actor_spans,other_spans\n\
                \"He backed it, he said, but Ann vetoed it\",he,supports,14-16,27-30\n\
                \"He backed it, he said, but Ann vetoed it\",Ann,opposes,27-30,0-2;14-16\n\
                Bo welcomed the plan,Bo,supports,0-2,\n\
                Cy rejected the plan,Cy,opposes,,\n";
    std::fs::write(&p, good).unwrap();
    let out = dir.path().join("m.json");
    let train = || {
        let mut c = stance();
        c.args(["train", "--min-count", "1", "--validation", "0", "--data"])
            .arg(&p)
            .arg("--out")
            .arg(&out);
        c
    };
    train().assert().success();
    std::fs::write(&p, good.replace("27-30,0-2", "27-99,0-2")).unwrap();
    std::fs::remove_file(&out).unwrap();
    fails_naming(
        train().assert(),
        &["spans.csv:3:4", "27-99", "outside the text"],
    );
    assert!(!out.exists(), "no model written on bad input");
}

#[test]
fn lexicon_is_stored_in_the_model_and_inspect_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex.tsv");
    std::fs::write(&lex, "vetoed\t-2.1\nwelcomed\t1.9\nbacked\t0.8\n").unwrap();
    let out = dir.path().join("m.json");
    stance()
        .args(["train", "--min-count", "1", "--validation", "0", "--data"])
        .arg(data("small.csv"))
        .arg("--lexicon")
        .arg(&lex)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let model = std::fs::read_to_string(&out).unwrap();
    assert!(model.contains("\"welcomed\""), "lexicon not stored");
    stance()
        .arg("inspect")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#"{"entries":"3 words","type":"lexicon"}"#,
        ))
        .stdout(predicate::str::contains("V:"));
    std::fs::write(&lex, "vetoed\tvery\n").unwrap();
    fails_naming(
        stance()
            .args(["train", "--data"])
            .arg(data("small.csv"))
            .arg("--lexicon")
            .arg(&lex)
            .arg("--out")
            .arg(dir.path().join("n.json"))
            .assert(),
        &["lex.tsv:1:", "WORD<TAB>SCORE"],
    );
}

#[test]
fn binary_model_of_an_older_layout_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let bin = train_small_to(dir.path(), "m.bin");
    // The same bytes under the first layout's header: refused, not misread.
    let mut bytes = std::fs::read(&bin).unwrap();
    bytes[7] = b'B';
    let old = dir.path().join("old.bin");
    std::fs::write(&old, bytes).unwrap();
    stance()
        .args(["classify", "--model"])
        .arg(&old)
        .write_stdin("Peru vetoed the inquiry.\n")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("old.bin")
                .and(predicate::str::contains("layout 'B'"))
                .and(predicate::str::contains("stance convert")),
        );
}

#[test]
fn binary_model_form_round_trips_and_classifies_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let json = train_small(dir.path());
    let bin = train_small_to(dir.path(), "m.bin");
    assert!(std::fs::read(&bin).unwrap().starts_with(b"STANCEM5"));
    // Converting the binary model back to JSON gives the JSON model, byte for byte.
    let back = dir.path().join("back.json");
    stance()
        .arg("convert")
        .arg(&bin)
        .arg("--out")
        .arg(&back)
        .assert()
        .success();
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&json).unwrap());
    let text = "Peru vetoed the inquiry on Monday. Later, Norway welcomed the plan.\n";
    let from_json = classify_stdin(&json, "json", text)
        .success()
        .get_output()
        .stdout
        .clone();
    let from_bin = classify_stdin(&bin, "json", text)
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(from_json, from_bin);
    // A damaged binary model is a clear error naming the file.
    let bytes = std::fs::read(&bin).unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    fails_naming(
        stance().args(["inspect"]).arg(&cut).assert(),
        &["cut.bin", "malformed binary"],
    );
}

#[test]
fn evaluate_writes_per_row_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    for cv in [None, Some("3")] {
        let pred = dir.path().join("pred.csv");
        let mut cmd = stance();
        cmd.args(["evaluate", "--quiet", "--model"])
            .arg(&model)
            .arg("--data")
            .arg(data("small.csv"))
            .arg("--predictions")
            .arg(&pred);
        if let Some(k) = cv {
            cmd.args(["--cv", k]);
        }
        cmd.assert().success();
        let mut r = csv::Reader::from_path(&pred).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            &header[..7],
            [
                "file",
                "line",
                "text",
                "actor",
                "truth",
                "predicted",
                "confidence"
            ]
        );
        // Under --cv a last column says which fold held each row out.
        let end = header.len() - usize::from(cv.is_some());
        assert_eq!(header.last().unwrap() == "fold", cv.is_some());
        let labels: Vec<&str> = header[7..end].iter().map(|h| &h[2..]).collect();
        assert!(labels.len() >= 2 && header[7..end].iter().all(|h| h.starts_with("p:")));
        let mut folds = std::collections::BTreeSet::new();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 15, "one row per data row ({cv:?})");
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row[1].parse::<usize>().unwrap(), i + 2, "line numbers");
            let p: Vec<f64> = (7..end).map(|c| row[c].parse().unwrap()).collect();
            if cv.is_some() {
                folds.insert(row[end].parse::<usize>().unwrap());
            }
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-4);
            let best = (0..p.len()).fold(0, |b, c| if p[c] > p[b] { c } else { b });
            assert_eq!(labels[best], &row[5]);
            assert!((row[6].parse::<f64>().unwrap() - p[best]).abs() < 1e-9);
        }
        let want: std::collections::BTreeSet<usize> = if cv.is_some() {
            (0..3).collect()
        } else {
            Default::default()
        };
        assert_eq!(folds, want, "every fold used once per row");
    }
}

#[cfg(feature = "embeddings")]
#[test]
fn sentence_embeddings_train_classify_and_are_required_by_their_models() {
    let dir = tempfile::tempdir().unwrap();
    let enc = dir.path().join("encoder");
    stance::embed::write_tiny_encoder(&enc).unwrap();
    let model = dir.path().join("m.json");
    stance()
        .arg("--embeddings")
        .arg(&enc)
        .args(["train", "--data"])
        .arg(data("small.csv"))
        .arg("--out")
        .arg(&model)
        .args([
            "--validation",
            "0",
            "--min-count",
            "1",
            "--embedding-weight",
            "0.5",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(json["version"], 5);
    let families = json["features"]["families"].as_array().unwrap();
    let embeddings = families.iter().find(|f| f["type"] == "embeddings").unwrap();
    assert_eq!(embeddings["dim"], 8);
    assert_eq!(embeddings["weight"], 0.5);
    // With the encoder (flag or environment variable): labels as usual; `evaluate --cv`
    // retrains the recipe, embeddings included.
    let article = "Russia supported the investigation. The United States opposed it.";
    stance()
        .arg("--embeddings")
        .arg(&enc)
        .args(["classify", "--format", "csv", "--model"])
        .arg(&model)
        .write_stdin(article)
        .assert()
        .success()
        .stdout(predicate::str::contains("Russia"));
    stance()
        .env("STANCE_EMBEDDINGS", &enc)
        .args(["evaluate", "--cv", "3", "--format", "json", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(data("small.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("macro_f1"));
    // Without it: refused, naming the model file and the way out.
    fails_naming(
        stance()
            .env_remove("STANCE_EMBEDDINGS")
            .args(["classify", "--model"])
            .arg(&model)
            .write_stdin(article)
            .assert(),
        &["m.json", "--embeddings DIR", "STANCE_EMBEDDINGS"],
    );
    // `--embedding-weight` alone would be silently ignored: refused instead.
    fails_naming(
        stance()
            .env_remove("STANCE_EMBEDDINGS")
            .args(["train", "--data"])
            .arg(data("small.csv"))
            .arg("--out")
            .arg(dir.path().join("w.json"))
            .args(["--embedding-weight", "2"])
            .assert(),
        &["--embedding-weight", "--embeddings"],
    );
    assert!(!dir.path().join("w.json").exists());
}

#[test]
fn small_data_trains_with_fewer_validation_folds_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("text,actor,stance\n");
    let countries = ["Peru", "Chad", "Fiji", "Laos", "Oman", "Togo"];
    for c in countries {
        csv += &format!("{c} backed the inquiry into the fire,{c},supports\n");
        csv += &format!("{c} rejected the probe of the port,{c},opposes\n");
    }
    let p = dir.path().join("twelve.csv");
    std::fs::write(&p, &csv).unwrap();
    // 6 rows per label: the default 1/10 validation split needs 10, so 6 folds are used.
    let model = dir.path().join("twelve.json");
    stance()
        .args(["train", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(&model)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: validation split with 6 folds instead of 10",
        ))
        .stdout(predicate::str::contains("rows 12"))
        .stdout(predicate::str::contains("1/6 of the rows"));
    assert!(model.exists());
    // One row of a label: no validation split at all, still a model.
    std::fs::write(&p, csv + "Mali vetoed the audit,Mali,regrets\n").unwrap();
    stance()
        .args(["train", "--tune", "--data"])
        .arg(&p)
        .arg("--out")
        .arg(dir.path().join("thirteen.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: no validation split"))
        .stderr(predicate::str::contains(
            "warning: no tuning cross-validation",
        ))
        .stderr(predicate::str::contains("only 1 row(s)"));
    assert!(dir.path().join("thirteen.json").exists());
}

#[cfg(not(feature = "embeddings"))]
#[test]
fn without_the_embeddings_feature_encoders_are_refused_naming_the_feature() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    // A model file that needs an encoder still parses, and is refused with the reason.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    json["features"]["families"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "type": "embeddings", "model": "all-MiniLM-L6-v2", "sha256": "ab".repeat(32),
            "dim": 384, "weight": 1.0
        }));
    let needs = dir.path().join("needs-encoder.json");
    std::fs::write(&needs, json.to_string()).unwrap();
    fails_naming(
        classify_stdin(&needs, "json", "Russia backed the probe."),
        &[
            "needs-encoder.json",
            "all-MiniLM-L6-v2",
            "lacks the `embeddings` cargo feature",
        ],
    );
    // So is an encoder given for training, before any work.
    fails_naming(
        stance()
            .arg("--embeddings")
            .arg(dir.path())
            .args(["train", "--data"])
            .arg(data("small.csv"))
            .arg("--out")
            .arg(dir.path().join("e.json"))
            .assert(),
        &["lacks the `embeddings` cargo feature"],
    );
    assert!(!dir.path().join("e.json").exists());
}

#[test]
fn train_help_groups_its_flags_under_headings() {
    let out = stance().args(["train", "--help"]).assert().success();
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let at = |heading: &str| {
        help.find(&format!("\n{heading}:\n"))
            .unwrap_or_else(|| panic!("no heading {heading:?} in\n{help}"))
    };
    let headings = ["Data", "Features", "Learner", "Validation", "Output"].map(at);
    assert!(headings.is_sorted(), "{help}");
    // Each flag under its own heading.
    for (flag, heading) in [
        ("--data", 0),
        ("--char-ngrams", 1),
        ("--l2", 2),
        ("--tune", 3),
        ("--out", 4),
    ] {
        let pos = help.find(&format!("  {flag} ")).unwrap();
        assert!(pos > headings[heading], "{flag}: {help}");
        assert!(
            headings.get(heading + 1).is_none_or(|&next| pos < next),
            "{flag}"
        );
    }
}

#[test]
fn tune_searches_within_its_budget_and_a_tiny_budget_warns() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("tuned.json");
    let started = std::time::Instant::now();
    stance()
        .args([
            "train",
            "--tune",
            "--tune-budget",
            "300",
            "--label",
            "sentiment",
        ])
        .arg("--data")
        .arg(data("small.csv"))
        .arg("--out")
        .arg(&model)
        .assert()
        .success()
        .stderr(predicate::str::contains("budget").not())
        .stdout(predicate::str::contains("tuning: "));
    assert!(started.elapsed().as_secs() < 300);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let trials = json["training"]["tuning"].as_array().unwrap();
    assert!(trials.len() >= 8, "{} trials", trials.len());
    // Sentiment labels: the shipped lexicon was among the candidates.
    assert!(trials.iter().any(|t| {
        t["options"]["features"]["families"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["entries"].as_array().is_some_and(|l| l.len() > 1000))
    }));
    let tiny = dir.path().join("tiny.json");
    stance()
        .args(["train", "--tune", "--tune-budget", "0", "--data"])
        .arg(data("small.csv"))
        .arg("--out")
        .arg(&tiny)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: tuning budget of 0 s reached",
        ))
        .stdout(predicate::str::contains("skipped (budget)"));
    assert!(tiny.exists());
}

/// `stance classify --format json --no-sentiment --model MODEL [--reader READER]` on `text`:
/// the evidence of the first actor as (stance, probabilities).
#[cfg(feature = "embeddings")]
fn first_evidence(model: &Path, reader: Option<&Path>, text: &str) -> serde_json::Value {
    let mut cmd = stance();
    cmd.args(["classify", "--no-sentiment", "--format", "json", "--model"])
        .arg(model);
    if let Some(r) = reader {
        cmd.arg("--reader").arg(r);
    }
    let out = cmd.write_stdin(text.to_string()).assert().success();
    let json: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("one JSON result");
    json["actors"][0]["evidence"][0].clone()
}

#[cfg(feature = "embeddings")]
#[test]
fn a_reader_is_blended_with_the_model_and_refused_when_it_lacks_a_label() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    let text = "Russia backed the investigation on Monday.";
    let alone = first_evidence(&model, None, text);
    // Blend weight 1: the tiny reader's reading replaces the model's.
    let full = dir.path().join("full");
    stance::reader::write_tiny_reader(&full, &["supports", "opposes", "regrets", "neutral"], 1.0)
        .unwrap();
    let reader = stance::reader::PairReader::load(&full).unwrap();
    let own = reader.probabilities("Russia", text).unwrap();
    let blended = first_evidence(&model, Some(&full), text);
    // Over the model's labels (the reader's, renormalised to them).
    let labels: Vec<&String> = alone["probabilities"].as_object().unwrap().keys().collect();
    let index = |l: &str| reader.labels().iter().position(|x| x == l).unwrap();
    let total: f64 = labels.iter().map(|l| own[index(l)]).sum();
    for label in labels {
        let p = blended["probabilities"][label].as_f64().unwrap();
        let want = own[index(label)] / total;
        assert!((p - want).abs() < 1e-6, "{label}: {p} vs reader {want}");
        assert_ne!(
            p,
            alone["probabilities"][label].as_f64().unwrap(),
            "{label}"
        );
    }
    // Blend weight 0: the model's reading, unchanged.
    let none = dir.path().join("none");
    stance::reader::write_tiny_reader(&none, &["supports", "opposes", "regrets", "neutral"], 0.0)
        .unwrap();
    assert_eq!(
        first_evidence(&model, Some(&none), text)["probabilities"],
        alone["probabilities"]
    );
    // A reader without one of the model's labels cannot be blended with it.
    let short = dir.path().join("short");
    stance::reader::write_tiny_reader(&short, &["supports", "opposes"], 0.5).unwrap();
    fails_naming(
        stance()
            .args(["classify", "--no-sentiment", "--model"])
            .arg(&model)
            .arg("--reader")
            .arg(&short)
            .write_stdin(text)
            .assert(),
        &["--reader", "no label `neutral`"],
    );
}

#[cfg(not(feature = "embeddings"))]
#[test]
fn without_the_embeddings_feature_a_reader_is_refused_naming_the_feature() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_small(dir.path());
    fails_naming(
        stance()
            .args(["classify", "--no-sentiment", "--model"])
            .arg(&model)
            .arg("--reader")
            .arg(dir.path())
            .write_stdin("Russia backed the investigation.")
            .assert(),
        &["reader", "lacks the `embeddings` cargo feature"],
    );
    // evaluate --reader needs --articles.
    stance()
        .args(["evaluate", "--data"])
        .arg(data("small.csv"))
        .arg("--reader")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("--articles"));
}
