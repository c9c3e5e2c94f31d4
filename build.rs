//! Embeds the shipped default models when they exist, so `stance classify` works anywhere.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(embedded_stance_model)");
    println!("cargo::rustc-check-cfg=cfg(embedded_sentiment_model)");
    println!("cargo:rerun-if-changed=models/stance.json");
    println!("cargo:rerun-if-changed=models/sentiment.json");
    if std::path::Path::new("models/stance.json").exists() {
        println!("cargo:rustc-cfg=embedded_stance_model");
    }
    if std::path::Path::new("models/sentiment.json").exists() {
        println!("cargo:rustc-cfg=embedded_sentiment_model");
    }
}
