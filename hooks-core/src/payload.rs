//! Payload types: how records name them, and how a trigger borrows its payload expression.

use std::any::TypeId;
use std::fmt;

/// A payload type, known through function pointers because `TypeId::of` and `type_name` are not
/// usable in statics.
#[derive(Clone, Copy)]
pub(crate) struct PayloadType {
    pub(crate) id: fn() -> TypeId,
    pub(crate) name: fn() -> &'static str,
}

impl PayloadType {
    pub(crate) const fn of<T: 'static>() -> Self {
        PayloadType { id: TypeId::of::<T>, name: std::any::type_name::<T> }
    }
}

// How `trigger!("h", data)` and `trigger!("h", &data)` both pass `&T` (autoref specialization).
//
// The macro expands to `(&PayloadRef(&(payload))).payload()` with both traits below in scope.
// Method resolution first looks for a method whose `self` type is the receiver's type,
// `&PayloadRef<X>`, and only then auto-references the receiver to `&&PayloadRef<X>`:
// - `StripReference::payload` takes `&PayloadRef<&T>`: it matches at the first step when the
//   payload expression is a reference `&T`, and returns that `&T`;
// - `ByValue::payload` takes `&&PayloadRef<X>`: it matches at the second step, for any `X`, and
//   returns `&X`.
// Either way the payload is borrowed, never moved, and the callbacks see `&T`.

/// Not public API. Used by generated code: a wrapper whose method resolution strips one reference
/// from the payload expression's type.
pub struct PayloadRef<'a, X: ?Sized>(pub &'a X);

impl<X: ?Sized> fmt::Debug for PayloadRef<'_, X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PayloadRef")
    }
}

/// Not public API. Chosen by method resolution when the payload expression is a reference.
pub trait StripReference<'a, T: ?Sized> {
    /// Not public API.
    fn payload(&self) -> &'a T;
}

impl<'b, T: ?Sized> StripReference<'b, T> for PayloadRef<'_, &'b T> {
    #[inline(always)]
    fn payload(&self) -> &'b T {
        self.0
    }
}

/// Not public API. Chosen by method resolution (after autoref) when the payload is a value.
pub trait ByValue<'a, T: ?Sized> {
    /// Not public API.
    fn payload(&self) -> &'a T;
}

impl<'a, T: ?Sized> ByValue<'a, T> for &PayloadRef<'a, T> {
    #[inline(always)]
    fn payload(&self) -> &'a T {
        self.0
    }
}
