//! Progress bars on the terminal for the library's long jobs: hidden under `--quiet`, when
//! stderr is not a terminal, and for a stage of fewer than 2 steps.

use indicatif::{ProgressBar, ProgressStyle};
use stance::progress::Progress;
use std::io::IsTerminal;
use std::sync::Mutex;

/// Draws one bar per stage on stderr.
pub struct Bars {
    quiet: bool,
    bar: Mutex<ProgressBar>,
}

impl Bars {
    /// Bars, or none at all when `quiet`.
    pub fn new(quiet: bool) -> Bars {
        Bars {
            quiet,
            bar: Mutex::new(ProgressBar::hidden()),
        }
    }

    fn bar(&self) -> std::sync::MutexGuard<'_, ProgressBar> {
        self.bar.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Progress for Bars {
    fn start(&self, stage: &str, steps: u64) {
        let pb = if self.quiet || steps < 2 || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let pb = ProgressBar::new(steps);
            if let Ok(style) =
                ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} {elapsed}")
            {
                pb.set_style(style.progress_chars("=> "));
            }
            pb.set_message(stage.to_string());
            pb
        };
        *self.bar() = pb;
    }

    fn step(&self) {
        self.bar().inc(1);
    }

    fn finish(&self) {
        self.bar().finish_and_clear();
    }
}
