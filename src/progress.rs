//! Progress of the library's long jobs (tuning, cross-validation, classifying many articles),
//! reported to the caller through a small trait: the library never draws; the CLI shows bars.

/// Receives the progress of a job, one stage at a time.
pub trait Progress {
    /// A stage of `steps` steps begins; `stage` names it ("tuning", "cross-val", "classify").
    fn start(&self, stage: &str, steps: u64);
    /// One more step of the current stage is done.
    fn step(&self);
    /// The current stage is over.
    fn finish(&self);
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: &str, _steps: u64) {}
    fn step(&self) {}
    fn finish(&self) {}
}

/// Runs `job` as one stage of `steps` steps on `progress`; `job` gets a callback to call after
/// each step, and the stage finishes whether the job succeeds or not.
pub fn stage<T>(
    progress: &dyn Progress,
    name: &str,
    steps: u64,
    job: impl FnOnce(&mut dyn FnMut()) -> T,
) -> T {
    progress.start(name, steps);
    let out = job(&mut || progress.step());
    progress.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[derive(Default)]
    struct Record(RefCell<Vec<String>>);

    impl Progress for Record {
        fn start(&self, stage: &str, steps: u64) {
            self.0.borrow_mut().push(format!("start {stage} {steps}"));
        }
        fn step(&self) {
            self.0.borrow_mut().push("step".into());
        }
        fn finish(&self) {
            self.0.borrow_mut().push("finish".into());
        }
    }

    #[test]
    fn a_stage_starts_steps_and_finishes_even_on_error() {
        let r = Record::default();
        let out: Result<(), &str> = stage(&r, "tuning", 2, |step| {
            step();
            Err("failed")
        });
        assert!(out.is_err());
        assert_eq!(*r.0.borrow(), ["start tuning 2", "step", "finish"]);
        stage(&Silent, "x", 1, |step| step());
    }
}
