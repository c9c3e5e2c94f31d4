//! End-to-end tests of `stance classify` on news dumps: JSON Lines and CSV, gzipped or not,
//! from files or stdin; bad records fail cleanly (or are skipped and counted with --skip-bad).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

const COUNTRIES: [&str; 6] = ["Peru", "Norway", "Chile", "Egypt", "Japan", "Kenya"];

fn stance() -> Command {
    let mut c = Command::cargo_bin("stance").expect("binary builds");
    c.args(["classify", "--no-sentiment", "--quiet"]);
    c
}

/// An article naming `COUNTRIES[i % 6]` and taking a stance on an inquiry.
fn article(i: usize) -> String {
    format!(
        "{} welcomed the inquiry into the accident number {i}. Officials said more talks would follow.",
        COUNTRIES[i % COUNTRIES.len()]
    )
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Parses JSON Lines output.
fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn actors(record: &Value) -> Vec<&str> {
    record["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["actor"].as_str().unwrap())
        .collect()
}

fn run_ok(cmd: &mut Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

/// Asserts exit code 1, no panic, and stderr containing every needle.
fn fails_naming(cmd: &mut Command, needles: &[&str]) {
    let out = cmd.assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{n:?} not in {stderr}");
    }
}

#[test]
fn jsonl_records_carry_ids_and_kept_fields() {
    let dir = tempfile::tempdir().unwrap();
    let dump = jsonl(&[
        json!({"id": "a1", "text": article(0), "source": "AP", "n": 3}),
        json!({"id": 2, "text": article(1)}),
    ]);
    let p = write(dir.path(), "news.jsonl", dump.as_bytes());
    let out = records(&run_ok(stance().arg(&p).args([
        "--keep-fields",
        "source,n",
        "--format",
        "json",
    ])));
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["id"], "a1");
    assert_eq!((&out[0]["source"], &out[0]["n"]), (&json!("AP"), &json!(3)));
    assert_eq!(out[1]["id"], "2");
    assert_eq!(out[1]["source"], Value::Null);
    assert_eq!(actors(&out[0]), ["Peru"]);
    assert_eq!(actors(&out[1]), ["Norway"]);
}

#[test]
fn gzipped_jsonl_and_stdin_give_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let dump = jsonl(
        &(0..5)
            .map(|i| json!({"id": i, "text": article(i)}))
            .collect::<Vec<_>>(),
    );
    let plain = write(dir.path(), "n.jsonl", dump.as_bytes());
    let gz = write(dir.path(), "n.jsonl.gz", &gzip(dump.as_bytes()));
    let expected = run_ok(stance().arg(&plain).args(["--format", "json"]));
    assert_eq!(records(&expected).len(), 5);
    assert_eq!(
        run_ok(stance().arg(&gz).args(["--format", "json"])),
        expected
    );
    let from_stdin = run_ok(
        stance()
            .args(["--input-format", "jsonl", "--format", "json", "-"])
            .write_stdin(gzip(dump.as_bytes())),
    );
    assert_eq!(from_stdin, expected);
}

#[test]
fn csv_in_csv_out_with_the_id_first_and_kept_columns_last() {
    let dir = tempfile::tempdir().unwrap();
    let dump = format!(
        "source,text,id\nAP,\"{}\nSecond line.\",x1\nAFP,{},x2\n",
        article(2),
        article(3)
    );
    let p = write(dir.path(), "news.csv.gz", &gzip(dump.as_bytes()));
    let out = run_ok(
        stance()
            .arg(&p)
            .args(["--format", "csv", "--keep-fields", "source"]),
    );
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.first().map(String::as_str), Some("id"));
    assert_eq!(header.last().map(String::as_str), Some("source"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let seen: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (&r[col("id")], &r[col("actor")], &r[col("source")]))
        .collect();
    assert_eq!(seen, [("x1", "Chile", "AP"), ("x2", "Egypt", "AFP")]);
}

#[test]
fn empty_texts_give_records_without_actors() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "e.jsonl",
        jsonl(&[
            json!({"id": "e", "text": ""}),
            json!({"id": "w", "text": "  \n "}),
        ])
        .as_bytes(),
    );
    let out = records(&run_ok(stance().arg(&p).args(["--format", "json"])));
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|r| actors(r).is_empty()));
    assert_eq!((&out[0]["id"], &out[1]["id"]), (&json!("e"), &json!("w")));
}

#[test]
fn a_bad_json_line_fails_naming_file_and_line_and_leaves_no_out_file() {
    let dir = tempfile::tempdir().unwrap();
    let dump = format!(
        "{}{{\"id\": 2, \"text\": \"unterminated\n{}",
        jsonl(&[json!({"id": 1, "text": article(1)})]),
        jsonl(&[json!({"id": 3, "text": article(3)})])
    );
    let p = write(dir.path(), "bad.jsonl", dump.as_bytes());
    let out = dir.path().join("out.jsonl");
    fails_naming(
        stance().arg(&p).arg("--out").arg(&out),
        &["bad.jsonl:2:", "invalid JSON"],
    );
    assert!(!out.exists(), "half-written --out file");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "temporary file left behind");
}

#[test]
fn missing_id_or_text_fields_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let no_id = write(dir.path(), "a.jsonl", b"{\"text\": \"Peru spoke.\"}\n");
    fails_naming(stance().arg(&no_id), &["a.jsonl:1", "no \"id\" field"]);
    let null_text = write(dir.path(), "b.jsonl", b"{\"id\": 1, \"body\": null}\n");
    fails_naming(
        stance().arg(&null_text).args(["--text-field", "body"]),
        &["b.jsonl:1", "\"body\" is null"],
    );
    let no_column = write(dir.path(), "c.csv", b"id,body\n1,Peru spoke.\n");
    fails_naming(stance().arg(&no_column), &["c.csv:1", "no \"text\" column"]);
    let ok = run_ok(
        stance()
            .arg(&no_column)
            .args(["--text-field", "body", "--format", "json"]),
    );
    assert_eq!(records(&ok)[0]["id"], "1");
}

#[test]
fn non_utf8_bytes_are_an_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let mut dump = jsonl(&[json!({"id": 1, "text": article(0)})]).into_bytes();
    dump.extend_from_slice(b"{\"id\": 2, \"text\": \"Chile \xff welcomed the inquiry.\"}\n");
    let p = write(dir.path(), "latin.jsonl", &dump);
    fails_naming(stance().arg(&p), &["latin.jsonl:2", "UTF-8"]);
    let out = records(&run_ok(
        stance().arg(&p).args(["--lossy", "--format", "json"]),
    ));
    assert_eq!(out.len(), 2);
    let text = out[1]["actors"][0]["evidence"][0]["text"].as_str().unwrap();
    assert!(text.contains('\u{fffd}'), "{text}");
    let csv = write(dir.path(), "latin.csv", b"id,text\n1,ok\n2,b\xffd\n");
    fails_naming(stance().arg(&csv), &["latin.csv:3:2", "UTF-8"]);
}

#[test]
fn a_line_of_several_megabytes_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "The weather was mild and the markets were calm. ".repeat(80_000);
    assert!(filler.len() > 3_000_000);
    let text = format!("{filler}{}", article(4));
    let dump = jsonl(&[
        json!({"id": "huge", "text": text}),
        json!({"id": "small", "text": article(5)}),
    ]);
    let p = write(dir.path(), "huge.jsonl", dump.as_bytes());
    let out = records(&run_ok(stance().arg(&p).args(["--format", "json"])));
    assert_eq!(
        (&out[0]["id"], &out[1]["id"]),
        (&json!("huge"), &json!("small"))
    );
    assert_eq!(actors(&out[0]), ["Japan"]);
    assert_eq!(actors(&out[1]), ["Kenya"]);
}

#[test]
fn skip_bad_warns_per_record_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let dump = format!(
        "{}not json\n{{\"id\": 5}}\n{}",
        jsonl(&[json!({"id": 1, "text": article(1)})]),
        jsonl(&[json!({"id": 6, "text": article(2)})])
    );
    let p = write(dir.path(), "mixed.jsonl", dump.as_bytes());
    let out_path = dir.path().join("out.jsonl");
    let assert = stance()
        .arg(&p)
        .args(["--skip-bad", "--format", "json", "--out"])
        .arg(&out_path)
        .assert()
        .success()
        .stderr(predicate::str::contains("mixed.jsonl:2:"))
        .stderr(predicate::str::contains("mixed.jsonl:3: no \"text\" field"))
        .stderr(predicate::str::contains("skipped 2 bad records"));
    assert!(assert.get_output().stdout.is_empty());
    let out = records(&std::fs::read(&out_path).unwrap());
    let ids: Vec<&str> = out.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "6"]);
}

#[test]
fn order_is_kept_across_many_small_chunks() {
    let n = 400;
    let dump = jsonl(
        &(0..n)
            .map(|i| json!({"id": format!("art-{i}"), "text": article(i)}))
            .collect::<Vec<_>>(),
    );
    let out = records(&run_ok(
        stance()
            .args([
                "--input-format",
                "jsonl",
                "--chunk",
                "7",
                "--format",
                "json",
            ])
            .write_stdin(dump),
    ));
    assert_eq!(out.len(), n);
    for (i, r) in out.iter().enumerate() {
        assert_eq!(r["id"], format!("art-{i}"));
        assert_eq!(actors(r), [COUNTRIES[i % COUNTRIES.len()]], "record {i}");
    }
}
