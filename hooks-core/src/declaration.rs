//! Hook declarations made by `declare_hook!`.

use std::fmt;

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
    pub(crate) docs: &'static str,
    pub(crate) file: &'static str,
    pub(crate) line: u32,
}

impl Declaration {
    /// The declared hook name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The declared payload type, if the declaration names one.
    pub fn payload_type_name(&self) -> Option<&'static str> {
        self.payload.map(|p| (p.name)())
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
            .field("file", &self.file)
            .field("line", &self.line)
            .finish()
    }
}

/// Not public API. Used by generated code: the record of `declare_hook!("name")`.
pub const fn declaration(name: &'static str, docs: &'static str, file: &'static str, line: u32) -> Declaration {
    Declaration { name, payload: None, docs, file, line }
}

/// Not public API. Used by generated code: the record of a hook declared with payload type `T`.
pub const fn typed_declaration<T: 'static>(
    name: &'static str,
    docs: &'static str,
    file: &'static str,
    line: u32,
) -> Declaration {
    Declaration { name, payload: Some(PayloadType::of::<T>()), docs, file, line }
}
