//! The reader's network through candle (feature `embeddings`): candle-transformers' BERT, its
//! pooler and the classification layer as Hugging Face's `BertForSequenceClassification`
//! stores them, and the tokenizer's pair encoding. Only the wiring is written here.

use candle_core::{D, DType, Device, IndexOp, Tensor};
use candle_nn::{Linear, Module, VarBuilder};
use candle_transformers::models::bert::{BertModel, Config};
use std::path::Path;
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

use super::{ReaderSettings, reader_error as err};
use crate::embed::bert::{load_bert, load_tokenizer, read_model_file};
use crate::error::{Result, StanceError};

/// A loaded fine-tuned pair classifier.
pub struct PairReader {
    name: String,
    labels: Vec<String>,
    settings: ReaderSettings,
    model: BertModel,
    pooler: Linear,
    classifier: Linear,
    tokenizer: Tokenizer,
}

impl std::fmt::Debug for PairReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairReader")
            .field("name", &self.name)
            .field("labels", &self.labels)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The labels of `config.json`'s `id2label`, in output order; every index from 0 must be there.
fn labels_of(config: &serde_json::Value) -> std::result::Result<Vec<String>, String> {
    let map = config
        .get("id2label")
        .and_then(|m| m.as_object())
        .ok_or("config.json has no id2label")?;
    (0..map.len())
        .map(|i| {
            map.get(&i.to_string())
                .and_then(|l| l.as_str())
                .map(str::to_string)
                .ok_or_else(|| format!("config.json: id2label has no label {i}"))
        })
        .collect()
}

impl PairReader {
    /// Loads a reader directory (see the module's parent for its files).
    pub fn load(dir: &Path) -> Result<PairReader> {
        let read = |name: &str| read_model_file(dir, name, err);
        let raw: serde_json::Value = serde_json::from_slice(&read("config.json")?)
            .map_err(|e| err(dir, format!("config.json: {e}")))?;
        let labels = labels_of(&raw).map_err(|m| err(dir, m))?;
        let config: Config = serde_json::from_value(raw)
            .map_err(|e| err(dir, format!("config.json is not a BERT configuration: {e}")))?;
        let settings = ReaderSettings::load(dir)?;
        let (model, vb) = load_bert(dir, read("model.safetensors")?, &config, err)?;
        let misfit = |e: candle_core::Error| {
            err(
                dir,
                format!("model.safetensors does not fit config.json: {e}"),
            )
        };
        let h = config.hidden_size;
        let pooler = candle_nn::linear(h, h, vb.pp("bert.pooler.dense")).map_err(misfit)?;
        let classifier = candle_nn::linear(h, labels.len(), vb.pp("classifier")).map_err(misfit)?;
        let mut tokenizer = load_tokenizer(dir, err)?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: settings.max_tokens.min(config.max_position_embeddings),
                strategy: TruncationStrategy::OnlySecond,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| err(dir, format!("tokenizer.json: {e}")))?;
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let r = PairReader {
            name,
            labels,
            settings,
            model,
            pooler,
            classifier,
            tokenizer,
        };
        r.probabilities("Russia", "Russia backed the inquiry.")?; // fail here, not on the first row
        Ok(r)
    }

    /// The reader's name (its directory's), for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its labels, in its output order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Weight of its probabilities in the blend.
    pub fn blend(&self) -> f64 {
        self.settings.blend
    }

    /// Its probabilities (in [`labels`](Self::labels) order) for `actor` in `sentence`.
    pub fn probabilities(&self, actor: &str, sentence: &str) -> Result<Vec<f64>> {
        let fail = |m: String| {
            StanceError::Data(format!(
                "reader {}: {actor:?} in {sentence:?}: {m}",
                self.name
            ))
        };
        let enc = self
            .tokenizer
            .encode((actor, sentence), true)
            .map_err(|e| fail(format!("tokenizer: {e}")))?;
        let run = || -> candle_core::Result<Vec<f64>> {
            let ids = Tensor::new(enc.get_ids(), &Device::Cpu)?.unsqueeze(0)?;
            let types = Tensor::new(enc.get_type_ids(), &Device::Cpu)?.unsqueeze(0)?;
            let hidden = self.model.forward(&ids, &types, None)?;
            let pooled = self.pooler.forward(&hidden.i((.., 0))?)?.tanh()?;
            let logits = self.classifier.forward(&pooled)?;
            let p = candle_nn::ops::softmax(&logits, D::Minus1)?.squeeze(0)?;
            Ok(p.to_vec1::<f32>()?.into_iter().map(f64::from).collect())
        };
        run().map_err(|e| fail(format!("network: {e}")))
    }
}

/// Writes a tiny randomly initialised reader (the tiny encoder of
/// [`crate::embed::write_tiny_encoder`] with a pooler and a classification layer over `labels`)
/// to `dir`: for tests of the reader's path. Its readings carry no meaning.
pub fn write_tiny_reader(dir: &Path, labels: &[&str], blend: f64) -> Result<()> {
    let fail = |m: String| err(dir, m);
    crate::embed::write_tiny_encoder(dir)?;
    let path = dir.join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).map_err(|e| fail(e.to_string()))?)
            .map_err(|e| fail(e.to_string()))?;
    let id2label: serde_json::Map<String, serde_json::Value> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::Value::from(*l)))
        .collect();
    config["id2label"] = id2label.into();
    std::fs::write(&path, config.to_string()).map_err(|e| fail(e.to_string()))?;
    let cfg: Config = serde_json::from_value(config).map_err(|e| fail(e.to_string()))?;
    let vars = candle_nn::VarMap::new();
    let vb = VarBuilder::from_varmap(&vars, DType::F32, &Device::Cpu);
    BertModel::load(vb.pp("bert"), &cfg).map_err(|e| fail(e.to_string()))?;
    let h = cfg.hidden_size;
    candle_nn::linear(h, h, vb.pp("bert.pooler.dense")).map_err(|e| fail(e.to_string()))?;
    candle_nn::linear(h, labels.len(), vb.pp("classifier")).map_err(|e| fail(e.to_string()))?;
    vars.save(dir.join("model.safetensors"))
        .map_err(|e| fail(e.to_string()))?;
    let settings = ReaderSettings {
        blend,
        max_tokens: 32,
    };
    std::fs::write(
        dir.join("stance-reader.json"),
        serde_json::to_string(&settings).map_err(|e| fail(e.to_string()))?,
    )
    .map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_reader_reads_pairs_deterministically_into_a_distribution() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_reader(
            dir.path(),
            &["supports", "opposes", "regrets", "neutral"],
            0.5,
        )
        .unwrap();
        let r = PairReader::load(dir.path()).unwrap();
        assert_eq!(r.labels(), ["supports", "opposes", "regrets", "neutral"]);
        let p = r
            .probabilities("russia", "russia and the investigation")
            .unwrap();
        assert_eq!(p.len(), 4);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-5, "{p:?}");
        assert_eq!(
            p,
            r.probabilities("russia", "russia and the investigation")
                .unwrap()
        );
        // The actor is part of the input: another actor, another reading.
        assert_ne!(
            p,
            r.probabilities("the", "russia and the investigation")
                .unwrap()
        );
        // A sentence longer than the limit is cut, not refused.
        let long = "the investigation ".repeat(100);
        assert_eq!(r.probabilities("russia", &long).unwrap().len(), 4);
    }

    #[test]
    fn a_reader_without_labels_or_settings_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        crate::embed::write_tiny_encoder(dir.path()).unwrap();
        let m = PairReader::load(dir.path()).unwrap_err().to_string();
        assert!(m.contains("id2label"), "{m}");
    }
}
