//! Not public API. Used by generated code.
//!
//! Everything the macros expand to goes through this module, so that the macros never name a
//! dependency of `hooks-core` directly and the collection backend is chosen in one place.

use std::fmt::Display;
use std::future::Future;

pub use std::{boxed::Box, concat, file, line, module_path, option::Option, result::Result};

pub use crate::backend::__register as register;
pub use crate::backend::backend_crate;
#[cfg(feature = "linkme")]
pub use crate::backend::{HOOKS_CORE_CALLBACKS, HOOKS_CORE_DECLARATIONS, HOOKS_CORE_TRIGGER_SITES};
pub use crate::{Callback, Declaration, TypedContext, TypedHook};

pub use crate::callback::CallbackFuture;
use crate::callback::{ErrorMessage, Invoke, PayloadType};

/// Not public API. Used by generated code: where a callback is and how it is registered.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// Not public API.
    pub hook: &'static str,
    /// Not public API.
    pub priority: u8,
    /// Not public API.
    pub context: Option<&'static str>,
    /// Not public API.
    pub path: &'static str,
    /// Not public API.
    pub file: &'static str,
    /// Not public API.
    pub line: u32,
}

/// Not public API. Used by generated code: a callback function with its payload type erased.
pub struct Adapter<T> {
    invoke: Invoke,
    fallible: bool,
    payload: std::marker::PhantomData<fn(&T)>,
}

impl<T> std::fmt::Debug for Adapter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adapter").field("fallible", &self.fallible).finish()
    }
}

/// Not public API. Used by generated code: the adapter of a sync callback, `fn(&T)` or
/// `fn(&T) -> Result<(), E>`; `fallible` says whether the function returns a `Result`.
pub const fn sync<T: 'static>(adapter: fn(&T) -> Result<(), ErrorMessage>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::sync(adapter), fallible, payload: std::marker::PhantomData }
}

/// Not public API. Used by generated code: the adapter of an `async fn` callback, which boxes its
/// future; `fallible` says whether the function returns a `Result`.
pub const fn asynchronous<T: 'static>(adapter: for<'a> fn(&'a T) -> CallbackFuture<'a>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::asynchronous(adapter), fallible, payload: std::marker::PhantomData }
}

/// Not public API. Used by generated code: the registration record of a callback.
pub const fn callback<T: 'static>(meta: Meta, adapter: Adapter<T>) -> Callback {
    let Meta { hook, priority, context, path, file, line } = meta;
    let Adapter { invoke, fallible, .. } = adapter;
    Callback { hook, priority, context, path, file, line, payload: PayloadType::of::<T>(), fallible, invoke }
}

/// Not public API. Used by generated code.
pub const fn declaration(name: &'static str, docs: &'static str, file: &'static str, line: u32) -> Declaration {
    Declaration { name, payload: None, docs, file, line }
}

/// Not public API. Used by generated code.
pub const fn typed_declaration<T: 'static>(
    name: &'static str,
    docs: &'static str,
    file: &'static str,
    line: u32,
) -> Declaration {
    Declaration { name, payload: Some(PayloadType::of::<T>()), docs, file, line }
}

/// Not public API. Used by generated code: an async callback's future must be `Send`, so that
/// `trigger_async!` can be awaited in multi-threaded executors.
#[inline(always)]
pub fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

/// Not public API. Used by generated code: the value a fallible callback's return type converts
/// into.
#[diagnostic::on_unimplemented(
    message = "a hook callback must return `()` or `Result<(), E>` where `E: Display`",
    label = "`{Self}` is not a supported callback return type"
)]
pub trait CallbackReturn {
    /// Not public API.
    fn into_outcome(self) -> Result<(), ErrorMessage>;
}

impl CallbackReturn for () {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), ErrorMessage> {
        Ok(())
    }
}

impl<E: Display> CallbackReturn for Result<(), E> {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), ErrorMessage> {
        match self {
            Ok(()) => Ok(()),
            Err(error) => Err(error_message(&error)),
        }
    }
}

#[cold]
#[inline(never)]
fn error_message(error: &dyn Display) -> ErrorMessage {
    ErrorMessage(error.to_string().into_boxed_str())
}

pub use crate::call_site::{CallSite, SiteRecord};

/// Not public API. Used by generated code: implemented by `declare_hook!` for the one payload type
/// of each typed hook, so that rustc checks callbacks and triggers against it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the payload type of hook `{H}`",
    label = "hook `{H}` is declared with another payload type",
    note = "callbacks of a typed hook take `&Payload`, and triggers pass `Payload` or `&Payload`, where `Payload` is the type in its `declare_hook!`"
)]
pub trait PayloadOf<H: crate::TypedHook> {
    /// Not public API.
    fn as_payload(&self) -> &H::Payload;
}

/// Not public API. Used by generated code: fails to compile unless `P` is `H`'s payload type.
pub const fn assert_payload<H: crate::TypedHook, P: PayloadOf<H>>() {}

/// Not public API. Used by generated code: the payload of a typed trigger, checked by rustc.
#[inline(always)]
pub fn typed_payload<H: crate::TypedHook, P: PayloadOf<H>>(payload: &P) -> &H::Payload {
    payload.as_payload()
}

/// Not public API. Used by generated code: a wrapper whose method resolution strips one reference
/// from the payload expression's type, so `trigger!("h", &data)` and `trigger!("h", data)` both
/// pass `&T`.
pub struct PayloadRef<'a, X: ?Sized>(pub &'a X);

impl<X: ?Sized> std::fmt::Debug for PayloadRef<'_, X> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

/// Not public API. Used by the benchmarks: builds a fresh registry from the collected records,
/// as the first call to `registry()` does, without storing it.
pub fn build_registry() -> crate::Registry {
    crate::Registry::build(
        crate::backend::callbacks(),
        crate::backend::declarations(),
        crate::backend::sites().map(SiteRecord::site),
    )
}
