//! Hook declarations made by `declare_hook!`.

use std::fmt;

use crate::HookKind;
use crate::chain::Chain;
use crate::kind::Shape;
use crate::payload::PayloadType;

/// A hook that the program declares it offers, optionally with its payload type and docs.
///
/// ```
/// hooks_core::declare_hook!(
///     /// Fired after a payment settles.
///     "doc_payment_settled", u64
/// );
///
/// let hook = hooks_core::registry().hook("doc_payment_settled").unwrap();
/// let declaration = hook.declaration().unwrap();
/// assert_eq!(declaration.payload_type_name(), Some("u64"));
/// assert_eq!(declaration.docs(), "Fired after a payment settles.");
/// ```
pub struct Declaration {
    pub(crate) name: &'static str,
    pub(crate) payload: Option<PayloadType>,
    pub(crate) shape: Shape,
    pub(crate) docs: &'static str,
    pub(crate) file: &'static str,
    pub(crate) line: u32,
}

impl Declaration {
    /// The declared hook name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The declared payload type, if the declaration names one; for a filter or a first-result
    /// hook, its argument's type (`()` for a filter declared without one).
    pub fn payload_type_name(&self) -> Option<&'static str> {
        self.shape.payload_type_name(self.payload)
    }

    /// What the hook does with its callbacks: runs them, filters a value, or asks for a first
    /// result.
    pub fn kind(&self) -> HookKind {
        self.shape.kind
    }

    /// A filter's value type, or a first-result hook's output type.
    pub fn value_type_name(&self) -> Option<&'static str> {
        self.shape.value_type_name()
    }

    /// A filter's or first-result hook's argument type; `None` for a plain hook and for a filter
    /// declared without an argument.
    pub fn argument_type_name(&self) -> Option<&'static str> {
        self.shape.argument_type_name()
    }

    /// The declaration's doc comment, lines joined with `\n`, leading spaces trimmed.
    pub fn docs(&self) -> &'static str {
        self.docs
    }

    /// The source file of the declaration.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line of the declaration in [`file`](Self::file).
    pub fn line(&self) -> u32 {
        self.line
    }

    pub(crate) fn payload_type_id(&self) -> Option<std::any::TypeId> {
        self.payload.map(|p| (p.id)())
    }
}

impl fmt::Debug for Declaration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Declaration")
            .field("name", &self.name)
            .field("payload", &self.payload_type_name())
            .field("kind", &self.kind())
            .field("file", &self.file)
            .field("line", &self.line)
            .finish()
    }
}

/// Not public API. Used by generated code: the record of `declare_hook!("name")`.
pub const fn declaration(name: &'static str, docs: &'static str, file: &'static str, line: u32) -> Declaration {
    Declaration { name, payload: None, shape: Shape::CALLBACKS, docs, file, line }
}

/// Not public API. Used by generated code: the record of a hook declared with payload type `T`.
pub const fn typed_declaration<T: 'static>(
    name: &'static str,
    docs: &'static str,
    file: &'static str,
    line: u32,
) -> Declaration {
    Declaration { name, payload: Some(PayloadType::of::<T>()), shape: Shape::CALLBACKS, docs, file, line }
}

/// Not public API. Used by generated code: the record of `declare_filter!`, a filter of `V` with
/// an argument `A` (`()` for none).
pub const fn filter_declaration<V: 'static, A: 'static>(
    name: &'static str,
    docs: &'static str,
    file: &'static str,
    line: u32,
) -> Declaration {
    let payload = Some(PayloadType::of::<Chain<'static, V, A>>());
    Declaration { name, payload, shape: Shape::filter::<V, A>(), docs, file, line }
}

/// Not public API. Used by generated code: the record of `declare_first_result!`, a hook asking
/// its callbacks, given an `A`, for a first `R`.
pub const fn first_result_declaration<A: 'static, R: 'static>(
    name: &'static str,
    docs: &'static str,
    file: &'static str,
    line: u32,
) -> Declaration {
    let payload = Some(PayloadType::of::<Chain<'static, Option<R>, A>>());
    Declaration { name, payload, shape: Shape::first_result::<A, R>(), docs, file, line }
}
