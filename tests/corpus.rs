//! Checks on the hand-written corpus (`training-data/`): size, label balance, multi-actor share,
//! no template expansion (near-duplicate sentences), and the gold and held-out articles'
//! consistency.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rows() -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(root().join("training-data/stance.csv")).unwrap();
    r.deserialize().map(|x| x.unwrap()).collect()
}

fn trigrams(s: &str) -> HashSet<(String, String, String)> {
    let w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    w.windows(3)
        .map(|t| (t[0].clone(), t[1].clone(), t[2].clone()))
        .collect()
}

#[test]
fn size_labels_and_multi_actor_share() {
    let rows = rows();
    assert!(rows.len() >= 3000, "{} rows", rows.len());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *counts.entry(r["stance"].as_str()).or_default() += 1;
        assert!(
            ["positive", "negative", "neutral"].contains(&r["sentiment"].as_str()),
            "{r:?}"
        );
        assert!(
            r["text"].contains(r["actor"].as_str()),
            "actor not in its sentence: {r:?}"
        );
    }
    assert_eq!(
        counts.keys().copied().collect::<Vec<_>>(),
        ["neutral", "opposes", "regrets", "supports"]
    );
    for (label, n) in &counts {
        let share = *n as f64 / rows.len() as f64;
        assert!(share >= 0.15, "{label} is {:.1}% of rows", share * 100.0);
    }
    let mut per_sentence: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        *per_sentence.entry(r["text"].as_str()).or_default() += 1;
    }
    let multi =
        per_sentence.values().filter(|&&n| n >= 2).count() as f64 / per_sentence.len() as f64;
    assert!(
        multi >= 0.35,
        "only {:.1}% of sentences name two or more actors",
        multi * 100.0
    );
    let situations: BTreeSet<&str> = rows.iter().map(|r| r["article"].as_str()).collect();
    assert!(situations.len() >= 300, "{} situations", situations.len());
}

#[test]
fn no_template_expansion() {
    let rows = rows();
    let sentences: Vec<&str> = rows
        .iter()
        .map(|r| r["text"].as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let grams: Vec<_> = sentences.iter().map(|s| trigrams(s)).collect();
    let mut index: HashMap<&(String, String, String), Vec<usize>> = HashMap::new();
    for (i, g) in grams.iter().enumerate() {
        for t in g {
            index.entry(t).or_default().push(i);
        }
    }
    let mut near = Vec::new();
    for (i, g) in grams.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for t in g {
            for &j in &index[t] {
                if j != i {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        if let Some((&j, _)) = shared.iter().find(|&(&j, &n)| {
            n as f64 >= 0.8 * g.len() as f64 || n as f64 >= 0.8 * grams[j].len() as f64
        }) {
            near.push((sentences[i], sentences[j]));
        }
    }
    let share = near.len() as f64 / sentences.len() as f64;
    assert!(
        share <= 0.02,
        "{:.1}% near-duplicates, e.g. {:?}",
        share * 100.0,
        near.first()
    );
}

/// An article folder (`DIR/*.txt` + `DIR/gold.csv`): every article has gold rows and every gold
/// row an article, stances are non-neutral, articles are 5–14 sentences, and none of their
/// sentences is in the training corpus. Returns the article ids.
fn check_article_dir(dir: &Path, at_least: usize) -> BTreeSet<String> {
    let mut r = csv::Reader::from_path(dir.join("gold.csv")).unwrap();
    let gold: Vec<BTreeMap<String, String>> = r.deserialize().map(|x| x.unwrap()).collect();
    let named: BTreeSet<String> = gold.iter().map(|g| g["article"].clone()).collect();
    let files: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "txt").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    assert!(
        files.len() >= at_least,
        "{}: {} articles",
        dir.display(),
        files.len()
    );
    assert_eq!(
        named, files,
        "every article has gold rows and every gold row an article"
    );
    for g in &gold {
        assert!(
            ["supports", "opposes", "regrets"].contains(&g["stance"].as_str()),
            "{g:?}"
        );
    }
    let training: HashSet<String> = rows().into_iter().map(|r| r["text"].clone()).collect();
    for f in &files {
        let text = std::fs::read_to_string(dir.join(format!("{f}.txt"))).unwrap();
        let sentences = stance::text::split_sentences(&text);
        assert!(
            (5..=14).contains(&sentences.len()),
            "{f}: {} sentences",
            sentences.len()
        );
        for s in sentences {
            assert!(
                !training.contains(s.text),
                "{f}: sentence also in stance.csv: {}",
                s.text
            );
        }
    }
    files
}

#[test]
fn gold_articles_are_consistent() {
    check_article_dir(&root().join("training-data/articles"), 40);
}

/// A held-out article set (`training-data/heldout-N/`): consistent like the gold articles, apart
/// from them, from the corpus' situations and from `other` sets, and its per-sentence labels
/// quote their article exactly. Returns the article ids.
fn check_heldout_set(name: &str) -> BTreeSet<String> {
    let dir = root().join("training-data").join(name);
    let ids = check_article_dir(&dir, 30);
    let gold_ids = check_article_dir(&root().join("training-data/articles"), 40);
    assert!(
        ids.is_disjoint(&gold_ids),
        "{name}: an article is also a gold article"
    );
    let situations: HashSet<String> = rows().into_iter().map(|r| r["article"].clone()).collect();
    for id in &ids {
        assert!(
            !situations.contains(id),
            "{id} is a situation of stance.csv"
        );
    }
    let mut r = csv::Reader::from_path(dir.join("sentences.csv")).unwrap();
    let rows: Vec<BTreeMap<String, String>> = r.deserialize().map(|x| x.unwrap()).collect();
    assert!(rows.len() >= 300, "{name}: {} sentence rows", rows.len());
    let mut covered = BTreeSet::new();
    for row in &rows {
        let article = &row["article"];
        assert!(ids.contains(article), "{row:?}: no such article");
        let text = std::fs::read_to_string(dir.join(format!("{article}.txt"))).unwrap();
        assert!(
            text.contains(&row["text"]),
            "{row:?}: text not in its article"
        );
        assert!(
            row["text"].contains(&row["actor"]),
            "{row:?}: actor not in text"
        );
        assert!(
            ["supports", "opposes", "regrets", "neutral"].contains(&row["stance"].as_str()),
            "{row:?}"
        );
        assert!(
            ["positive", "negative", "neutral"].contains(&row["sentiment"].as_str()),
            "{row:?}"
        );
        covered.insert(article.clone());
    }
    assert_eq!(covered, ids, "{name}: every article has sentence rows");
    ids
}

#[test]
fn heldout_sets_are_consistent_and_apart() {
    let first = check_heldout_set("heldout-1");
    let second = check_heldout_set("heldout-2");
    let third = check_heldout_set("heldout-3");
    assert!(
        first.is_disjoint(&second) && first.is_disjoint(&third) && second.is_disjoint(&third),
        "an article is in two held-out sets"
    );
}

#[test]
fn the_example_article_is_not_in_the_training_data() {
    let example = std::fs::read_to_string(root().join("examples/lavrov-tillerson.txt")).unwrap();
    let example_grams: HashSet<_> = trigrams(&example);
    for r in rows() {
        let g = trigrams(&r["text"]);
        let shared = g.intersection(&example_grams).count();
        assert!(
            shared * 2 < g.len().max(1) || g.len() < 4,
            "too close to the example: {}",
            r["text"]
        );
    }
}

/// The embedded models (`models/*.bin`) are the binary form of the shipped JSON models: after
/// retraining, `stance convert models/X.json --out models/X.bin` must follow.
#[test]
fn embedded_binary_models_match_the_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["stance", "sentiment"] {
        let json = root.join(format!("models/{name}.json"));
        let bin = std::fs::read(root.join(format!("models/{name}.bin"))).unwrap();
        let from_json =
            stance::classifier::Classifier::from_json(&std::fs::read(&json).unwrap(), &json)
                .unwrap()
                .to_binary()
                .unwrap();
        assert!(
            from_json == bin,
            "models/{name}.bin is not models/{name}.json: run `stance convert models/{name}.json --out models/{name}.bin`"
        );
    }
}
