//! Embeds the shipped default models when they exist, so `stance classify` works anywhere.
//! The compact binary form (`models/*.bin`, made from the JSON by `stance convert`) is embedded:
//! it loads several times faster than the JSON, which matters for start-up.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(embedded_stance_model)");
    println!("cargo::rustc-check-cfg=cfg(embedded_sentiment_model)");
    println!("cargo:rerun-if-changed=models/stance.bin");
    println!("cargo:rerun-if-changed=models/sentiment.bin");
    if std::path::Path::new("models/stance.bin").exists() {
        println!("cargo:rustc-cfg=embedded_stance_model");
    }
    if std::path::Path::new("models/sentiment.bin").exists() {
        println!("cargo:rustc-cfg=embedded_sentiment_model");
    }
}
