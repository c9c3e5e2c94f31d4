//! The fitted vocabulary: which features a model knows, their inverse document frequencies,
//! and the weighted, normalised sparse rows it turns inputs into (TF or TF-IDF, sublinear TF,
//! L2 norm over one block or two), with the sentence-embedding columns after the n-grams.

use rustc_hash::FxHashMap;

use super::sink::{hash_parts, join_parts};
use super::target::topic_prefix;
use super::{
    ActorSentence, Cues, FeatureOptions, FeatureSink, HashSink, Weighting, extract, feature_hash,
};
use crate::error::{Result, StanceError};

/// Whether each feature is a character n-gram (for block normalisation).
fn char_blocks(features: &[String]) -> Vec<bool> {
    features
        .iter()
        .map(|f| {
            let is_char = |f: &str| f.starts_with("c:") || f.starts_with("k:");
            // Crossed features are `topic|prefix:…`; a topic holds no ':'.
            is_char(f)
                || f.split_once('|')
                    .is_some_and(|(topic, rest)| !topic.contains(':') && is_char(rest))
        })
        .collect()
}

const DENSE_FIRST: &str = "emb:0";

/// Names of the embedding columns a vocabulary fitted on `inputs` gets: the shared block, and
/// with `target_cross` + `cross_all` one block per topic (named as the crossed n-grams name
/// it: lower-cased), for topics of at least 10 rows only — a dense block costs `dim` columns
/// per topic, where a crossed n-gram costs one per use.
fn dense_names(inputs: &[ActorSentence], opts: &FeatureOptions) -> Vec<String> {
    let Some(spec) = opts.embeddings() else {
        return Vec::new();
    };
    let mut prefixes = vec![String::new()];
    if opts.cross_all() {
        let mut count: std::collections::BTreeMap<String, usize> = Default::default();
        for s in inputs.iter().filter(|s| !s.name.is_empty()) {
            *count.entry(topic_prefix(s.name)).or_default() += 1;
        }
        prefixes.extend(count.into_iter().filter(|&(_, n)| n >= 10).map(|(t, _)| t));
    }
    prefixes
        .iter()
        .flat_map(|p| (0..spec.dim).map(move |d| format!("{p}emb:{d}")))
        .collect()
}

/// Per hash kept (seen in at least `min_count` rows): its document frequency and the first
/// row it occurs in.
type DocumentFrequencies = FxHashMap<u64, (u32, u32)>;

/// Document frequency and the first row of each hash of `per_row` (sorted hashes per row),
/// counted in parallel: each of 8 shards owns the hashes whose top three bits name it and
/// scans every row in order, so a shard's counts and first rows are exact and nothing depends
/// on the thread count.
fn document_frequencies(per_row: &[Vec<u64>], min_count: u32) -> DocumentFrequencies {
    use rayon::prelude::*;
    const SHARDS: u64 = 8;
    let shards: Vec<DocumentFrequencies> = (0..SHARDS)
        .into_par_iter()
        .map(|shard| {
            let mut df = DocumentFrequencies::default();
            for (i, row) in per_row.iter().enumerate() {
                for run in row.chunk_by(|a, b| a == b) {
                    if run[0] >> 61 == shard {
                        df.entry(run[0]).or_insert((0, i as u32)).0 += 1;
                    }
                }
            }
            df.retain(|_, (c, _)| *c >= min_count);
            df
        })
        .collect();
    let mut df = DocumentFrequencies::default();
    df.reserve(shards.iter().map(|s| s.len()).sum());
    for shard in shards {
        df.extend(shard);
    }
    df
}

/// Collects the names of the kept hashes whose first row is `row`, each once.
struct NamingSink<'a> {
    keep: &'a DocumentFrequencies,
    row: u32,
    names: Vec<(u64, String)>,
}

impl FeatureSink for NamingSink<'_> {
    fn emit(&mut self, prefix: &str, parts: &[&str]) {
        let h = hash_parts(prefix, parts);
        if self
            .keep
            .get(&h)
            .is_some_and(|&(_, first)| first == self.row)
            && !self.names.iter().any(|(k, _)| *k == h)
        {
            self.names.push((h, join_parts(prefix, parts)));
        }
    }
}

/// The names of the kept hashes `df`: each is named once, from the row where it first occurs,
/// so only those rows are extracted again and no string is built twice.
fn name_features(
    inputs: &[ActorSentence],
    opts: &FeatureOptions,
    cues: &Cues,
    df: &DocumentFrequencies,
) -> Vec<(u64, String)> {
    use rayon::prelude::*;
    let mut first_rows: Vec<u32> = df.values().map(|&(_, first)| first).collect();
    first_rows.sort_unstable();
    first_rows.dedup();
    first_rows
        .par_iter()
        .flat_map_iter(|&row| {
            let mut sink = NamingSink {
                keep: df,
                row,
                names: Vec::new(),
            };
            extract(&inputs[row as usize], opts, cues, &mut sink);
            sink.names
        })
        .collect()
}

/// The fitted vocabulary: feature strings, their hashes and inverse document frequencies.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    /// Cue words used by the extractor.
    pub cues: Cues,
    /// Feature strings, most frequent in the training data first.
    pub features: Vec<String>,
    /// Inverse document frequency per feature (1.0 when weighting is TF).
    pub idf: Vec<f64>,
    index: FxHashMap<u64, u32>,
    /// Whether each feature is a character n-gram (its own block under `block_norm`).
    pub(super) char_block: Vec<bool>,
}

impl Vocabulary {
    /// Builds a vocabulary from stored strings and idf values.
    pub fn from_parts(cues: Cues, features: Vec<String>, idf: Vec<f64>) -> Result<Self> {
        if features.len() != idf.len() {
            return Err(StanceError::Data(format!(
                "{} features but {} idf values",
                features.len(),
                idf.len()
            )));
        }
        let index = features
            .iter()
            .enumerate()
            .map(|(i, f)| (feature_hash(f), i as u32))
            .collect();
        let char_block = char_blocks(&features);
        Ok(Vocabulary {
            cues,
            features,
            idf,
            index,
            char_block,
        })
    }

    /// Checks that the embedding columns a model file names are where `transform` writes them:
    /// whole blocks `PREFIXemb:0` … `PREFIXemb:{dim-1}`, the shared one first, after every
    /// other feature (a damaged file is refused here rather than misread or crashing later).
    pub fn check_embedding_layout(&self, opts: &FeatureOptions) -> Result<()> {
        let is_dense = |f: &str| {
            let tail = f.rsplit_once('|').map_or(f, |(_, t)| t);
            tail.strip_prefix("emb:")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let first = self.features.iter().position(|f| is_dense(f));
        let bad = |m: &str| Err(StanceError::Data(format!("embedding columns: {m}")));
        let Some(spec) = opts.embeddings() else {
            return match first {
                Some(_) => bad("present, but the options use no embeddings"),
                None => Ok(()),
            };
        };
        let Some(first) = first else {
            return bad("missing");
        };
        let dense = &self.features[first..];
        if !dense.len().is_multiple_of(spec.dim) || dense[0] != DENSE_FIRST {
            return bad("not whole blocks after the other features, the shared block first");
        }
        for block in dense.chunks(spec.dim) {
            let prefix = &block[0][..block[0].len() - DENSE_FIRST.len()];
            if !block
                .iter()
                .enumerate()
                .all(|(d, f)| *f == format!("{prefix}emb:{d}"))
            {
                return bad(&format!(
                    "block {prefix:?} is not emb:0 … emb:{}",
                    spec.dim - 1
                ));
            }
        }
        Ok(())
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// Whether there are no features.
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// Index of a feature hash.
    pub fn get(&self, hash: u64) -> Option<u32> {
        self.index.get(&hash).copied()
    }

    /// Fits a vocabulary on training inputs with labels `y` (features in at least `min_count` rows).
    pub fn fit(inputs: &[ActorSentence], y: &[usize], opts: &FeatureOptions) -> Self {
        Self::fit_with_rows(inputs, y, opts).0
    }

    /// Like [`Vocabulary::fit`], and also returns each row's feature hashes (sorted, with
    /// repeats) so the training matrix is built without extracting features a third time.
    pub fn fit_with_rows(
        inputs: &[ActorSentence],
        y: &[usize],
        opts: &FeatureOptions,
    ) -> (Self, Vec<Vec<u64>>) {
        use rayon::prelude::*;
        let cues = if opts.actor_aware && opts.cue_count() > 0 {
            Cues::select(inputs, y, opts.cue_count())
        } else {
            Cues::default()
        };
        let per_row: Vec<Vec<u64>> = inputs
            .par_iter()
            .map(|s| {
                let mut sink = HashSink::default();
                extract(s, opts, &cues, &mut sink);
                sink.0.sort_unstable();
                sink.0
            })
            .collect();
        let df = document_frequencies(&per_row, opts.min_count);
        let names = name_features(inputs, opts, &cues, &df);
        // Most frequent first (then by string, for a stable order): the weights of the features
        // most rows use sit together in memory, which keeps them in cache during training.
        let mut features: Vec<(u32, String, u64)> = names
            .into_iter()
            .map(|(h, name)| (df[&h].0, name, h))
            .collect();
        drop(df);
        features.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let n = inputs.len() as f64;
        let mut idf: Vec<f64> = features
            .iter()
            .map(|(df, _, _)| match opts.weighting {
                Weighting::Tf => 1.0,
                Weighting::TfIdf => ((1.0 + n) / (1.0 + f64::from(*df))).ln() + 1.0,
            })
            .collect();
        // The hashes are known: build the index from them rather than hashing every name again.
        let mut index: FxHashMap<u64, u32> = features
            .iter()
            .enumerate()
            .map(|(i, (_, _, h))| (*h, i as u32))
            .collect();
        let mut features: Vec<String> = features.into_iter().map(|(_, name, _)| name).collect();
        for name in dense_names(inputs, opts) {
            index.insert(feature_hash(&name), features.len() as u32);
            features.push(name);
            idf.push(1.0);
        }
        let char_block = char_blocks(&features);
        (
            Vocabulary {
                cues,
                features,
                idf,
                index,
                char_block,
            },
            per_row,
        )
    }

    /// Weighted, L2-normalised sparse row (sorted indices) for one input, with its embedding
    /// block when the options use embeddings.
    pub fn transform(&self, input: &ActorSentence, opts: &FeatureOptions) -> (Vec<u32>, Vec<f32>) {
        let mut sink = HashSink::default();
        extract(input, opts, &self.cues, &mut sink);
        let mut row = self.transform_hashes(&sink.0, opts);
        self.append_embedding(input, opts, &mut row);
        row
    }

    /// Appends the input's sentence embedding (scaled by the spec's weight) at the shared
    /// `emb:` columns and, when the vocabulary has them, at its topic's `TOPIC|emb:` columns.
    /// Nothing when the options use no embeddings. The encoder was checked when the model was
    /// loaded or trained, so a failure here is one text the encoder could not read: that row
    /// goes without embedding features, with a warning the library's jobs return
    /// ([`crate::embed::Encoder::take_warnings`]).
    pub fn append_embedding(
        &self,
        input: &ActorSentence,
        opts: &FeatureOptions,
        row: &mut (Vec<u32>, Vec<f32>),
    ) {
        let Some(spec) = opts.embeddings() else {
            return;
        };
        // The encoder was checked when the model was loaded or trained (`prefetch_embeddings`).
        let Some(encoder) = &spec.encoder else {
            return;
        };
        let emb = match encoder.embedder().embed(input.text) {
            Ok(v) => v,
            Err(e) => {
                encoder.warn(format!("{e}; this row has no embedding features"));
                return;
            }
        };
        let topic = (!input.name.is_empty()).then(|| {
            self.get(feature_hash(&format!(
                "{}{DENSE_FIRST}",
                topic_prefix(input.name)
            )))
        });
        let starts = [self.get(feature_hash(DENSE_FIRST)), topic.flatten()];
        for start in starts.into_iter().flatten() {
            for (d, v) in emb.iter().enumerate() {
                row.0.push(start + d as u32);
                row.1.push(v * spec.weight);
            }
        }
    }

    /// Weighted, L2-normalised sparse row from a row's feature hashes (with repeats).
    pub fn transform_hashes(&self, hashes: &[u64], opts: &FeatureOptions) -> (Vec<u32>, Vec<f32>) {
        let mut idx: Vec<u32> = hashes.iter().filter_map(|h| self.get(*h)).collect();
        idx.sort_unstable();
        let mut indices = Vec::with_capacity(idx.len());
        let mut values = Vec::with_capacity(idx.len());
        for run in idx.chunk_by(|a, b| a == b) {
            let tf = run.len() as f64;
            let tf = if opts.sublinear_tf { 1.0 + tf.ln() } else { tf };
            indices.push(run[0]);
            values.push(tf * self.idf[run[0] as usize]);
        }
        if opts.block_norm() {
            // Two blocks, each normalised on its own: character n-grams, everything else.
            let mut sq = [0.0f64; 2];
            for (i, v) in indices.iter().zip(&values) {
                sq[usize::from(self.char_block[*i as usize])] += v * v;
            }
            let norm = sq.map(f64::sqrt);
            for (i, v) in indices.iter().zip(values.iter_mut()) {
                let n = norm[usize::from(self.char_block[*i as usize])];
                if n > 0.0 {
                    *v /= n;
                }
            }
        } else {
            let norm = values.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                values.iter_mut().for_each(|v| *v /= norm);
            }
        }
        (indices, values.iter().map(|&v| v as f32).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transform_is_normalised_and_sorted() {
        let inputs = vec![
            ActorSentence::locate("Paris vetoed the probe", "Paris", &[]),
            ActorSentence::locate("Rome backed the probe", "Rome", &[]),
        ];
        let opts = FeatureOptions::default();
        let v = Vocabulary::fit(&inputs, &[0, 1], &opts);
        let (i, x) = v.transform(&inputs[0], &opts);
        assert!(i.windows(2).all(|w| w[0] < w[1]));
        assert!((x.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn block_norm_normalises_chars_and_words_separately() {
        let inputs = vec![
            ActorSentence::locate("Paris vetoed the probe", "Paris", &[]),
            ActorSentence::locate("Rome backed the probe", "Rome", &[]),
        ];
        for block_norm in [false, true] {
            let chars = super::super::CharNgramParams {
                min: 2,
                max: 3,
                across: false,
                block_norm,
            };
            let opts = FeatureOptions {
                min_count: 1,
                ..FeatureOptions::default().with(super::super::Family::CharNgrams(chars))
            };
            let v = Vocabulary::fit(&inputs, &[0, 1], &opts);
            let (i, x) = v.transform(&inputs[0], &opts);
            let mut sq = [0.0; 2];
            for (i, &x) in i.iter().zip(&x) {
                sq[usize::from(v.features[*i as usize].starts_with("c:"))] +=
                    f64::from(x) * f64::from(x);
            }
            // Values are stored as f32.
            if block_norm {
                assert!(
                    (sq[0] - 1.0).abs() < 1e-6 && (sq[1] - 1.0).abs() < 1e-6,
                    "{sq:?}"
                );
            } else {
                assert!((sq[0] + sq[1] - 1.0).abs() < 1e-6 && sq[1] > 0.5, "{sq:?}");
            }
        }
    }
}
