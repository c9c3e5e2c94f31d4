//! Runs the whole accuracy-benchmark path (`benches/accuracy/run --smoke`) on a small slice in
//! the layout of the public data sets: importers, cross-validated option choice, final fits,
//! test evaluation, the scikit-learn baseline and the results table. The slice is made up here
//! (TweetEval may not be copied), so the scores mean nothing; the test checks that every step
//! runs and the table comes out whole. It needs python3 and PyPI (the script's scikit-learn
//! virtual environment, created once in `benches/accuracy/.venv`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// Words that lean one way, shared across topics, plus filler.
const FAVOR: &[&str] = &["support", "love", "proud", "yes", "great", "right", "equal"];
const AGAINST: &[&str] = &["oppose", "hate", "wrong", "never", "shame", "stop", "ban"];
const FILLER: &[&str] = &[
    "today", "people", "think", "really", "about", "the", "this", "our", "vote", "news", "debate",
    "time", "world",
];

/// A deterministic pseudo-random sequence (no dependency needed for a fixture).
struct Lcg(u64);
impl Lcg {
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        words[(self.0 >> 33) as usize % words.len()]
    }
}

fn tweet(rng: &mut Lcg, label: usize, topic: &str) -> String {
    let lean = match label {
        1 => AGAINST,
        2 => FAVOR,
        _ => FILLER,
    };
    let mut words: Vec<&str> = (0..6).map(|_| rng.pick(FILLER)).collect();
    words.insert(2, rng.pick(lean));
    words.insert(5, rng.pick(lean));
    format!("{} #{topic}", words.join(" "))
}

fn write_tweeteval(dir: &Path, rng: &mut Lcg) {
    std::fs::write(dir.join("mapping.txt"), "0\tnone\n1\tagainst\n2\tfavor\n").unwrap();
    for topic in ["abortion", "atheism", "climate", "feminist", "hillary"] {
        let t = dir.join(topic);
        std::fs::create_dir_all(&t).unwrap();
        for (split, n) in [("train", 30), ("val", 6), ("test", 12)] {
            let (mut text, mut labels) = (String::new(), String::new());
            for i in 0..n {
                let label = i % 3;
                writeln!(text, "{}", tweet(rng, label, topic)).unwrap();
                writeln!(labels, "{label}").unwrap();
            }
            std::fs::write(t.join(format!("{split}_text.txt")), text).unwrap();
            std::fs::write(t.join(format!("{split}_labels.txt")), labels).unwrap();
        }
    }
}

fn write_newsmtsc(dir: &Path, rng: &mut Lcg) {
    const NAMES: &[&str] = &["Smith", "Garcia", "Okafor", "Novak", "Tanaka", "Dubois"];
    for (split, n) in [("train", 60), ("devtest_mt", 15), ("devtest_rw", 15)] {
        let mut out = String::new();
        for i in 0..n {
            let (polarity, lean) = [(2.0, AGAINST), (4.0, FILLER), (6.0, FAVOR)][i % 3];
            let name = rng.pick(NAMES);
            let sentence = format!(
                "{name} said {} {} {} on {}.",
                rng.pick(lean),
                rng.pick(FILLER),
                rng.pick(lean),
                rng.pick(FILLER)
            );
            let line = serde_json::json!({
                "primary_gid": format!("{split}_{i}"),
                "sentence_normalized": sentence,
                "targets": [{"from": 0, "to": name.len(), "mention": name, "polarity": polarity}],
            });
            writeln!(out, "{line}").unwrap();
        }
        std::fs::write(dir.join(format!("{split}.jsonl")), out).unwrap();
    }
}

#[test]
fn accuracy_benchmark_runs_end_to_end_on_a_slice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    let mut rng = Lcg(2026);
    std::fs::create_dir_all(data.join("tweeteval-stance")).unwrap();
    std::fs::create_dir_all(data.join("newsmtsc")).unwrap();
    write_tweeteval(&data.join("tweeteval-stance"), &mut rng);
    write_newsmtsc(&data.join("newsmtsc"), &mut rng);
    // A real-news development set of two short articles (the team's own sentences).
    let real = data.join("real-news-dev");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::write(
        real.join("a1.txt"),
        "Chile backed the inquiry on Monday. Peru rejected the inquiry.",
    )
    .unwrap();
    std::fs::write(real.join("a2.txt"), "Kenya welcomed the mission.").unwrap();
    std::fs::write(
        real.join("gold.csv"),
        "article,actor,stance\na1,Chile,supports\na1,Peru,opposes\na2,Kenya,supports\n",
    )
    .unwrap();
    let repo_results = std::fs::read(root.join("benches/accuracy/results.md")).ok();
    let work = tmp.path().join("work");
    let out = Command::new("python3")
        .arg(root.join("benches/accuracy/run"))
        .args([
            "--smoke",
            "--jobs",
            "2",
            "--stance",
            env!("CARGO_BIN_EXE_stance"),
        ])
        .arg("--workdir")
        .arg(&work)
        .env("STANCE_BENCH_DATA", &data)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "benchmark failed:\n{stderr}\n{stdout}"
    );
    let results = std::fs::read_to_string(work.join("results.md")).unwrap();
    for row in [
        "stance, per target",
        "stance, pooled",
        "stance, average of per target and pooled",
        "NewsMTSC devtest_mt",
        "NewsMTSC devtest_rw",
        "chosen by CV",
        "one-standard-error rule",
        // The SemEval-2016 SVM's features rebuilt in scikit-learn, compared row by row.
        "organisers' SVM features",
        "## Option selection",
        // NewsMTSC candidates with the target found by name and at the data set's offsets.
        "target at the spans",
        // `train --tune`'s own choice beside the benchmark's, on both data sets.
        "stance, `train --tune`",
        "- NewsMTSC, `train --tune --label sentiment`",
    ] {
        assert!(
            results.contains(row),
            "results.md lacks {row:?}:\n{results}"
        );
    }
    // Every table row has a stance test score with its bootstrap interval, a CV score, a
    // scikit-learn score and the paired difference to it.
    let table: Vec<&str> = results
        .lines()
        .filter(|l| l.starts_with("| TweetEval") || l.starts_with("| NewsMTSC"))
        .collect();
    assert!(table.len() >= 5, "{results}");
    let percent = |cell: &str, line: &str| -> f64 {
        let v: f64 = cell
            .parse()
            .unwrap_or_else(|_| panic!("{cell:?} in {line}"));
        assert!((0.0..=100.0).contains(&v), "{line}");
        v
    };
    for line in table {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        for score in [cells[4], cells[6], cells[7]] {
            percent(score, line);
        }
        let (low, high) = cells[5]
            .split_once('–')
            .unwrap_or_else(|| panic!("no interval in {line}"));
        assert!(percent(low, line) <= percent(high, line), "{line}");
        assert!(
            cells[8].contains(" to ") && cells[8].contains("higher in"),
            "no paired difference in {line}"
        );
    }
    // The project's corpus: cross-validated against scikit-learn on the same folds, the gold
    // articles' pair-F1, and the held-out articles (pair-F1, then stance and sentiment per
    // sentence against scikit-learn), each with an interval.
    for (prefix, rows) in [
        ("| stance's own corpus", 1),
        ("| stance's gold articles", 1),
        ("| stance's held-out set", 9),
        ("| stance's real news", 1),
    ] {
        let lines: Vec<&str> = results.lines().filter(|l| l.starts_with(prefix)).collect();
        assert_eq!(lines.len(), rows, "{prefix:?} rows:\n{results}");
        for line in lines {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            percent(cells[4], line);
            let (low, high) = cells[5]
                .split_once('–')
                .unwrap_or_else(|| panic!("no interval in {line}"));
            assert!(percent(low, line) <= percent(high, line), "{line}");
        }
    }
    // The smoke run leaves the repository's results alone.
    assert_eq!(
        std::fs::read(root.join("benches/accuracy/results.md")).ok(),
        repo_results
    );
}
