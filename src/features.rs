//! Feature stage: turn a (sentence, actor) pair into sparse bag-of-words features that know
//! where the actor sits.
//!
//! Features are strings such as `w:regretted`, `b:@a regretted`, `L:by`, `R*:blocked`, hashed
//! on the fly (FNV-1a, byte-streaming so the hash of the parts equals the hash of the joined
//! string) so that prediction allocates no string per feature. The vocabulary keeps the strings
//! for explanations.
//!
//! The actor's mention becomes `@a`, other actors' mentions `@o`; words near the actor are
//! marked by side (`L:`/`R:`), and the words between the actor and the neighbouring actors by
//! zone (`L*:`/`R*:`), a cheap stand-in for "which clause is the actor's".

use fnv::FnvHasher;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::hash::Hasher;
use std::ops::Range;

use crate::error::{Result, StanceError};
use crate::text::tokenize;

pub mod coordination;
pub mod proposal;
pub mod stems;

/// Placeholder for the actor's own mention.
pub const ACTOR: &str = "@a";
/// Placeholder for any other actor's mention.
pub const OTHER: &str = "@o";

/// How feature values are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weighting {
    /// Term frequency (1 + ln tf when sublinear).
    Tf,
    /// Term frequency × inverse document frequency.
    TfIdf,
}

/// Options of the feature extractor. Defaults were chosen by cross-validation on the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureOptions {
    /// Word n-gram orders, inclusive (1..=2 = unigrams and bigrams).
    pub word_ngrams: (usize, usize),
    /// Character n-gram orders within words, inclusive; `None` for no character n-grams.
    pub char_ngrams: Option<(usize, usize)>,
    /// Words within this distance of the actor get side-marked features (0 = none).
    pub window: usize,
    /// Mark the zones between the actor and its neighbouring actors.
    pub zones: bool,
    /// Number of cue words (χ²-selected) whose nearest occurrence left and right of the actor is a feature (0 = off).
    pub cues: usize,
    /// When the actor is not in the text, cross its name with the words (`T:` features).
    #[serde(default)]
    pub target_cross: bool,
    /// Replace actor mentions by placeholders (off: plain bag of words).
    pub actor_aware: bool,
    /// Drop features seen in fewer training rows than this.
    pub min_count: u32,
    /// Weighting scheme.
    pub weighting: Weighting,
    /// Use 1 + ln(tf) instead of tf.
    pub sublinear_tf: bool,
    /// L2-normalise the character n-gram block and the other features separately (each block
    /// gets norm 1, like concatenating two TF-IDF vectorisers) instead of as one vector, so the
    /// many character n-grams do not drown the word features.
    #[serde(default)]
    pub block_norm: bool,
    /// Character n-grams over the whole sentence (lower-cased, white space collapsed), across
    /// word boundaries and punctuation ("k:" features), instead of within words only.
    #[serde(default)]
    pub char_across: bool,
    /// When the actor is a topic rather than a name in the text (a tweet's target), words that
    /// share a stem with the topic ("feminists" for "feminist") stand for the actor, so the
    /// actor-relative features apply; the topic is also crossed with whether it is mentioned.
    #[serde(default)]
    pub target_overlap: bool,
    /// Words up to three tokens after a negation ("not", "never", "n't", …) also give `N:` features.
    #[serde(default)]
    pub negation: bool,
    /// Reported-speech features: whether the actor is the speaker ("X said", "said X",
    /// "according to X"), is inside a quotation, or the sentence quotes anyone.
    #[serde(default)]
    pub speech: bool,
    /// With `target_cross`: every feature (character n-grams included) is also emitted crossed
    /// with the topic (`name|` prefix), i.e. one shared model plus one per topic in a single fit.
    #[serde(default)]
    pub cross_all: bool,
    /// In sentences that name other actors too, the word bigrams again, marked by whether this
    /// actor is named first (`bf:`) or after another (`bl:`): the same words read differently
    /// for the subject of "X rejected a proposal by Y and Z" than for Y and Z. On by default
    /// (chosen by CV); models saved before it existed load with it off.
    #[serde(default)]
    pub role_bigrams: bool,
    /// A sentiment lexicon (word → valence): where its words stand relative to the actor, with
    /// their sign, become `V:` features (empty: none). Stored in the model with the options.
    #[serde(default)]
    pub lexicon: Lexicon,
    /// Who the actor is: its name's words, lower-cased (`id:` features), so the model can learn
    /// how the training text usually portrays a recurring actor. Off by default: it learns a
    /// prior per name, which helps only where the same names recur in new text.
    #[serde(default)]
    pub actor_identity: bool,
    /// A pretrained sentence encoder's embedding of the whole text as a dense block of
    /// features (`emb:` columns after the n-grams; with `target_cross` and `cross_all`, also
    /// one block per topic), scaled by the spec's weight. `None`: no embeddings.
    #[serde(default)]
    pub embeddings: Option<crate::embed::EmbeddingSpec>,
    /// Read a coordinated list of actors ("Russia, China and Brazil") as one mention, so each
    /// member gets the context of the whole list (see [`coordination`]). Models saved before it
    /// existed load with it off.
    #[serde(default)]
    pub coordination: bool,
    /// Whether the sentence names a proposal (an investigation, a referral, a vote…) and how
    /// near the actor (`x:proposal-none|near|far`; see [`proposal`]). Off by default: it tied
    /// in cross-validation (macro-F1 0.807 with and without). Models saved before it existed
    /// load with it off.
    #[serde(default)]
    pub proposal: bool,
    /// Word stems (`s:`, and `sL:`/`sR:` within the window of the actor; see [`stems`]), so
    /// inflections the corpus lacks read like the ones it has. Models saved before it existed
    /// load with it off.
    #[serde(default)]
    pub stems: bool,
}

/// A word-valence lexicon such as VADER's (`word<TAB>score`, e.g. `praised 2.2`), for the `V:`
/// features: each lexicon word of the sentence counts as positive or negative (flipped within
/// three tokens after a negation), strong when |score| ≥ 2, and by where it stands: within
/// three words of the actor on its left or right, within eight, or anywhere in the sentence.
///
/// ```
/// let lex = stance::features::Lexicon::parse("praised\t2.2\nslammed\t-1.9\n", "lex.tsv").unwrap();
/// assert_eq!(lex.score("Praised"), Some(2.2));
/// assert_eq!(lex.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<(String, f32)>", into = "Vec<(String, f32)>")]
pub struct Lexicon {
    entries: Vec<(String, f32)>,
    index: FxHashMap<String, f32>,
}

impl From<Vec<(String, f32)>> for Lexicon {
    fn from(mut entries: Vec<(String, f32)>) -> Self {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        let index = entries.iter().cloned().collect();
        Lexicon { entries, index }
    }
}

impl From<Lexicon> for Vec<(String, f32)> {
    fn from(l: Lexicon) -> Self {
        l.entries
    }
}

impl Lexicon {
    /// Parses `word<TAB or comma>score[…]` lines (more fields are ignored; blank lines and `#`
    /// comments skipped); words are lower-cased. `name` is used in error messages.
    pub fn parse(text: &str, name: &str) -> Result<Lexicon> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let sep = if line.contains('\t') { '\t' } else { ',' };
            let mut fields = line.split(sep);
            let word = fields.next().unwrap_or("").trim();
            let score = fields.next().map(str::trim);
            let bad = |col: usize, msg: String| {
                StanceError::csv(std::path::Path::new(name), i as u64 + 1, Some(col), msg)
            };
            let score: f32 = match score.map(str::parse::<f32>) {
                Some(Ok(v)) if v.is_finite() => v,
                _ => {
                    return Err(bad(
                        word.chars().count() + 2,
                        format!("expected WORD<TAB>SCORE, got {line:?}"),
                    ));
                }
            };
            if word.is_empty() {
                return Err(bad(1, "empty word".into()));
            }
            entries.push((word.to_lowercase(), score));
        }
        if entries.is_empty() {
            return Err(StanceError::Data(format!("{name}: no lexicon entries")));
        }
        Ok(Lexicon::from(entries))
    }

    /// Reads a lexicon file (see [`Lexicon::parse`]).
    pub fn load(path: &std::path::Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| StanceError::io(path, e))?;
        Lexicon::parse(&text, &path.display().to_string())
    }

    /// The score of `word` (any case), if listed.
    pub fn score(&self, word: &str) -> Option<f32> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            self.index.get(&word.to_lowercase()).copied()
        } else {
            self.index.get(word).copied()
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Largest actor window accepted (words on each side).
pub const MAX_WINDOW: usize = 50;

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions {
            word_ngrams: (1, 2),
            char_ngrams: None,
            window: 5,
            zones: true,
            cues: 300,
            target_cross: false,
            actor_aware: true,
            min_count: 2,
            weighting: Weighting::TfIdf,
            sublinear_tf: true,
            block_norm: false,
            char_across: false,
            target_overlap: false,
            negation: false,
            speech: false,
            role_bigrams: true,
            cross_all: false,
            lexicon: Lexicon::default(),
            actor_identity: false,
            embeddings: None,
            coordination: true,
            proposal: false,
            stems: true,
        }
    }
}

impl FeatureOptions {
    /// Checks the options make sense.
    pub fn validate(&self) -> Result<()> {
        let (a, b) = self.word_ngrams;
        if a == 0 || b < a || b > 5 {
            return Err(StanceError::Params(format!(
                "word n-grams {a}..{b}: need 1 <= min <= max <= 5"
            )));
        }
        if let Some((a, b)) = self.char_ngrams
            && (a == 0 || b < a || b > 8)
        {
            return Err(StanceError::Params(format!(
                "char n-grams {a}..{b}: need 1 <= min <= max <= 8"
            )));
        }
        if self.min_count == 0 {
            return Err(StanceError::Params("min count must be at least 1".into()));
        }
        if let Some(e) = &self.embeddings {
            if e.dim == 0 || e.dim > 100_000 || !(e.weight.is_finite() && e.weight > 0.0) {
                return Err(StanceError::Params(format!(
                    "embeddings: {} dimensions at weight {}: need 1 to 100000 dimensions and \
                     a positive weight",
                    e.dim, e.weight
                )));
            }
            if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(StanceError::Params(
                    "embeddings: the encoder's sha256 is not 64 hex digits".into(),
                ));
            }
        }
        // The extractor walks the window word by word: bound it (a damaged model file with a
        // window of 2^60 would otherwise hang; found by fuzzing the binary model form).
        if self.window > MAX_WINDOW {
            return Err(StanceError::Params(format!(
                "window {}: at most {MAX_WINDOW} words",
                self.window
            )));
        }
        Ok(())
    }
}

/// One input to the extractor: a sentence, where the actor is named, where the others are.
#[derive(Debug, Clone)]
pub struct ActorSentence<'a> {
    /// The sentence.
    pub text: &'a str,
    /// Byte ranges of the actor's mentions (may be empty when not found).
    pub actor: Vec<Range<usize>>,
    /// Byte ranges of other actors' mentions.
    pub others: Vec<Range<usize>>,
    /// The actor (or target topic) as given, used when it is not mentioned in the text.
    pub name: &'a str,
}

impl<'a> ActorSentence<'a> {
    /// Locates `actor` in `text` (whole-word, case-sensitive, then case-insensitive) and marks
    /// `others` — mentions of other actors — that do not overlap it.
    pub fn locate(text: &'a str, actor: &'a str, others: &[Range<usize>]) -> Self {
        let mut spans = find_whole_word(text, actor);
        if spans.is_empty() {
            spans = find_whole_word(&text.to_lowercase(), &actor.to_lowercase())
                .into_iter()
                .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
                .collect();
        }
        Self::at(text, actor, spans, others)
    }

    /// The actor at known byte ranges `spans` (e.g. from a data set's offsets); `others` that
    /// overlap them are dropped.
    pub fn at(
        text: &'a str,
        name: &'a str,
        mut spans: Vec<Range<usize>>,
        others: &[Range<usize>],
    ) -> Self {
        spans.sort_by_key(|r| (r.start, r.end));
        let others = others
            .iter()
            .filter(|o| !spans.iter().any(|s| crate::actors::span::overlaps(s, o)))
            .cloned()
            .collect();
        ActorSentence {
            text,
            actor: spans,
            others,
            name,
        }
    }
}

/// Whole-word occurrences of `needle` in `hay`.
pub fn find_whole_word(hay: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle)
        .filter(|(i, _)| {
            let before = hay[..*i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(i, _)| i..i + needle.len())
        .collect()
}

/// Receives features as (prefix, parts) to be joined with spaces and lower-cased.
pub trait FeatureSink {
    /// One feature.
    fn emit(&mut self, prefix: &str, parts: &[&str]);
}

/// Hash of a feature; equal to [`feature_hash`] of its joined string.
fn hash_parts(prefix: &str, parts: &[&str]) -> u64 {
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

fn join_parts(prefix: &str, parts: &[&str]) -> String {
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

/// Function words never chosen as cues: they co-occur with labels through the constructions
/// around them ("called for *a* probe"), not on their own, and would crowd out content words.
/// A fixed English list, as in every bag-of-words toolkit.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "over",
    "and", "or", "but", "as", "that", "this", "these", "those", "it", "its", "he", "she", "his",
    "her", "they", "their", "them", "we", "our", "i", "you", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "could", "should",
    "may", "might", "can", "s", "said", "says", "which", "who", "whom", "what", "when", "where",
    "while", "after", "before", "about", "than", "then", "there", "also", "on", "up", "out", "not",
    "no", "if", "so", "such", "any", "all", "some", "one", "two", "new", "its",
];

/// Cue words: the words most associated with the labels in the training data (chosen by χ²
/// when the vocabulary is fitted). For each actor mention, the nearest cue on each side is a
/// feature, marked when another actor stands in between — a learned stand-in for "the verb
/// this actor governs", robust to appositives and long clauses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cues {
    /// The cue words (lower case), sorted.
    pub words: Vec<String>,
    hashes: rustc_hash::FxHashSet<u64>,
}

impl Cues {
    /// Cues from stored words.
    pub fn new(words: Vec<String>) -> Self {
        let hashes = words.iter().map(|w| hash_parts("", &[w])).collect();
        Cues { words, hashes }
    }

    fn contains(&self, token: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&hash_parts("", &[token]))
    }

    /// The `n` words most associated with the labels `y` by χ² (document frequency ≥ 3).
    pub fn select(inputs: &[ActorSentence], y: &[usize], n: usize) -> Cues {
        use rayon::prelude::*;
        let k = y.iter().max().map_or(0, |m| m + 1);
        let mut class_total = vec![0.0; k];
        for &c in y {
            class_total[c] += 1.0;
        }
        // Per chunk of rows (in parallel): for each lower-cased word, its row count per label,
        // keyed by the word's hash; the word itself is kept once per chunk. Counts are whole
        // numbers, so merging the chunks in any order gives the same result.
        type Counts = FxHashMap<u64, (String, Vec<u32>)>;
        let chunks: Vec<Counts> = inputs
            .par_chunks(4096)
            .zip(y.par_chunks(4096))
            .map(|(rows, labels)| {
                let mut counts = Counts::default();
                let mut seen: Vec<u64> = Vec::new();
                for (s, &c) in rows.iter().zip(labels) {
                    seen.clear();
                    for t in tokenize(s.text) {
                        let h = hash_parts("", &[t.text]);
                        if seen.contains(&h) {
                            continue;
                        }
                        seen.push(h);
                        counts
                            .entry(h)
                            .or_insert_with(|| (t.text.to_lowercase(), vec![0; k]))
                            .1[c] += 1;
                    }
                }
                counts
            })
            .collect();
        let mut counts = Counts::default();
        for chunk in chunks {
            for (h, (word, c)) in chunk {
                let e = counts.entry(h).or_insert_with(|| (word, vec![0; k]));
                e.1.iter_mut().zip(&c).for_each(|(a, b)| *a += b);
            }
        }
        let total: f64 = class_total.iter().sum();
        let mut scored: Vec<(f64, String)> = counts
            .into_values()
            .filter(|(w, c)| {
                c.iter().sum::<u32>() >= 3
                    && w.chars().any(char::is_alphabetic)
                    && !STOPWORDS.contains(&w.as_str())
            })
            .map(|(w, c)| {
                let df = f64::from(c.iter().sum::<u32>());
                let chi2: f64 = (0..k)
                    .map(|j| {
                        let expected = df * class_total[j] / total;
                        (f64::from(c[j]) - expected).powi(2) / expected.max(1e-9)
                    })
                    .sum();
                (chi2, w)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut words: Vec<String> = scored.into_iter().take(n).map(|(_, w)| w).collect();
        words.sort();
        Cues::new(words)
    }
}

/// Emits the features of one (sentence, actor) pair into `sink`.
///
/// ```
/// use stance::features::{extract, ActorSentence, FeatureOptions, StringSink};
/// let s = ActorSentence::locate("Paris vetoed the probe", "Paris", &[]);
/// let mut sink = StringSink::default();
/// extract(&s, &FeatureOptions::default(), &Default::default(), &mut sink);
/// assert!(sink.0.contains(&"b:@a vetoed".to_string()));
/// assert!(sink.0.contains(&"R:vetoed".to_string()));
/// ```
pub fn extract(
    input: &ActorSentence,
    opts: &FeatureOptions,
    cues: &Cues,
    sink: &mut impl FeatureSink,
) {
    if opts.cross_all && opts.target_cross && !input.name.is_empty() {
        /// Emits each feature as is and crossed with the topic.
        struct Crossed<'s, S> {
            inner: &'s mut S,
            name: String,
            prefix: String,
        }
        impl<S: FeatureSink> FeatureSink for Crossed<'_, S> {
            fn emit(&mut self, prefix: &str, parts: &[&str]) {
                self.inner.emit(prefix, parts);
                self.prefix.truncate(self.name.len());
                self.prefix.push_str(prefix);
                self.inner.emit(&self.prefix, parts);
            }
        }
        let name = topic_prefix(input.name);
        let mut crossed = Crossed {
            inner: sink,
            prefix: name.clone(),
            name,
        };
        return extract_features(input, opts, cues, &mut crossed);
    }
    extract_features(input, opts, cues, sink)
}

fn extract_features(
    input: &ActorSentence,
    opts: &FeatureOptions,
    cues: &Cues,
    sink: &mut impl FeatureSink,
) {
    // Token sequence with mentions collapsed to placeholders; remember where the actor is.
    let mut seq: Vec<&str> = Vec::new();
    let mut actor_pos: Vec<usize> = Vec::new();
    let mut other_pos: Vec<usize> = Vec::new();
    let mut last_mention: Option<(bool, usize)> = None; // (is actor, mention start)
    // Byte offset in the text of each actor position, for the reported-speech features.
    let mut actor_at: Vec<usize> = Vec::new();
    // A topic target (not a mention): the words of its name that text words may share a stem with.
    let topic: Vec<String> = if opts.target_overlap && opts.actor_aware && input.actor.is_empty() {
        topic_words(input.name)
    } else {
        Vec::new()
    };
    // Mentions as the extractor reads them: with `coordination`, a list of actors is one.
    let (actor_spans, other_spans): (Cow<[Range<usize>]>, Cow<[Range<usize>]>) =
        if opts.coordination && opts.actor_aware && !input.others.is_empty() {
            let groups = coordination::group_mentions(input.text, &input.actor, &input.others);
            let (a, o): (Vec<_>, Vec<_>) = groups.into_iter().partition(|g| g.is_actor);
            (
                Cow::Owned(a.into_iter().map(|g| g.span).collect()),
                Cow::Owned(o.into_iter().map(|g| g.span).collect()),
            )
        } else {
            (Cow::Borrowed(&input.actor), Cow::Borrowed(&input.others))
        };
    for t in tokenize(input.text) {
        if opts.actor_aware {
            let mid = t.span.0;
            let inside = |spans: &[Range<usize>]| {
                spans
                    .iter()
                    .find(|r| r.start <= mid && mid < r.end)
                    .map(|r| r.start)
            };
            // "Washington's" is one token; keep the possessive after the placeholder.
            let possessive = matches!(t.text.get(t.text.len().saturating_sub(2)..), Some("'s"))
                || t.text.ends_with("’s");
            for (spans, is_actor) in [(&actor_spans, true), (&other_spans, false)] {
                if let Some(start) = inside(spans) {
                    if last_mention != Some((is_actor, start)) {
                        if is_actor {
                            actor_pos.push(seq.len());
                            actor_at.push(start);
                        } else {
                            other_pos.push(seq.len())
                        }
                        seq.push(if is_actor { ACTOR } else { OTHER });
                        last_mention = Some((is_actor, start));
                    }
                    if possessive {
                        seq.push("'s");
                    }
                    break;
                }
            }
            if last_mention.is_some() && inside(&actor_spans).or(inside(&other_spans)).is_some() {
                continue;
            }
            if !topic.is_empty() && shares_stem(t.text, &topic) {
                actor_pos.push(seq.len());
                actor_at.push(t.span.0);
                seq.push(ACTOR);
                last_mention = None;
                continue;
            }
        }
        last_mention = None;
        seq.push(t.text);
    }

    let (lo, hi) = opts.word_ngrams;
    for n in lo..=hi {
        let prefix = match n {
            1 => "w:",
            2 => "b:",
            3 => "t:",
            _ => "n:",
        };
        for gram in seq.windows(n) {
            sink.emit(prefix, gram);
        }
    }

    if opts.negation {
        // Words in the scope of a negation: up to three tokens after it.
        let mut scope = 0;
        for w in &seq {
            if scope > 0 {
                sink.emit("N:", &[w]);
                scope -= 1;
            }
            if is_negation(w) {
                scope = 3;
            }
        }
    }

    if let (Some(orders), true) = (opts.char_ngrams, opts.char_across) {
        emit_char_ngrams("k:", &char_stream(input, opts.actor_aware), orders, sink);
    } else if let Some(orders) = opts.char_ngrams {
        let mut word = String::new();
        for w in seq.iter().filter(|w| **w != ACTOR && **w != OTHER) {
            word.clear();
            word.push('<');
            word.extend(w.chars().flat_map(char::to_lowercase));
            word.push('>');
            emit_char_ngrams("c:", &word, orders, sink);
        }
    }

    if !opts.lexicon.is_empty() {
        emit_lexicon(&seq, &actor_pos, &opts.lexicon, sink);
    }

    if !opts.actor_aware {
        return;
    }
    if opts.target_overlap && input.actor.is_empty() && !input.name.is_empty() {
        let found = if actor_pos.is_empty() {
            "absent"
        } else {
            "mentioned"
        };
        sink.emit("x:", &["topic", found]);
        sink.emit("TO:", &[input.name, found]);
    }
    if actor_pos.is_empty() || (opts.target_overlap && !topic.is_empty()) {
        if actor_pos.is_empty() {
            sink.emit("x:", &["no-actor"]);
        }
        if opts.target_cross && !input.name.is_empty() {
            // The target is a topic, not a mention (a tweet's subject, a claim): cross it with
            // the words, so each target learns its own vocabulary of stance.
            let name = input.name;
            for w in seq.iter().filter(|w| **w != OTHER) {
                sink.emit("T:", &[name, w]);
            }
            for gram in seq.windows(2) {
                sink.emit("TB:", &[name, gram[0], gram[1]]);
            }
        }
        if actor_pos.is_empty() {
            return;
        }
    }
    if opts.actor_identity {
        for w in input.name.split_whitespace() {
            sink.emit("id:", &[&w.to_lowercase()]);
        }
    }
    if opts.speech {
        let speaks = actor_pos.iter().any(|&p| {
            seq[p + 1..(p + 4).min(seq.len())]
                .iter()
                .any(|w| is_speech_verb(w))
                || (p >= 1 && is_speech_verb(seq[p - 1]))
                || (p >= 2
                    && seq[p - 2].eq_ignore_ascii_case("according")
                    && seq[p - 1].eq_ignore_ascii_case("to"))
        });
        let quoted = actor_at.iter().any(|&b| inside_quote(&input.text[..b]));
        let has_quote = input.text.contains(['"', '“', '”']);
        let state = if speaks {
            "speaker"
        } else if quoted {
            "in-quote"
        } else if has_quote {
            "outside-quote"
        } else {
            "no-quote"
        };
        sink.emit("x:", &["speech", state]);
    }
    for &p in &actor_pos {
        for d in 1..=opts.window {
            // Side-marked words, and for the two nearest also their distance ("R1:rejected").
            const NEAR: [(&str, &str); 2] = [("L1:", "R1:"), ("L2:", "R2:")];
            if p >= d {
                sink.emit("L:", &[seq[p - d]]);
                if d <= 2 {
                    sink.emit(NEAR[d - 1].0, &[seq[p - d]]);
                }
            }
            if p + d < seq.len() {
                sink.emit("R:", &[seq[p + d]]);
                if d <= 2 {
                    sink.emit(NEAR[d - 1].1, &[seq[p + d]]);
                }
            }
        }
        if opts.zones {
            let prev = other_pos
                .iter()
                .rev()
                .find(|&&o| o < p)
                .map_or(0, |&o| o + 1);
            let next = other_pos
                .iter()
                .find(|&&o| o > p)
                .copied()
                .unwrap_or(seq.len());
            for w in &seq[prev..p] {
                sink.emit("L*:", &[w]);
            }
            for w in &seq[p + 1..next] {
                sink.emit("R*:", &[w]);
            }
        }
    }
    for &p in &actor_pos {
        for (dir, range) in [
            (
                ">",
                Box::new(p + 1..seq.len()) as Box<dyn Iterator<Item = usize>>,
            ),
            ("<", Box::new((0..p).rev())),
        ] {
            let mut blocked = false;
            let mut found = 0;
            for q in range {
                if seq[q] == OTHER {
                    blocked = true;
                } else if seq[q] != ACTOR && cues.contains(seq[q]) {
                    if found == 0 {
                        sink.emit(if dir == ">" { "C>:" } else { "C<:" }, &[seq[q]]);
                        if blocked {
                            sink.emit(if dir == ">" { "C>o:" } else { "C<o:" }, &[seq[q]]);
                        }
                    } else {
                        sink.emit(if dir == ">" { "C>2:" } else { "C<2:" }, &[seq[q]]);
                    }
                    found += 1;
                    if found == 2 {
                        break;
                    }
                }
            }
        }
    }
    if opts.stems {
        stems::emit_stems(&seq, &actor_pos, opts.window, sink);
    }
    if opts.proposal {
        sink.emit("x:", &[proposal::proposal_state(&seq, &actor_pos)]);
    }
    let first = actor_pos[0] < other_pos.first().copied().unwrap_or(usize::MAX);
    sink.emit("x:", &[if first { "actor-first" } else { "actor-later" }]);
    if opts.role_bigrams && !other_pos.is_empty() {
        let prefix = if first { "bf:" } else { "bl:" };
        for gram in seq.windows(2) {
            sink.emit(prefix, gram);
        }
    }
    sink.emit(
        "x:",
        &[match other_pos.len() {
            0 => "others-0",
            1 => "others-1",
            _ => "others-2+",
        }],
    );
    if actor_pos[0] == 0 {
        sink.emit("x:", &["actor-starts"]);
    }
}

/// The `V:` features: every lexicon word of `seq` by sign (flipped within three tokens after a
/// negation), strength and place relative to the nearest actor position (`S` = elsewhere, or
/// no actor in the text).
fn emit_lexicon(seq: &[&str], actor_pos: &[usize], lexicon: &Lexicon, sink: &mut impl FeatureSink) {
    let mut negated = 0u8;
    for (q, w) in seq.iter().enumerate() {
        if let Some(v) = lexicon.score(w).filter(|_| *w != ACTOR && *w != OTHER) {
            let v = if negated > 0 { -v } else { v };
            let sign = if v > 0.0 { "+" } else { "-" };
            // Distance and side to the nearest mention of the actor.
            let p = actor_pos.iter().copied().min_by_key(|&p| p.abs_diff(q));
            let near = p.map_or(usize::MAX, |p| p.abs_diff(q));
            let side = if p.is_some_and(|p| p < q) { "R" } else { "L" };
            let zone = match near {
                0..=3 => [side, "3"].concat(),
                4..=8 => [side, "8"].concat(),
                _ => "S".to_string(),
            };
            for z in [zone.as_str(), "all"] {
                sink.emit("V:", &[z, sign]);
                if v.abs() >= 2.0 {
                    sink.emit("V:", &[z, sign, "strong"]);
                }
            }
        }
        negated = if is_negation(w) {
            3
        } else {
            negated.saturating_sub(1)
        };
    }
}

/// Every character n-gram of `text` with `min..=max` characters, as `prefix` features.
fn emit_char_ngrams(
    prefix: &str,
    text: &str,
    (min, max): (usize, usize),
    sink: &mut impl FeatureSink,
) {
    let idx: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let nchars = idx.len() - 1;
    for n in min..=max.min(nchars) {
        for s in 0..=nchars - n {
            sink.emit(prefix, &[&text[idx[s]..idx[s + n]]]);
        }
    }
}

/// Lower-case words (3+ characters) of a topic name ("climate change" → climate, change).
fn topic_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Whether `token` shares a stem with one of the topic words: it starts with the whole word
/// ("ClimateChange" for "climate") or both share their first five characters ("feminists",
/// "feminism" for "feminist"; "atheists" for "atheism").
fn shares_stem(token: &str, topic: &[String]) -> bool {
    let t = token.to_lowercase();
    topic.iter().any(|w| {
        t.starts_with(w.as_str())
            || t.chars().zip(w.chars()).take_while(|(a, b)| a == b).count() >= 5
    })
}

/// Negation words whose scope is the next few tokens.
fn is_negation(w: &str) -> bool {
    const NEG: &[&str] = &[
        "not", "no", "never", "nor", "neither", "without", "nobody", "nothing", "none", "cannot",
    ];
    NEG.iter().any(|n| w.eq_ignore_ascii_case(n)) || w.ends_with("n't") || w.ends_with("n’t")
}

/// Verbs of saying that make the adjacent actor the speaker.
fn is_speech_verb(w: &str) -> bool {
    const SAY: &[&str] = &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "argued",
        "argues",
        "claimed",
        "claims",
        "stated",
        "states",
        "tweeted",
        "tweets",
        "insisted",
        "explained",
        "noted",
        "asked",
        "replied",
        "responded",
        "announced",
        "declared",
        "warned",
        "testified",
        "acknowledged",
        "admitted",
    ];
    SAY.iter().any(|v| w.eq_ignore_ascii_case(v))
}

/// Whether the end of `before` lies inside a quotation: more “ than ” so far, or an odd
/// number of straight double quotes.
fn inside_quote(before: &str) -> bool {
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    open > close || before.matches('"').count() % 2 == 1
}

/// The sentence for character n-grams across words: lower-cased, white space collapsed to
/// one space, padded with a space at each end; actor mentions become `@a`, others `@o`.
fn char_stream(input: &ActorSentence, actor_aware: bool) -> String {
    let mut out = String::with_capacity(input.text.len() + 2);
    out.push(' ');
    let mut skip_to = 0;
    for (i, c) in input.text.char_indices() {
        if i < skip_to {
            continue;
        }
        if actor_aware {
            let span = [(&input.actor, ACTOR), (&input.others, OTHER)]
                .into_iter()
                .find_map(|(spans, p)| spans.iter().find(|r| r.start == i).map(|r| (r.end, p)));
            if let Some((end, p)) = span {
                out.push_str(p);
                skip_to = end;
                continue;
            }
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

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

/// The prefix of a feature crossed with the actor's topic (`--cross-all`): its name,
/// lower-cased, and `|`.
fn topic_prefix(name: &str) -> String {
    format!("{}|", name.to_lowercase())
}

/// Name of the first embedding column (`emb:0` … `emb:{dim-1}`; per topic `TOPIC|emb:0` …).
const DENSE_FIRST: &str = "emb:0";

/// Names of the embedding columns a vocabulary fitted on `inputs` gets: the shared block, and
/// with `target_cross` + `cross_all` one block per topic (named as the crossed n-grams name
/// it: lower-cased), for topics of at least 10 rows only — a dense block costs `dim` columns
/// per topic, where a crossed n-gram costs one per use.
fn dense_names(inputs: &[ActorSentence], opts: &FeatureOptions) -> Vec<String> {
    let Some(spec) = &opts.embeddings else {
        return Vec::new();
    };
    let mut prefixes = vec![String::new()];
    if opts.target_cross && opts.cross_all {
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
    char_block: Vec<bool>,
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
        let Some(spec) = &opts.embeddings else {
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
        let cues = if opts.actor_aware && opts.cues > 0 {
            Cues::select(inputs, y, opts.cues)
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
        // Document frequency and the first row of each hash, counted in parallel: each of 8
        // shards owns the hashes whose top three bits name it and scans every row in order, so
        // a shard's counts and first rows are exact and nothing depends on the thread count.
        const SHARDS: u64 = 8;
        let shards: Vec<FxHashMap<u64, (u32, u32)>> = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let mut df: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
                for (i, row) in per_row.iter().enumerate() {
                    for run in row.chunk_by(|a, b| a == b) {
                        if run[0] >> 61 == shard {
                            df.entry(run[0]).or_insert((0, i as u32)).0 += 1;
                        }
                    }
                }
                df.retain(|_, (c, _)| *c >= opts.min_count);
                df
            })
            .collect();
        let mut df: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        df.reserve(shards.iter().map(|s| s.len()).sum());
        for shard in shards {
            df.extend(shard);
        }
        // Name the kept hashes: each is named once, from the row where it first occurs, so only
        // those rows are extracted again and no string is built twice.
        struct NamingSink<'a> {
            keep: &'a FxHashMap<u64, (u32, u32)>,
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
        let mut first_rows: Vec<u32> = df.values().map(|&(_, first)| first).collect();
        first_rows.sort_unstable();
        first_rows.dedup();
        let names: Vec<(u64, String)> = first_rows
            .par_iter()
            .flat_map_iter(|&row| {
                let mut sink = NamingSink {
                    keep: &df,
                    row,
                    names: Vec::new(),
                };
                extract(&inputs[row as usize], opts, &cues, &mut sink);
                sink.names
            })
            .collect();
        // Most frequent first (then by string, for a stable order): the weights of the features
        // most rows use sit together in memory, which keeps them in cache during training.
        let mut features: Vec<(u32, String, u64)> = names
            .into_iter()
            .map(|(h, name)| (df[&h].0, name, h))
            .collect();
        drop(df);
        features.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let n = inputs.len() as f64;
        let idf: Vec<f64> = features
            .iter()
            .map(|(df, _, _)| match opts.weighting {
                Weighting::Tf => 1.0,
                Weighting::TfIdf => ((1.0 + n) / (1.0 + f64::from(*df))).ln() + 1.0,
            })
            .collect();
        // The hashes are known: build the index from them rather than hashing every name again.
        let index: FxHashMap<u64, u32> = features
            .iter()
            .enumerate()
            .map(|(i, (_, _, h))| (*h, i as u32))
            .collect();
        let mut features: Vec<String> = features.into_iter().map(|(_, name, _)| name).collect();
        let mut idf = idf;
        let mut index = index;
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
    /// ([`crate::embed::take_warnings`]).
    pub fn append_embedding(
        &self,
        input: &ActorSentence,
        opts: &FeatureOptions,
        row: &mut (Vec<u32>, Vec<f32>),
    ) {
        let Some(spec) = &opts.embeddings else {
            return;
        };
        let emb = match crate::embed::embedder_for(spec).and_then(|e| e.embed(input.text)) {
            Ok(v) => v,
            Err(e) => {
                crate::embed::warn(format!("{e}; this row has no embedding features"));
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
        if opts.block_norm {
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

    fn strings(text: &str, actor: &str, others: &[&str]) -> Vec<String> {
        let other_spans: Vec<_> = others
            .iter()
            .flat_map(|o| find_whole_word(text, o))
            .collect();
        let s = ActorSentence::locate(text, actor, &other_spans);
        let mut sink = StringSink::default();
        extract(&s, &FeatureOptions::default(), &Cues::default(), &mut sink);
        sink.0
    }

    #[test]
    fn same_sentence_differs_by_actor() {
        let t = "Lavrov regretted the US opposition to the inspection";
        let a = strings(t, "Lavrov", &["US"]);
        let b = strings(t, "US", &["Lavrov"]);
        assert!(a.contains(&"b:@a regretted".to_string()));
        assert!(b.contains(&"b:@a opposition".to_string()));
        // Role bigrams: the same bigram, marked by whether the actor is named first.
        assert!(a.contains(&"bf:regretted the".to_string()));
        assert!(b.contains(&"bl:regretted the".to_string()));
        assert!(!a.iter().any(|f| f.starts_with("bl:")));
        assert_ne!(a, b);
    }

    #[test]
    fn role_bigrams_need_another_actor_and_are_off_in_older_models() {
        assert!(
            !strings("Peru rejected it", "Peru", &[])
                .iter()
                .any(|f| f.starts_with("bf:"))
        );
        let old: FeatureOptions = serde_json::from_str(
            r#"{"word_ngrams":[1,2],"char_ngrams":null,"window":5,"zones":true,"cues":300,
            "target_cross":false,"actor_aware":true,"min_count":2,"weighting":"tf-idf",
            "sublinear_tf":true}"#,
        )
        .unwrap();
        assert!(!old.role_bigrams && FeatureOptions::default().role_bigrams);
    }

    #[test]
    fn actor_identity_names_the_actor_only_when_asked() {
        let text = "President Trump praised Pelosi";
        let spans = find_whole_word(text, "Pelosi");
        let s = ActorSentence::locate(text, "President Trump", &spans);
        let ids = |opts: &FeatureOptions| {
            let mut sink = StringSink::default();
            extract(&s, opts, &Cues::default(), &mut sink);
            let mut ids: Vec<String> = sink
                .0
                .into_iter()
                .filter(|f| f.starts_with("id:"))
                .collect();
            ids.sort();
            ids
        };
        assert!(ids(&FeatureOptions::default()).is_empty());
        let opts = FeatureOptions {
            actor_identity: true,
            ..FeatureOptions::default()
        };
        assert_eq!(ids(&opts), ["id:president", "id:trump"]);
    }

    #[test]
    fn hash_of_parts_equals_hash_of_string() {
        let parts = ["Äbc", "DEF", "@a"];
        assert_eq!(
            hash_parts("b:", &parts),
            feature_hash(&join_parts("b:", &parts))
        );
    }

    #[test]
    fn possessive_survives_the_placeholder_and_cues_skip_other_actors() {
        let t = "Lavrov regretted Washington's opposition";
        let spans = find_whole_word(t, "Lavrov");
        let s = ActorSentence::locate(t, "Washington", &spans);
        let cues = Cues::new(vec!["opposition".into(), "regretted".into()]);
        let mut sink = StringSink::default();
        extract(&s, &FeatureOptions::default(), &cues, &mut sink);
        assert!(sink.0.contains(&"b:@a 's".to_string()), "{:?}", sink.0);
        assert!(
            sink.0.contains(&"C>:opposition".to_string())
                && sink.0.contains(&"C<:regretted".to_string())
        );
        let s = ActorSentence::locate(t, "Lavrov", &find_whole_word(t, "Washington"));
        let mut sink = StringSink::default();
        extract(&s, &FeatureOptions::default(), &cues, &mut sink);
        assert!(
            sink.0.contains(&"C>:regretted".to_string())
                && sink.0.contains(&"C>2:opposition".to_string())
        );
    }

    #[test]
    fn multiword_actor_is_one_placeholder() {
        let f = strings("The European Union backed it", "European Union", &[]);
        assert!(f.contains(&"b:the @a".to_string()) && f.contains(&"b:@a backed".to_string()));
    }

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
    fn char_ngrams_handle_any_script() {
        let s = ActorSentence::locate("Москва отклонила расследование", "Москва", &[]);
        let opts = FeatureOptions {
            char_ngrams: Some((2, 4)),
            ..Default::default()
        };
        let mut sink = StringSink::default();
        extract(&s, &opts, &Cues::default(), &mut sink);
        assert!(sink.0.iter().any(|f| f == "c:<о"));
    }
    fn with(s: &ActorSentence, opts: &FeatureOptions) -> Vec<String> {
        let mut sink = StringSink::default();
        extract(s, opts, &Cues::default(), &mut sink);
        sink.0
    }

    fn topic<'a>(text: &'a str, name: &'a str) -> ActorSentence<'a> {
        ActorSentence {
            text,
            actor: Vec::new(),
            others: Vec::new(),
            name,
        }
    }

    #[test]
    fn old_option_files_load_with_the_new_options_off() {
        let mut v = serde_json::to_value(FeatureOptions::default()).unwrap();
        for k in [
            "block_norm",
            "char_across",
            "target_overlap",
            "negation",
            "speech",
            "cross_all",
            "target_cross",
        ] {
            v.as_object_mut().unwrap().remove(k).unwrap();
        }
        let o: FeatureOptions = serde_json::from_value(v).unwrap();
        assert_eq!(o, FeatureOptions::default());
    }

    #[test]
    fn block_norm_normalises_chars_and_words_separately() {
        let inputs = vec![
            ActorSentence::locate("Paris vetoed the probe", "Paris", &[]),
            ActorSentence::locate("Rome backed the probe", "Rome", &[]),
        ];
        for block_norm in [false, true] {
            let opts = FeatureOptions {
                char_ngrams: Some((2, 3)),
                min_count: 1,
                block_norm,
                ..Default::default()
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

    #[test]
    fn char_ngrams_across_words_see_punctuation_and_the_placeholder() {
        let s = ActorSentence::locate("Paris  vetoed it!!", "Paris", &[]);
        let opts = FeatureOptions {
            char_ngrams: Some((3, 4)),
            char_across: true,
            ..Default::default()
        };
        let f = with(&s, &opts);
        for want in ["k:@a v", "k:d it", "k:t!! ", "k: @a "] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        assert!(!f.iter().any(|x| x.contains("par")), "{f:?}");
        assert!(!f.iter().any(|x| x.starts_with("c:")));
    }

    #[test]
    fn topic_words_stand_for_the_actor_when_they_share_its_stem() {
        assert!(shares_stem("ClimateChange", &topic_words("climate")));
        assert!(shares_stem("feminists", &topic_words("feminist")));
        assert!(!shares_stem("climb", &topic_words("climate")));
        let opts = FeatureOptions {
            target_overlap: true,
            target_cross: true,
            ..Default::default()
        };
        let f = with(&topic("I support feminists everywhere", "feminist"), &opts);
        for want in [
            "L1:support",
            "b:support @a",
            "TO:feminist mentioned",
            "T:feminist support",
        ] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        assert!(!f.contains(&"x:no-actor".to_string()));
        let f = with(&topic("Equal pay now", "feminist"), &opts);
        assert!(
            f.contains(&"x:no-actor".to_string()) && f.contains(&"TO:feminist absent".to_string())
        );
        // Off: the topic word stays a word.
        let f = with(
            &topic("I support feminists", "feminist"),
            &FeatureOptions::default(),
        );
        assert!(f.contains(&"w:feminists".to_string()) && !f.iter().any(|x| x.starts_with("L")));
    }

    #[test]
    fn lexicon_words_count_by_side_distance_and_negation() {
        let opts = FeatureOptions {
            lexicon: Lexicon::parse("praised\t2.2\nfailed\t-1.5\ngood\t1.9\n", "t").unwrap(),
            ..Default::default()
        };
        let text = "Aides praised Smith, but critics said the plan had failed and was not good";
        let f = with(&ActorSentence::locate(text, "Smith", &[]), &opts);
        let has = |x: &str| f.iter().any(|g| g == x);
        // "praised" right before the actor, strong; "failed" seven words to its right; "not
        // good" further away, flipped to negative.
        assert!(has("V:l3 + strong") && has("V:l3 +"), "{f:?}");
        assert!(has("V:r8 -") && has("V:s -") && !has("V:s +"), "{f:?}");
        assert_eq!(f.iter().filter(|g| *g == "V:all -").count(), 2, "{f:?}");
        // Off without a lexicon.
        let plain = with(
            &ActorSentence::locate(text, "Smith", &[]),
            &FeatureOptions::default(),
        );
        assert!(!plain.iter().any(|g| g.starts_with("V:")));
    }

    #[test]
    fn lexicon_files_are_checked_and_old_models_have_none() {
        let lex = Lexicon::parse("# VADER\nGood\t1.9\tx\n\nbad,-2.5\n", "l.tsv").unwrap();
        assert_eq!(
            (lex.len(), lex.score("GOOD"), lex.score("bad")),
            (2, Some(1.9), Some(-2.5))
        );
        let e = Lexicon::parse("good\t1.9\nbad\tvery\n", "l.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("l.tsv:2:5"), "{e}");
        assert!(Lexicon::parse("\n# nothing\n", "l.tsv").is_err());
        let mut json = serde_json::to_value(FeatureOptions {
            lexicon: lex.clone(),
            ..Default::default()
        })
        .unwrap();
        let back: FeatureOptions = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back.lexicon, lex);
        json.as_object_mut().unwrap().remove("lexicon");
        let old: FeatureOptions = serde_json::from_value(json).unwrap();
        assert!(old.lexicon.is_empty());
    }

    #[test]
    fn negation_scope_is_three_tokens() {
        let opts = FeatureOptions {
            negation: true,
            ..Default::default()
        };
        let f = with(
            &ActorSentence::locate("They didn't really support him at all", "him", &[]),
            &opts,
        );
        assert!(f.contains(&"N:support".to_string()) && f.contains(&"N:@a".to_string()));
        assert!(!f.contains(&"N:at".to_string()) && !f.contains(&"N:they".to_string()));
        assert!(
            !with(
                &ActorSentence::locate("They didn't support him", "him", &[]),
                &FeatureOptions::default()
            )
            .iter()
            .any(|x| x.starts_with("N:"))
        );
    }

    #[test]
    fn speech_tells_speaker_quoted_and_spoken_about_apart() {
        let opts = FeatureOptions {
            speech: true,
            ..Default::default()
        };
        let state = |text: &str, actor: &str| {
            let f = with(&ActorSentence::locate(text, actor, &[]), &opts);
            f.into_iter().find(|x| x.starts_with("x:speech")).unwrap()
        };
        assert_eq!(
            state("Trump said the plan failed", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("The plan failed, said Trump", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("According to Trump, it failed", "Trump"),
            "x:speech speaker"
        );
        assert_eq!(
            state("“Trump is a disaster,” Biden wrote", "Trump"),
            "x:speech in-quote"
        );
        assert_eq!(
            state("Critics attacked Trump over his “plan”", "Trump"),
            "x:speech outside-quote"
        );
        assert_eq!(
            state("Critics attacked Trump", "Trump"),
            "x:speech no-quote"
        );
    }

    #[test]
    fn cross_all_crosses_every_feature_with_the_topic() {
        let opts = FeatureOptions {
            target_cross: true,
            cross_all: true,
            char_ngrams: Some((2, 2)),
            min_count: 1,
            ..Default::default()
        };
        let inputs = [topic("Stop it", "abortion"), topic("Go on", "abortion")];
        let f = with(&inputs[0], &opts);
        for want in [
            "w:stop",
            "abortion|w:stop",
            "c:st",
            "abortion|c:st",
            "abortion|T:abortion stop",
        ] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        let v = Vocabulary::fit(&inputs, &[0, 1], &opts);
        let char_of = |name: &str| v.char_block[v.features.iter().position(|f| f == name).unwrap()];
        assert!(char_of("abortion|c:st") && char_of("c:st") && !char_of("abortion|w:stop"));
        // Without --target-cross, nothing is crossed.
        let plain = FeatureOptions {
            target_cross: false,
            ..opts
        };
        assert!(!with(&inputs[0], &plain).iter().any(|x| x.contains('|')));
    }
}
