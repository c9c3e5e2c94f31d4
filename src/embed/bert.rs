//! The sentence encoder through candle (feature `embeddings`): the BERT model, its
//! safetensors loading and the tokenizer are crates; only the pooling is written here. Each
//! text is encoded on its own, never padded into a batch, so its embedding does not depend on
//! which other texts were encoded with it: the same data, options and seed give the same model
//! file. Embeddings are cached per text for the life of the process, so cross-validation
//! encodes each text once.

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokenizers::Tokenizer;

use super::{EmbeddingSpec, encoder_error as err};
use crate::error::{Result, StanceError};

/// A loaded sentence-transformers encoder with mean pooling and unit-length output.
pub struct SentenceEmbedder {
    name: String,
    sha256: String,
    dim: usize,
    max_tokens: usize,
    model: BertModel,
    tokenizer: Tokenizer,
    cache: Mutex<FxHashMap<String, Arc<[f32]>>>,
}

impl std::fmt::Debug for SentenceEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceEmbedder")
            .field("name", &self.name)
            .field("sha256", &self.sha256)
            .field("dim", &self.dim)
            .finish_non_exhaustive()
    }
}

/// The bytes of `name` in a model directory; `err` words the error for the caller's kind of model.
pub(crate) fn read_model_file(
    dir: &Path,
    name: &str,
    err: impl Fn(&Path, String) -> StanceError,
) -> Result<Vec<u8>> {
    std::fs::read(dir.join(name)).map_err(|e| err(dir, format!("cannot read {name}: {e}")))
}

/// The BERT encoder of `model.safetensors` (given as `weights`) under `config`, and the
/// weights themselves, for the heads a caller builds on top of the encoder.
pub(crate) fn load_bert(
    dir: &Path,
    weights: Vec<u8>,
    config: &Config,
    err: impl Fn(&Path, String) -> StanceError,
) -> Result<(BertModel, VarBuilder<'static>)> {
    let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu)
        .map_err(|e| err(dir, format!("model.safetensors: {e}")))?;
    let model = BertModel::load(vb.clone(), config).map_err(|e| {
        err(
            dir,
            format!("model.safetensors does not fit config.json: {e}"),
        )
    })?;
    Ok((model, vb))
}

/// `tokenizer.json` of a model directory, without padding (one text at a time).
pub(crate) fn load_tokenizer(
    dir: &Path,
    err: impl Fn(&Path, String) -> StanceError,
) -> Result<Tokenizer> {
    let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
        .map_err(|e| err(dir, format!("tokenizer.json: {e}")))?;
    tokenizer.with_padding(None);
    Ok(tokenizer)
}

impl SentenceEmbedder {
    /// Loads an encoder directory (`config.json`, `tokenizer.json`, `model.safetensors`, and
    /// optionally `1_Pooling/config.json`, which must ask for mean pooling).
    pub fn load(dir: &Path) -> Result<SentenceEmbedder> {
        let read = |name: &str| read_model_file(dir, name, err);
        let config: Config = serde_json::from_slice(&read("config.json")?)
            .map_err(|e| err(dir, format!("config.json is not a BERT configuration: {e}")))?;
        if let Ok(pooling) = std::fs::read(dir.join("1_Pooling/config.json")) {
            let p: serde_json::Value = serde_json::from_slice(&pooling)
                .map_err(|e| err(dir, format!("1_Pooling/config.json: {e}")))?;
            if p.get("pooling_mode_mean_tokens") != Some(&serde_json::Value::Bool(true)) {
                return Err(err(
                    dir,
                    "only mean pooling is supported (1_Pooling/config.json)",
                ));
            }
        }
        let weights = read("model.safetensors")?;
        let sha256: String = Sha256::digest(&weights)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let (model, _) = load_bert(dir, weights, &config, err)?;
        let tokenizer = load_tokenizer(dir, err)?;
        // Length: the tokenizer's own truncation stays as `tokenizer.json` sets it (128 tokens
        // for all-MiniLM-L6-v2; sentence-transformers itself would allow 256), and the ids are
        // further capped at sentence-transformers' `max_seq_length` and the position table.
        let max_tokens = std::fs::read(dir.join("sentence_bert_config.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v.get("max_seq_length")?.as_u64())
            .map_or(config.max_position_embeddings, |n| n as usize)
            .min(config.max_position_embeddings);
        if max_tokens < 2 {
            return Err(err(
                dir,
                format!("a limit of {max_tokens} tokens leaves no room for text"),
            ));
        }
        // The name recorded in models, for messages: the model card's title (`# NAME` in
        // README.md), so the same encoder gives the same model file wherever it is installed.
        let name = std::fs::read_to_string(dir.join("README.md"))
            .ok()
            .and_then(|card| {
                card.lines()
                    .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
            })
            .filter(|t| !t.is_empty() && t.len() <= 100)
            .unwrap_or_else(|| format!("BERT encoder, {} dimensions", config.hidden_size));
        let e = SentenceEmbedder {
            name,
            sha256,
            dim: config.hidden_size,
            max_tokens,
            model,
            tokenizer,
            cache: Mutex::default(),
        };
        e.encode("check").map_err(|m| err(dir, m))?; // fail here, not on the first row
        Ok(e)
    }

    /// Embedding dimension.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// SHA-256 of the weights.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The encoder's name (its model card's title), for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The spec a model trained with this encoder records, at `weight`.
    pub fn spec(&self, weight: f32) -> EmbeddingSpec {
        EmbeddingSpec {
            model: self.name.clone(),
            sha256: self.sha256.clone(),
            dim: self.dim,
            weight,
            encoder: None,
        }
    }

    /// The unit-length mean-pooled embedding of `text` (cached).
    pub fn embed(&self, text: &str) -> Result<Arc<[f32]>> {
        if let Some(v) = self.lock().get(text) {
            return Ok(v.clone());
        }
        let v: Arc<[f32]> = self
            .encode(text)
            .map_err(|m| StanceError::Data(format!("sentence encoder {}: {m}", self.name)))?
            .into();
        self.lock().insert(text.to_string(), v.clone());
        Ok(v)
    }

    /// Embeds every text not yet cached, in parallel.
    pub fn prefetch<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut todo: Vec<&str> = {
            let cache = self.lock();
            texts
                .into_iter()
                .filter(|t| !cache.contains_key(*t))
                .collect()
        };
        todo.sort_unstable();
        todo.dedup();
        todo.par_iter().try_for_each(|t| self.embed(t).map(|_| ()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, Arc<[f32]>>> {
        // A poisoned cache still holds only complete entries.
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One text through the encoder: token ids (truncated), hidden states, mean over tokens,
    /// scaled to unit length (sentence-transformers' Pooling + Normalize).
    fn encode(&self, text: &str) -> std::result::Result<Vec<f32>, String> {
        let enc = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| format!("tokenizer: {e}"))?;
        let mut ids = enc.get_ids().to_vec();
        if ids.len() > self.max_tokens {
            // Keep the closing special token ([SEP]) like the tokenizer's own truncation.
            let last = ids[ids.len() - 1];
            ids.truncate(self.max_tokens);
            ids[self.max_tokens - 1] = last;
        }
        let run = || -> candle_core::Result<Vec<f32>> {
            let ids = Tensor::new(ids.as_slice(), &Device::Cpu)?.unsqueeze(0)?;
            let types = ids.zeros_like()?;
            let hidden = self.model.forward(&ids, &types, None)?;
            hidden.mean(1)?.squeeze(0)?.to_vec1::<f32>()
        };
        let mut v = run().map_err(|e| format!("encoder: {e}"))?;
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        Ok(v)
    }
}

/// Writes a tiny randomly initialised BERT encoder (with a small word-piece tokenizer) to
/// `dir`: for tests and demonstrations of the embedding path where no real encoder is at
/// hand. Its embeddings carry no meaning.
pub fn write_tiny_encoder(dir: &Path) -> Result<()> {
    use tokenizers::models::wordpiece::WordPiece;
    use tokenizers::normalizers::bert::BertNormalizer;
    use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
    use tokenizers::processors::bert::BertProcessing;
    let fail = |m: String| err(dir, m);
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let mut vocab: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    vocab.extend((b'a'..=b'z').map(|c| (c as char).to_string()));
    vocab.extend((b'a'..=b'z').map(|c| format!("##{}", c as char)));
    vocab.extend(
        [
            "the",
            "and",
            "to",
            "of",
            "support",
            "oppose",
            "regret",
            "investigation",
            "russia",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let vocab_file = dir.join("vocab.txt");
    std::fs::write(&vocab_file, vocab.join("\n") + "\n").map_err(|e| fail(e.to_string()))?;
    let wp = WordPiece::from_file(&vocab_file.to_string_lossy())
        .unk_token("[UNK]".into())
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let mut tok = Tokenizer::new(wp);
    tok.with_normalizer(Some(BertNormalizer::default()))
        .map_err(|e| fail(e.to_string()))?;
    tok.with_pre_tokenizer(Some(BertPreTokenizer));
    tok.with_post_processor(Some(BertProcessing::new(
        ("[SEP]".into(), 3),
        ("[CLS]".into(), 2),
    )));
    tok.save(dir.join("tokenizer.json"), false)
        .map_err(|e| fail(e.to_string()))?;
    let config = serde_json::json!({
        "vocab_size": vocab.len(), "hidden_size": 8, "num_hidden_layers": 1,
        "num_attention_heads": 2, "intermediate_size": 16, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0, "max_position_embeddings": 64, "type_vocab_size": 2,
        "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
        "model_type": "bert"
    });
    std::fs::write(dir.join("config.json"), config.to_string()).map_err(|e| fail(e.to_string()))?;
    let cfg: Config = serde_json::from_value(config).map_err(|e| fail(e.to_string()))?;
    let vars = candle_nn::VarMap::new();
    let vb = VarBuilder::from_varmap(&vars, DType::F32, &Device::Cpu);
    BertModel::load(vb, &cfg).map_err(|e| fail(e.to_string()))?;
    vars.save(dir.join("model.safetensors"))
        .map_err(|e| fail(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_encoder_embeds_deterministically_at_unit_length() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_encoder(dir.path()).unwrap();
        let e = SentenceEmbedder::load(dir.path()).unwrap();
        assert_eq!(e.dim(), 8);
        let a = e.embed("Russia supports the investigation").unwrap();
        let norm: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        // Not from the cache: a second encoder of the same weights computes it afresh.
        let again = SentenceEmbedder::load(dir.path()).unwrap();
        assert_eq!(
            &*again.embed("Russia supports the investigation").unwrap(),
            &*a
        );
        assert_ne!(&*e.embed("the US opposes it").unwrap(), &*a);
        // Long input is truncated to the position table, not an error.
        let long = "word ".repeat(500);
        assert_eq!(e.embed(&long).unwrap().len(), 8);
    }
}
