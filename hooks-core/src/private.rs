//! Not public API. Used by generated code.
//!
//! Everything the macros expand to goes through this module, so that the macros never name a
//! dependency of `hooks-core` directly and the collection backend is chosen in one place.

use std::fmt::Display;
use std::sync::OnceLock;

pub use std::{concat, file, line, module_path, option::Option, result::Result};

pub use crate::backend::__register as register;
/// The collection backend, named by `register!`.
pub use inventory;

use crate::callback::{ErrorMessage, Invoke, PayloadType};
use crate::dispatch;
use crate::registry::Plan;
use crate::{Callback, Declaration, TriggerReport, registry};

/// Not public API. Used by generated code.
pub const fn plain<T: 'static>(
    hook: &'static str,
    priority: u8,
    context: Option<&'static str>,
    path: &'static str,
    file: &'static str,
    line: u32,
    callback: fn(&T),
) -> Callback {
    Callback {
        hook,
        priority,
        context,
        path,
        file,
        line,
        payload: PayloadType::of::<T>(),
        invoke: Invoke::plain(callback),
    }
}

/// Not public API. Used by generated code.
pub const fn fallible<T: 'static>(
    hook: &'static str,
    priority: u8,
    context: Option<&'static str>,
    path: &'static str,
    file: &'static str,
    line: u32,
    adapter: fn(&T) -> Result<(), ErrorMessage>,
) -> Callback {
    Callback {
        hook,
        priority,
        context,
        path,
        file,
        line,
        payload: PayloadType::of::<T>(),
        invoke: Invoke::fallible(adapter),
    }
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

/// Not public API. Used by generated code: a `trigger!` call site and its cached plan.
pub struct CallSite {
    hook: &'static str,
    context: Option<&'static str>,
    plan: OnceLock<Option<&'static Plan>>,
}

impl CallSite {
    /// Not public API.
    pub const fn new(hook: &'static str, context: Option<&'static str>) -> Self {
        CallSite { hook, context, plan: OnceLock::new() }
    }

    /// Not public API: runs the call site's plan with `payload`.
    #[inline(always)]
    pub fn trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        match self.plan.get() {
            Some(Some(plan)) => dispatch::run(plan, self.hook, self.context, payload),
            Some(None) => TriggerReport::unknown_hook(),
            None => self.first_trigger(payload),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        let plan = *self.plan.get_or_init(|| {
            let registry = registry();
            let plan = registry.plan(self.hook, self.context);
            if plan.is_none() {
                registry.warn_unknown(self.hook);
            }
            plan
        });
        match plan {
            Some(plan) => dispatch::run(plan, self.hook, self.context, payload),
            None => TriggerReport::unknown_hook(),
        }
    }
}

impl std::fmt::Debug for CallSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallSite").field("hook", &self.hook).field("context", &self.context).finish()
    }
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

impl<'a, 'b: 'a, T: ?Sized> StripReference<'a, T> for PayloadRef<'a, &'b T> {
    #[inline(always)]
    fn payload(&self) -> &'a T {
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
    crate::Registry::build(crate::backend::callbacks(), crate::backend::declarations())
}
