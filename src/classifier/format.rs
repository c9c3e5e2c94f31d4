//! The model file: one JSON record (format name and version, labels, options, vocabulary,
//! weights, provenance and scores) or the same record in compact binary form (`*.bin`: a magic
//! header and postcard encoding), written deterministically and checked on loading.

use serde::{Deserialize, Serialize};
use std::path::Path;

use super::{Classifier, TrainingInfo};
use crate::embed::{EmbeddingSpec, Encoder};
use crate::error::{Result, StanceError};
use crate::features::{Cues, FeatureOptions, FeatureParams, LegacyFeatureOptions, Vocabulary};
use crate::model::SparseLogistic;

/// Newest model file format version this build reads and writes. Versions 1 to 4 stored the
/// feature options as one flat record of switches ([`LegacyFeatureOptions`]); they still load,
/// converted into the list of families on the way in. Each of them was written with the
/// oldest version that held its options (1 = everything up to the lexicon; 2 = actor
/// identity; 3 = sentence embeddings; 4 = coordinated lists, proposal features, word stems),
/// and a file claiming an older version than its options need is refused. Version 5 stores
/// the settings every family shares and the list of families, each with its own parameters;
/// every model this build writes is version 5, since older builds cannot read the list.
pub const FORMAT_VERSION: u32 = 5;

/// Last format version that stored the flat feature options.
const LAST_FLAT_VERSION: u32 = 4;

/// The `format` field of every model file.
const FORMAT_NAME: &str = "stance-model";
/// First bytes of a binary model file: `STANCEM` and the layout revision. postcard is not
/// self-describing, so a new field in the model record (which JSON files absorb through serde
/// defaults) changes the binary layout: the revision goes up, and older binary files are
/// refused with a clear message instead of being misread. Revisions: `B` (no actor-identity
/// option), `2` (no embeddings option), `3` (no coordination option), `4` (flat feature
/// options, still read), `5` (the list of families; current).
const BINARY_MAGIC: &[u8; 8] = b"STANCEM5";
/// The binary layout of format version 4, read through the legacy arm.
const BINARY_MAGIC_FLAT: &[u8; 8] = b"STANCEM4";
/// What every binary layout revision starts with.
const BINARY_MAGIC_FAMILY: &[u8; 7] = b"STANCEM";

/// The record a model file holds, in either form; `F` is the form of its feature options
/// ([`LegacyFeatureOptions`] in format versions 1 to 4).
#[derive(Serialize, Deserialize)]
struct ModelFile<F = FeatureOptions> {
    format: String,
    version: u32,
    label_column: String,
    labels: Vec<String>,
    features: F,
    training: TrainingInfo<F>,
    cues: Vec<String>,
    vocabulary: Vec<String>,
    idf: Vec<f32>,
    weights: Vec<f32>,
}

impl Classifier {
    fn to_file(&self) -> ModelFile {
        ModelFile {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            label_column: self.label_column.clone(),
            labels: self.labels.clone(),
            features: self.features.clone(),
            training: self.training.clone(),
            cues: self.vocabulary.cues.words.clone(),
            vocabulary: self.vocabulary.features.clone(),
            idf: self.vocabulary.idf.iter().map(|&v| v as f32).collect(),
            weights: self.logistic.weights.iter().map(|&v| v as f32).collect(),
        }
    }

    /// Serialises the model to JSON bytes (deterministic).
    pub fn to_json(&self) -> Result<Vec<u8>> {
        serde_json::to_vec(&self.to_file())
            .map_err(|e| StanceError::Data(format!("cannot serialise the model: {e}")))
    }

    /// Serialises the model to the compact binary form (deterministic; the same content as
    /// [`Classifier::to_json`], about 8× faster to load for large models).
    pub fn to_binary(&self) -> Result<Vec<u8>> {
        let mut out = BINARY_MAGIC.to_vec();
        postcard::to_io(&self.to_file(), &mut out)
            .map_err(|e| StanceError::Data(format!("cannot serialise the model: {e}")))?;
        Ok(out)
    }

    /// Saves the model atomically: binary when `path` ends in `.bin`, JSON otherwise.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = if is_binary_path(path) {
            self.to_binary()?
        } else {
            self.to_json()?
        };
        crate::io::write_atomic(path, &bytes)
    }

    /// Loads a model file that needs no sentence encoder (one that does is refused, naming
    /// the encoder it needs; see [`Classifier::load_with`]).
    pub fn load(path: &Path) -> Result<Classifier> {
        Classifier::load_with(path, &no_encoder)
    }

    /// Loads a model file; when it uses sentence embeddings, `encoders` is asked for the
    /// encoder its spec names, which must be that one.
    pub fn load_with(path: &Path, encoders: EncoderSource) -> Result<Classifier> {
        if path.is_dir() {
            return Err(StanceError::model(
                path,
                "is a directory, expected a model file",
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| StanceError::io(path, e))?;
        Classifier::from_bytes_with(&bytes, path, encoders)
    }

    /// Parses and checks a model in either form (binary when it starts with the binary header,
    /// JSON otherwise) that needs no sentence encoder; `path` names the source in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Classifier> {
        Classifier::from_bytes_with(bytes, path, &no_encoder)
    }

    /// [`Classifier::from_bytes`] for a model that may use sentence embeddings: `encoders` is
    /// asked for the encoder its spec names.
    pub fn from_bytes_with(
        bytes: &[u8],
        path: &Path,
        encoders: EncoderSource,
    ) -> Result<Classifier> {
        Classifier::parse(bytes, path, encoders)
    }

    /// Parses and checks model JSON that needs no sentence encoder; `path` names the source in
    /// errors.
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Classifier> {
        Classifier::parse_json(bytes, path, &no_encoder)
    }

    /// Parses and checks a model in either form, asking `encoders` for its encoder.
    fn parse(bytes: &[u8], path: &Path, encoders: EncoderSource) -> Result<Classifier> {
        let malformed = |e: postcard::Error| {
            StanceError::model(
                path,
                format!(
                    "malformed binary model ({e}); truncated, corrupted, or written by \
                     another version of stance (the JSON form is the portable one)"
                ),
            )
        };
        if let Some(body) = bytes.strip_prefix(BINARY_MAGIC) {
            let f: ModelFile = postcard::from_bytes(body).map_err(malformed)?;
            return Classifier::from_file(f, path, encoders);
        }
        if let Some(body) = bytes.strip_prefix(BINARY_MAGIC_FLAT) {
            let f: ModelFile<LegacyFeatureOptions> =
                postcard::from_bytes(body).map_err(malformed)?;
            return Classifier::from_file(f.upgrade(path)?, path, encoders);
        }
        if bytes.starts_with(BINARY_MAGIC_FAMILY) && bytes.len() >= 8 {
            return Err(StanceError::model(
                path,
                format!(
                    "binary model of layout '{}', written by another version of stance \
                     (this one reads layouts '{}' and '{}'): convert the model's JSON form \
                     again (`stance convert MODEL.json --out MODEL.bin`) or retrain",
                    char::from(bytes[7]).escape_default(),
                    char::from(BINARY_MAGIC_FLAT[7]),
                    char::from(BINARY_MAGIC[7])
                ),
            ));
        }
        Classifier::parse_json(bytes, path, encoders)
    }

    /// Parses and checks model JSON, asking `encoders` for its encoder.
    fn parse_json(bytes: &[u8], path: &Path, encoders: EncoderSource) -> Result<Classifier> {
        // One parse straight into the struct; only when that fails, look at the header to say why.
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u64>,
        }
        let check_header = |h: &Header| -> Result<()> {
            if h.format.as_deref() != Some(FORMAT_NAME) {
                return Err(StanceError::model(
                    path,
                    "JSON without \"format\": \"stance-model\": not a stance model",
                ));
            }
            match h.version {
                Some(v) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => Ok(()),
                Some(v) if v > u64::from(FORMAT_VERSION) => Err(StanceError::model(
                    path,
                    format!(
                        "format version {v} is newer than this stance understands ({FORMAT_VERSION}): upgrade stance"
                    ),
                )),
                other => Err(StanceError::model(
                    path,
                    format!("unsupported format version {other:?}"),
                )),
            }
        };
        let f: ModelFile = match serde_json::from_slice(bytes) {
            Ok(f) => f,
            Err(e) => {
                let header: Header = serde_json::from_slice(bytes).map_err(|e| {
                    StanceError::model(
                        path,
                        format!("not valid JSON ({e}); truncated or corrupted?"),
                    )
                })?;
                check_header(&header)?;
                if header
                    .version
                    .is_some_and(|v| v <= u64::from(LAST_FLAT_VERSION))
                {
                    // The legacy arm: flat feature options, converted into families.
                    let f: ModelFile<LegacyFeatureOptions> = serde_json::from_slice(bytes)
                        .map_err(|e| StanceError::model(path, format!("malformed model: {e}")))?;
                    return Classifier::from_file(f.upgrade(path)?, path, encoders);
                }
                return Err(StanceError::model(path, format!("malformed model: {e}")));
            }
        };
        check_header(&Header {
            format: Some(f.format.clone()),
            version: Some(u64::from(f.version)),
        })?;
        Classifier::from_file(f, path, encoders)
    }

    /// Checks a parsed model record and builds the classifier.
    fn from_file(mut f: ModelFile, path: &Path, encoders: EncoderSource) -> Result<Classifier> {
        let bad = |m: String| Err(StanceError::model(path, m));
        if f.format != FORMAT_NAME {
            return bad("not a stance model".into());
        }
        if f.version != FORMAT_VERSION {
            return bad(format!(
                "format version {} with a list of feature families, which only version \
                 {FORMAT_VERSION} holds",
                f.version
            ));
        }
        let k = f.labels.len();
        let d = f.vocabulary.len();
        if k < 2 {
            return bad(format!("{k} labels; a model needs at least 2"));
        }
        let mut uniq = f.labels.clone();
        uniq.sort();
        uniq.dedup();
        if uniq.len() != k {
            return bad("duplicate labels".into());
        }
        if f.idf.len() != d {
            return bad(format!("{} idf values for {d} features", f.idf.len()));
        }
        if f.weights.len() != (d + 1) * k {
            return bad(format!(
                "{} weights, expected ({d} features + 1) × {k} labels",
                f.weights.len()
            ));
        }
        if f.weights.iter().chain(&f.idf).any(|w| !w.is_finite()) {
            return bad("non-finite weights".into());
        }
        if let Err(e) = FeatureParams::check_options(&f.features) {
            return bad(format!("feature options: {e}"));
        }
        if let Some(spec) = f.features.embeddings() {
            let encoder = encoder_for(spec, path, encoders)?;
            f.features.set_encoder(&encoder);
            f.training.options.features.set_encoder(&encoder);
        }
        let vocabulary = Vocabulary::from_parts(
            Cues::new(f.cues),
            f.vocabulary,
            f.idf.iter().map(|&v| f64::from(v)).collect(),
        )
        .map_err(|e| StanceError::model(path, e.to_string()))?;
        vocabulary
            .check_embedding_layout(&f.features)
            .map_err(|e| StanceError::model(path, e.to_string()))?;
        Ok(Classifier {
            label_column: f.label_column,
            labels: f.labels,
            features: f.features,
            vocabulary,
            logistic: SparseLogistic {
                nclasses: k,
                nfeatures: d,
                weights: f.weights.iter().map(|&v| f64::from(v)).collect(),
                iterations: f.training.iterations,
            },
            training: f.training,
        })
    }
}

impl ModelFile<LegacyFeatureOptions> {
    /// The legacy arm: a record of format version 1 to 4, its flat feature options converted
    /// into families. Refused when its version is older than its options need (a build of
    /// that version would have misread it) or is not a flat one.
    fn upgrade(self, path: &Path) -> Result<ModelFile> {
        let needs = self.features.format_version();
        if self.version < needs || self.version > LAST_FLAT_VERSION {
            return Err(StanceError::model(
                path,
                format!(
                    "format version {} does not fit its options (stance wrote {needs} for them)",
                    self.version
                ),
            ));
        }
        Ok(ModelFile {
            format: self.format,
            version: FORMAT_VERSION,
            label_column: self.label_column,
            labels: self.labels,
            features: self.features.into(),
            training: self.training.into(),
            cues: self.cues,
            vocabulary: self.vocabulary,
            idf: self.idf,
            weights: self.weights,
        })
    }
}

/// Where a model that uses sentence embeddings gets its encoder: asked with the spec the model
/// records, it gives the encoder (checked against the spec) or none.
pub type EncoderSource<'a> = &'a dyn Fn(&EmbeddingSpec) -> Result<Option<Encoder>>;

/// The encoder `spec` names, from `encoders`: an error for the model at `path` when none is
/// given, another one is, or this build cannot run one.
fn encoder_for(spec: &EmbeddingSpec, path: &Path, encoders: EncoderSource) -> Result<Encoder> {
    let missing = |why: String| StanceError::MissingEncoder {
        path: path.into(),
        needs: spec.needs(),
        why,
    };
    let given = if cfg!(feature = "embeddings") {
        encoders(spec)?
    } else {
        None
    };
    let encoder = given.ok_or_else(|| missing(spec.lacking()))?;
    encoder.check(spec).map_err(missing)?;
    Ok(encoder)
}

/// The source of no encoder at all.
fn no_encoder(_: &EmbeddingSpec) -> Result<Option<Encoder>> {
    Ok(None)
}

/// Whether a model path names the binary form (`*.bin`).
pub fn is_binary_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bin"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::tiny;
    use super::*;

    #[test]
    fn both_forms_round_trip_exactly() {
        let m = tiny();
        let json = m.to_json().unwrap();
        let bin = m.to_binary().unwrap();
        assert!(bin.len() < json.len());
        for (bytes, name) in [(&json, "m.json"), (&bin, "m.bin")] {
            let back = Classifier::from_bytes(bytes, Path::new(name)).unwrap();
            assert_eq!(back, m);
            assert_eq!(back.to_json().unwrap(), json);
            assert_eq!(back.to_binary().unwrap(), bin);
        }
        for cut in [8, bin.len() / 2, bin.len() - 1] {
            let e = Classifier::from_bytes(&bin[..cut], Path::new("m.bin"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("m.bin") && e.contains("malformed binary"), "{e}");
        }
        assert!(is_binary_path(Path::new("x/model.BIN")));
        assert!(!is_binary_path(Path::new("model.json")));
    }

    #[test]
    fn rejects_wrong_files() {
        let p = Path::new("m.json");
        assert!(
            Classifier::from_json(b"{\"a\":1}", p)
                .unwrap_err()
                .to_string()
                .contains("not a stance model")
        );
        let bytes = tiny().to_json().unwrap();
        let e = Classifier::from_json(&bytes[..bytes.len() / 2], p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("truncated"), "{e}");
        let huge = String::from_utf8(bytes.clone()).unwrap().replace(
            r#"{"type":"windows","size":5}"#,
            r#"{"type":"windows","size":1152921504606846976}"#,
        );
        let e = Classifier::from_json(huge.as_bytes(), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("window"), "{e}");
        let newer = String::from_utf8(bytes)
            .unwrap()
            .replace("\"version\":5", "\"version\":99");
        assert!(
            Classifier::from_json(newer.as_bytes(), p)
                .unwrap_err()
                .to_string()
                .contains("newer")
        );
    }

    /// The JSON of `m` as format version `version` wrote it: flat feature options (those of
    /// the shipped v4 stance model with coordination and stems off, which is what `tiny` uses;
    /// list heads came later).
    fn as_flat_json(m: &Classifier, version: u32) -> Vec<u8> {
        let mut v: serde_json::Value = serde_json::from_slice(&m.to_json().unwrap()).unwrap();
        let mut flat: serde_json::Value =
            serde_json::from_str(crate::features::V4_OPTIONS).unwrap();
        flat["coordination"] = false.into();
        flat["stems"] = false.into();
        v["version"] = version.into();
        v["features"] = flat.clone();
        v["training"]["options"]["features"] = flat;
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn flat_options_of_versions_1_to_4_load_as_families() {
        let m = tiny();
        let json = String::from_utf8(m.to_json().unwrap()).unwrap();
        assert!(json.contains("\"version\":5,"), "{json}");
        assert!(json.contains(r#""families":[{"type":"word-ngrams","min":1,"max":2}"#));
        let p = Path::new("m.json");
        for version in 1..=4 {
            let old = as_flat_json(&m, version);
            assert_eq!(
                Classifier::from_json(&old, p).unwrap(),
                m,
                "version {version}"
            );
        }
        // The binary layout of version 4: the flat record in postcard.
        let f: ModelFile<LegacyFeatureOptions> =
            serde_json::from_slice(&as_flat_json(&m, 4)).unwrap();
        let mut bin = BINARY_MAGIC_FLAT.to_vec();
        postcard::to_io(&f, &mut bin).unwrap();
        assert_eq!(Classifier::from_bytes(&bin, Path::new("m.bin")).unwrap(), m);
        // A version older than the options need is refused, not read without them.
        let mut v: serde_json::Value = serde_json::from_slice(&as_flat_json(&m, 1)).unwrap();
        v["features"]["actor_identity"] = true.into();
        let e = Classifier::from_json(&serde_json::to_vec(&v).unwrap(), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not fit its options"), "{e}");
        // Families in a file that claims a flat version are refused too.
        let e = Classifier::from_json(
            json.replace("\"version\":5,", "\"version\":4,").as_bytes(),
            p,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("only version 5"), "{e}");
    }
}
