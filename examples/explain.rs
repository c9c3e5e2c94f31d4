//! Explains one prediction: `cargo run --release --example explain -- MODEL "sentence" ACTOR`.
use stance::actors::{ActorTracker, Dictionary};
use stance::classifier::Classifier;
use stance::features::ActorSentence;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, model, text, actor] = &args[..] else {
        anyhow::bail!("usage: explain MODEL SENTENCE ACTOR")
    };
    let m = Classifier::load(model.as_ref())?;
    let dict = Dictionary::builtin()?;
    let others: Vec<_> = ActorTracker::new(&dict)
        .find(text)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let e = m.explain(&ActorSentence::locate(text, actor, &others), 15);
    println!("{}", serde_json::to_string_pretty(&e)?);
    Ok(())
}
