//! `#[hook_filter]` and `#[hook_first_result]`: callbacks of the hooks that pass a value along,
//! registered as callbacks are, with adapters that reach the value through the trigger's chain.

mod expand;
mod signature;

pub(crate) use expand::expand;

/// Which of the two attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `#[hook_filter]`: `fn(&Value, &Argument) -> Value`.
    Filter,
    /// `#[hook_first_result]`: `fn(&Argument) -> Option<Output>`.
    FirstResult,
}

impl Kind {
    pub(crate) fn attribute(self) -> &'static str {
        match self {
            Kind::Filter => "#[hook_filter]",
            Kind::FirstResult => "#[hook_first_result]",
        }
    }

    pub(crate) fn declaring_macro(self) -> &'static str {
        match self {
            Kind::Filter => "declare_filter!",
            Kind::FirstResult => "declare_first_result!",
        }
    }
}
