//! What a hook does with its callbacks: runs them, threads a value through them, or asks them
//! for a first result.

use std::any::TypeId;
use std::fmt;

use crate::payload::PayloadType;

/// The kind of a hook, a callback or a trigger site, as the dump shows it.
///
/// ```
/// use hooks_core::HookKind;
///
/// hooks_core::declare_filter! {
///     /// A title, cleaned up by its filters.
///     pub doc_kind_title: String;
/// }
///
/// let hook = hooks_core::registry().hook("doc_kind_title").unwrap();
/// assert_eq!(hook.kind(), HookKind::Filter);
/// assert_eq!(HookKind::FirstResult.to_string(), "first result");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HookKind {
    /// Callbacks that take the payload by reference: `declare_hook!`, `#[hook_callback]`,
    /// `trigger!`.
    #[default]
    Callbacks,
    /// Filters that each borrow a value and return the next one: `declare_filter!`,
    /// `#[hook_filter]`, `apply_filters!`.
    Filter,
    /// Callbacks that may answer with `Some`, the first answer ending the trigger:
    /// `declare_first_result!`, `#[hook_first_result]`, `first_result!`.
    FirstResult,
}

impl fmt::Display for HookKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HookKind::Callbacks => "callbacks",
            HookKind::Filter => "filter",
            HookKind::FirstResult => "first result",
        })
    }
}

/// A record's kind, and for a filter or first-result hook the types its callbacks see: the value
/// (a filter's value, a first result's output) and the argument.
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) kind: HookKind,
    value: Option<PayloadType>,
    argument: Option<PayloadType>,
}

impl Shape {
    pub(crate) const CALLBACKS: Shape = Shape { kind: HookKind::Callbacks, value: None, argument: None };

    pub(crate) const fn filter<V: 'static, A: 'static>() -> Shape {
        Shape { kind: HookKind::Filter, value: Some(PayloadType::of::<V>()), argument: Some(PayloadType::of::<A>()) }
    }

    pub(crate) const fn first_result<A: 'static, R: 'static>() -> Shape {
        Shape {
            kind: HookKind::FirstResult,
            value: Some(PayloadType::of::<R>()),
            argument: Some(PayloadType::of::<A>()),
        }
    }

    /// The payload type name a record shows: the payload's for plain callbacks, the argument's
    /// (`()` for a filter declared without one) for filters and first results, whose dispatch
    /// payload is the chain.
    pub(crate) fn payload_type_name(&self, payload: Option<PayloadType>) -> Option<&'static str> {
        match self.kind {
            HookKind::Callbacks => payload.map(|payload| (payload.name)()),
            _ => Some(self.argument_type_name().unwrap_or("()")),
        }
    }

    /// The value's type name: a filter's value, a first result's output.
    pub(crate) fn value_type_name(&self) -> Option<&'static str> {
        self.value.map(|value| (value.name)())
    }

    /// The argument's type name; `None` for a plain hook, and for a chain declared without one
    /// (whose argument is `()`).
    pub(crate) fn argument_type_name(&self) -> Option<&'static str> {
        self.argument.filter(|argument| (argument.id)() != TypeId::of::<()>()).map(|argument| (argument.name)())
    }
}
