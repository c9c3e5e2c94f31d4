//! The checked builders' shared parts, after linfa's `ParamGuard` pattern: a builder wraps
//! the options it builds (field `0`), its setters change one field each, and checking runs the
//! options' rules ([`ParamsError`](crate::ParamsError)) before handing them out.

/// Implements linfa's `ParamGuard` for the builder `$params` around `$checked`, checked by
/// `$rules(&$checked) -> Result<(), E>` where `StanceError: From<E>`.
/// For a builder that borrows, name its lifetimes first: `param_guard!(<'a> P<'a> => C<'a>, rules)`.
macro_rules! param_guard {
    (<$($lt:lifetime),*> $params:ty => $checked:ty, $rules:path) => {
        impl<$($lt),*> linfa::ParamGuard for $params {
            type Checked = $checked;
            type Error = $crate::StanceError;

            fn check_ref(&self) -> $crate::Result<&$checked> {
                $rules(&self.0)?;
                Ok(&self.0)
            }

            fn check(self) -> $crate::Result<$checked> {
                linfa::ParamGuard::check_ref(&self)?;
                Ok(self.0)
            }
        }
    };
    ($params:ty => $checked:ty, $rules:path) => {
        $crate::params::param_guard!(<> $params => $checked, $rules);
    };
}

/// Builder setters: each `name: Type => field;` (with its doc comment) sets `self.0.field`.
macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty => $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: $ty) -> Self {
                self.0.$field = value;
                self
            }
        )*
    };
}

pub(crate) use {param_guard, setters};

/// The rule `params` break (for tests): panics when they pass or fail otherwise.
#[cfg(test)]
pub(crate) fn broken_rule<P>(params: P) -> crate::ParamsError
where
    P: linfa::ParamGuard<Error = crate::StanceError>,
    P::Checked: std::fmt::Debug,
{
    match params.check() {
        Err(crate::StanceError::Params(e)) => e,
        other => panic!("expected a broken parameter rule, got {other:?}"),
    }
}
