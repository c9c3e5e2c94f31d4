//! Where features go: a [`FeatureSink`] receives each feature as a prefix and parts, to be
//! joined with spaces and lower-cased. [`HashSink`] hashes them on the fly (FNV-1a, streaming
//! the bytes so the hash of the parts equals the hash of the joined string, and prediction
//! builds no string per feature); [`StringSink`] keeps the strings, for vocabularies and
//! explanations.

use fnv::FnvHasher;
use std::hash::Hasher;

/// Receives features as (prefix, parts) to be joined with spaces and lower-cased.
pub trait FeatureSink {
    /// One feature.
    fn emit(&mut self, prefix: &str, parts: &[&str]);
}

/// Hash of a feature; equal to [`feature_hash`] of its joined string.
pub(crate) fn hash_parts(prefix: &str, parts: &[&str]) -> u64 {
    let mut h = FnvHasher::default();
    h.write(prefix.as_bytes());
    let mut buf = [0u8; 4];
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.write(b" ");
        }
        if p.is_ascii() {
            for b in p.bytes() {
                h.write(&[b.to_ascii_lowercase()]);
            }
        } else {
            for c in p.chars().flat_map(char::to_lowercase) {
                h.write(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    h.finish()
}

/// Hash of a feature string, as stored in the vocabulary.
pub fn feature_hash(feature: &str) -> u64 {
    let mut h = FnvHasher::default();
    h.write(feature.as_bytes());
    h.finish()
}

/// The feature string of (prefix, parts): the parts lower-cased, joined with spaces.
pub(crate) fn join_parts(prefix: &str, parts: &[&str]) -> String {
    let mut s = String::from(prefix);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.extend(p.chars().flat_map(char::to_lowercase));
    }
    s
}

/// Collects feature hashes.
#[derive(Debug, Default)]
pub struct HashSink(pub Vec<u64>);

impl FeatureSink for HashSink {
    fn emit(&mut self, prefix: &str, parts: &[&str]) {
        self.0.push(hash_parts(prefix, parts));
    }
}

/// Collects feature strings (for vocabularies and explanations).
#[derive(Debug, Default)]
pub struct StringSink(pub Vec<String>);

impl FeatureSink for StringSink {
    fn emit(&mut self, prefix: &str, parts: &[&str]) {
        self.0.push(join_parts(prefix, parts));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_parts_equals_hash_of_string() {
        let parts = ["Äbc", "DEF", "@a"];
        assert_eq!(
            hash_parts("b:", &parts),
            feature_hash(&join_parts("b:", &parts))
        );
    }
}
