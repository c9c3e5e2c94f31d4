//! Training options as a checked builder: [`TrainParams`] collects the feature options and
//! the learner's hyper-parameters, and [`ParamGuard::check`] gives [`TrainOptions`] that
//! follow every rule.

use linfa::ParamGuard;

use super::TrainOptions;
use crate::error::Result;
use crate::features::{FeatureOptions, FeatureParams};
use crate::model::{LogisticParams, SparseLogistic};

/// Training options, unchecked: build them from [`TrainOptions::params`] (or any options with
/// `From`) and check them with [`ParamGuard::check`].
///
/// ```
/// use linfa::ParamGuard;
/// use stance::classifier::TrainOptions;
/// let opts = TrainOptions::params().l2(0.5).seed(7).check().unwrap();
/// assert_eq!((opts.l2, opts.seed), (0.5, 7));
/// assert!(TrainOptions::params().max_iter(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrainParams(TrainOptions);

impl From<TrainOptions> for TrainParams {
    fn from(options: TrainOptions) -> Self {
        TrainParams(options)
    }
}

impl TrainOptions {
    /// A builder starting from the defaults, checked by [`ParamGuard`].
    pub fn params() -> TrainParams {
        TrainParams(TrainOptions::default())
    }

    /// The learner's hyper-parameters (unchecked).
    pub(crate) fn learner(&self) -> LogisticParams {
        SparseLogistic::params()
            .l2(self.l2)
            .max_iter(self.max_iter)
            .tol_grad(self.tol)
            .balanced(self.balanced)
            .nb_prior(self.nb_prior)
    }
}

impl TrainParams {
    crate::params::setters! {
        /// Sets the feature options.
        features: FeatureOptions => features;
        /// Sets the L2 strength (finite, at least 0).
        l2: f64 => l2;
        /// Sets the maximum number of optimiser iterations (at least 1).
        max_iter: u64 => max_iter;
        /// Sets the gradient tolerance (above 0).
        tol: f64 => tol;
        /// Weights classes inversely to their frequency.
        balanced: bool => balanced;
        /// Sets the naive-Bayes prior strength (0 to 2).
        nb_prior: f64 => nb_prior;
        /// Sets the seed of every random choice.
        seed: u64 => seed;
    }

    /// Checks `options` by every rule without taking them.
    pub(crate) fn check_options(options: &TrainOptions) -> Result<()> {
        FeatureParams::check_options(&options.features)?;
        options.learner().check_ref()?;
        Ok(())
    }
}

crate::params::param_guard!(TrainParams => TrainOptions, TrainParams::check_options);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ParamsError;

    use crate::params::broken_rule as broken;

    #[test]
    fn each_learner_rule_is_checked_and_features_too() {
        let p = TrainOptions::params;
        assert_eq!(broken(p().l2(-1.0)), ParamsError::L2 { value: -1.0 });
        assert_eq!(
            broken(p().nb_prior(2.5)),
            ParamsError::NbPrior { value: 2.5 }
        );
        assert_eq!(broken(p().max_iter(0)), ParamsError::MaxIter);
        assert_eq!(broken(p().tol(0.0)), ParamsError::Tolerance { value: 0.0 });
        let no_min = FeatureOptions {
            min_count: 0,
            ..FeatureOptions::default()
        };
        let e = broken(p().features(no_min));
        assert_eq!(e, ParamsError::MinCount);
        assert_eq!(p().check().unwrap(), TrainOptions::default());
    }
}
