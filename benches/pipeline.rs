//! criterion benches of each stage: tokeniser, sentence splitter, actor finder, feature
//! extraction, prediction per row, model loading, and a whole article.
//! Run: `cargo bench --bench pipeline`.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use stance::actors::{ActorTracker, Dictionary};
use stance::article::Analyzer;
use stance::classifier::Classifier;
use stance::features::{ActorSentence, HashSink, extract};

const SENTENCE: &str = "Russian Foreign Minister Sergei Lavrov regretted Washington's opposition to the \
    Russian-Iranian proposal to send inspectors, the ministry said in a statement on Tuesday.";

fn article() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lavrov-tillerson.txt"
    ))
    .unwrap()
}

fn benches(c: &mut Criterion) {
    let model = stance::default_stance_model().unwrap();
    let dict = Dictionary::builtin().unwrap();
    let text = article();

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("split_sentences", |b| {
        b.iter(|| stance::text::split_sentences(black_box(&text)).len())
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| stance::text::tokenize(black_box(&text)).len())
    });
    g.finish();

    c.bench_function("actors/find_sentence", |b| {
        b.iter(|| ActorTracker::new(&dict).find(black_box(SENTENCE)).len())
    });

    let others: Vec<_> = ActorTracker::new(&dict)
        .find(SENTENCE)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let input = ActorSentence::locate(SENTENCE, "Lavrov", &others);
    c.bench_function("features/extract_row", |b| {
        b.iter(|| {
            let mut sink = HashSink::default();
            extract(
                black_box(&input),
                &model.features,
                &model.vocabulary.cues,
                &mut sink,
            );
            sink.0.len()
        })
    });
    c.bench_function("model/predict_row", |b| {
        b.iter(|| model.predict(black_box(&input)).confidence)
    });

    let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json")).unwrap();
    let binary = model.to_binary().unwrap();
    for (name, bytes) in [("model/load_json", &json), ("model/load_binary", &binary)] {
        c.bench_function(name, |b| {
            b.iter(|| {
                Classifier::from_bytes(black_box(bytes), std::path::Path::new("m"))
                    .unwrap()
                    .labels
                    .len()
            })
        });
    }

    let analyzer = Analyzer::stance_only(&model, &dict);
    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("analyze_example", |b| {
        b.iter(|| analyzer.analyze("x", black_box(&text)).actors.len())
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
