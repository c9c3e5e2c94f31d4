//! Side windows and zones: the words within the window of each actor position, marked by side
//! (`L:`/`R:`, and `L1:`…`R2:` with the distance for the two nearest), and the words between
//! the actor and its neighbouring actors (`L*:`/`R*:`), a cheap stand-in for "which clause is
//! the actor's".

use super::FeatureSink;
use super::extract::{FeatureFamily, SequenceContext};

use serde::{Deserialize, Serialize};

/// Side windows: the words within `size` of the actor, marked by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowParams {
    /// Words on each side (at most [`MAX_WINDOW`](super::MAX_WINDOW)).
    pub size: usize,
}

/// Side-marked words around each actor position, and optionally its zones.
pub(crate) struct SideWindows {
    /// Words on each side.
    pub window: usize,
    /// Also the zones between the actor and the neighbouring actors.
    pub zones: bool,
}

impl FeatureFamily for SideWindows {
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink) {
        let (seq, other_pos) = (&ctx.seq, &ctx.other_pos);
        for &p in &ctx.actor_pos {
            for d in 1..=self.window {
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
            if self.zones {
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
    }
}
