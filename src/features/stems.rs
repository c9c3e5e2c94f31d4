//! Word stems (Snowball English): "dismisses", "dismissed" and "dismissing" become one
//! feature, so a verb the corpus has in one form ("rejected") is understood in the others
//! real copy uses ("rejects" in a headline, "rejecting" in a participle clause).

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use super::extract::{FeatureFamily, SequenceContext};
use super::{ACTOR, FeatureSink, OTHER};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Most words a thread keeps stems for before it starts afresh (news vocabulary repeats, so
/// a small cache saves most of the stemming).
const CACHE_WORDS: usize = 50_000;

thread_local! {
    static CACHE: RefCell<FxHashMap<String, Rc<str>>> = RefCell::new(FxHashMap::default());
}

/// The stem of `word`, lower-cased.
pub fn stem(word: &str) -> Rc<str> {
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(word) {
            return Rc::clone(s);
        }
        let lower = word.to_lowercase();
        let s: Rc<str> = Rc::from(stemmer().stem(&lower).as_ref());
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.to_string(), Rc::clone(&s));
        s
    })
}

/// `s:` features for every word's stem, and `sL:` / `sR:` for the stems within `window` words
/// left and right of each actor position.
pub fn emit_stems(seq: &[&str], actor_pos: &[usize], window: usize, sink: &mut impl FeatureSink) {
    let stems: Vec<Option<Rc<str>>> = seq
        .iter()
        .map(|w| (*w != ACTOR && *w != OTHER).then(|| stem(w)))
        .collect();
    for s in stems.iter().flatten() {
        sink.emit("s:", &[s]);
    }
    for &p in actor_pos {
        let lo = p.saturating_sub(window);
        for s in stems[lo..p].iter().flatten() {
            sink.emit("sL:", &[s]);
        }
        let hi = (p + 1 + window).min(stems.len());
        for s in stems[(p + 1).min(hi)..hi].iter().flatten() {
            sink.emit("sR:", &[s]);
        }
    }
}

/// The stem features of the sequence, the side-marked ones within `window` words of the actor.
pub(crate) struct Stems {
    /// Words on each side of the actor whose stems are side-marked.
    pub window: usize,
}

impl FeatureFamily for Stems {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        emit_stems(&ctx.seq, &ctx.actor_pos, self.window, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::StringSink;

    #[test]
    fn inflections_share_a_stem_and_sides_are_marked() {
        assert_eq!(stem("Dismisses"), stem("dismissed"));
        assert_eq!(&*stem("Dismisses"), "dismiss", "cached or not");
        assert_eq!(stem("rejects"), stem("rejecting"));
        let seq = ["@a", "rejects", "the", "probe", "@o", "backs"];
        let mut sink = StringSink(Vec::new());
        emit_stems(&seq, &[0], 2, &mut sink);
        assert!(sink.0.contains(&"sR:reject".to_string()), "{:?}", sink.0);
        assert!(sink.0.contains(&"s:back".to_string()));
        assert!(!sink.0.iter().any(|f| f.starts_with("sL:")));
        assert!(
            !sink.0.contains(&"sR:back".to_string()),
            "outside the window"
        );
    }
}
