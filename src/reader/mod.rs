//! The contextual reader: an optional second opinion on each (sentence, actor) pair from a
//! fine-tuned BERT sequence classifier, read as the pair "actor name [SEP] sentence", whose
//! probabilities are blended with the bag-of-words model's (`stance classify --reader DIR`).
//!
//! A reader directory is what `python/train_reader.py` writes (Hugging Face's layout):
//! `config.json` (a BERT configuration with `id2label`), `tokenizer.json`, `model.safetensors`
//! (`bert.*`, `bert.pooler.dense`, `classifier`), and `stance-reader.json` (the blend weight and
//! the token limit). The network runs through candle and is compiled only with the cargo feature
//! `embeddings`; without it, loading a reader is a clear error.
//!
//! The reader reads each pair on its own (never padded into a batch), so its output does not
//! depend on which other pairs were read with it.

#[cfg(not(feature = "embeddings"))]
mod absent;
#[cfg(feature = "embeddings")]
mod candle;

#[cfg(not(feature = "embeddings"))]
pub use absent::PairReader;
#[cfg(feature = "embeddings")]
pub use candle::{PairReader, write_tiny_reader};

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::classifier::Prediction;
use crate::error::{Result, StanceError};

/// The reader's own settings (`stance-reader.json` in its directory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderSettings {
    /// Weight of the reader's probabilities in the blend (0 to 1); the bag-of-words model
    /// gets the rest.
    pub blend: f64,
    /// Longest input in tokens (the sentence is cut to fit, the actor's name is kept).
    pub max_tokens: usize,
}

/// An error about the reader in `dir`.
pub(crate) fn reader_error(dir: &Path, what: impl std::fmt::Display) -> StanceError {
    StanceError::Encoder(format!("reader {}: {what}", dir.display()))
}

impl ReaderSettings {
    /// Reads and checks `stance-reader.json` in `dir`.
    pub fn load(dir: &Path) -> Result<ReaderSettings> {
        let path = dir.join("stance-reader.json");
        let bytes = std::fs::read(&path)
            .map_err(|e| reader_error(dir, format!("cannot read stance-reader.json: {e}")))?;
        let s: ReaderSettings = serde_json::from_slice(&bytes)
            .map_err(|e| reader_error(dir, format!("stance-reader.json: {e}")))?;
        if !(0.0..=1.0).contains(&s.blend) {
            return Err(reader_error(
                dir,
                format!("stance-reader.json: blend {} is not within 0 to 1", s.blend),
            ));
        }
        if s.max_tokens < 4 {
            return Err(reader_error(
                dir,
                format!(
                    "stance-reader.json: a limit of {} tokens leaves no room for text",
                    s.max_tokens
                ),
            ));
        }
        Ok(s)
    }
}

/// A loaded reader handed to the analyzer, with the warnings about pairs it could not read
/// (those keep the bag-of-words model's probabilities alone).
#[derive(Clone, Debug)]
pub struct Reader {
    reader: Arc<PairReader>,
    warnings: Arc<Mutex<Vec<String>>>,
}

impl Reader {
    /// Loads the reader in `dir`.
    pub fn load(dir: &Path) -> Result<Reader> {
        Ok(Reader {
            reader: Arc::new(PairReader::load(dir)?),
            warnings: Arc::default(),
        })
    }

    /// The reader itself.
    pub fn pair_reader(&self) -> &PairReader {
        &self.reader
    }

    /// `bow` (a prediction over `labels`) blended with the reader's reading of `actor` in
    /// `sentence`; `bow` unchanged, with a warning kept, when the reader cannot read the pair.
    pub fn blend(
        &self,
        actor: &str,
        sentence: &str,
        labels: &[String],
        bow: Prediction,
    ) -> Prediction {
        match self.reader.probabilities(actor, sentence) {
            Ok(own) => blend(
                &bow,
                labels,
                self.reader.labels(),
                &own,
                self.reader.blend(),
            ),
            Err(e) => {
                let mut w = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
                if w.len() < 20 {
                    w.push(format!("{e}; the bag-of-words model alone labelled it"));
                }
                bow
            }
        }
    }

    /// The warnings recorded since the last call, emptying the record.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// `weight` × the reader's probabilities (`own`, in `own_labels` order) + (1 − `weight`) ×
/// `bow`'s (in `labels` order), renormalised over `labels`; the label is the most probable one
/// (the first on ties).
pub fn blend(
    bow: &Prediction,
    labels: &[String],
    own_labels: &[String],
    own: &[f64],
    weight: f64,
) -> Prediction {
    let mut p: Vec<f64> = labels
        .iter()
        .zip(&bow.probabilities)
        .map(|(l, b)| {
            let r = own_labels
                .iter()
                .position(|x| x == l)
                .map_or(0.0, |i| own[i]);
            weight * r + (1.0 - weight) * b
        })
        .collect();
    let total: f64 = p.iter().sum();
    if total > 0.0 {
        p.iter_mut().for_each(|x| *x /= total);
    }
    let best = p
        .iter()
        .enumerate()
        .fold(0, |best, (i, x)| if *x > p[best] { i } else { best });
    Prediction {
        label: labels[best].clone(),
        confidence: p[best],
        probabilities: p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn blending_maps_labels_by_name_and_can_change_the_label() {
        let model = labels(&["neutral", "opposes", "supports"]);
        let bow = Prediction {
            label: "neutral".into(),
            confidence: 0.6,
            probabilities: vec![0.6, 0.1, 0.3],
        };
        // The reader orders its labels differently and knows one more.
        let own_labels = labels(&["supports", "opposes", "regrets", "neutral"]);
        let own = [0.9, 0.0, 0.05, 0.05];
        let p = blend(&bow, &model, &own_labels, &own, 0.5);
        assert_eq!(p.label, "supports");
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // supports: (0.5*0.9 + 0.5*0.3) / (1 - 0.5*0.05) = 0.6 / 0.975
        assert!((p.confidence - 0.6 / 0.975).abs() < 1e-12, "{p:?}");
        // Weight 0 keeps the bag-of-words prediction.
        let p0 = blend(&bow, &model, &own_labels, &own, 0.0);
        assert_eq!(p0.label, "neutral");
        assert_eq!(p0.probabilities, bow.probabilities);
    }

    #[test]
    fn settings_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let write = |s: &str| std::fs::write(dir.path().join("stance-reader.json"), s).unwrap();
        let m = ReaderSettings::load(dir.path()).unwrap_err().to_string();
        assert!(m.contains("stance-reader.json"), "{m}");
        write(r#"{"blend": 1.5, "max_tokens": 128}"#);
        let m = ReaderSettings::load(dir.path()).unwrap_err().to_string();
        assert!(m.contains("blend 1.5"), "{m}");
        write(r#"{"blend": 0.5, "max_tokens": 2}"#);
        assert!(ReaderSettings::load(dir.path()).is_err());
        write(r#"{"blend": 0.5, "max_tokens": 128, "extra": 1}"#);
        assert!(ReaderSettings::load(dir.path()).is_err());
        write(r#"{"blend": 0.5, "max_tokens": 128}"#);
        let s = ReaderSettings::load(dir.path()).unwrap();
        assert_eq!((s.blend, s.max_tokens), (0.5, 128));
    }

    #[test]
    fn loading_a_missing_reader_is_an_error_naming_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let m = Reader::load(dir.path()).unwrap_err().to_string();
        let expected = if cfg!(feature = "embeddings") {
            "config.json"
        } else {
            "`embeddings` cargo feature"
        };
        assert!(m.contains(expected), "{m}");
    }
}
