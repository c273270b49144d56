//! Not public API. Used by generated code.
//!
//! Everything the macros expand to goes through this module, so that the macros never name a
//! dependency of `hooks-core` directly and the collection backend is chosen in one place. It only
//! re-exports; each item lives next to what it serves.

pub use std::{boxed::Box, concat, file, line, module_path, option::Option, result::Result};

// Registration: one macro per backend, and the records it collects.
pub use crate::backend::__register as register;
pub use crate::backend::backend_crate;
#[cfg(feature = "linkme")]
pub use crate::backend::{HOOKS_CORE_CALLBACKS, HOOKS_CORE_DECLARATIONS, HOOKS_CORE_TRIGGER_SITES};
pub use crate::{Callback, Declaration};

// `#[hook_callback]`: the record and the adapters around the user's function.
pub use crate::Durable;
pub use crate::adapter::{
    Adapter, CallbackFuture, CallbackReturn, ErrorMessage, assert_send, asynchronous, durable, sync,
};
pub use crate::callback::{Meta, callback};

// `declare_hook!` and `declare_context!`.
pub use crate::declaration::{declaration, typed_declaration};
pub use crate::typed::{TypedContext, TypedHook};

// `trigger!` and `trigger_async!`: the call site, its link-time record and the payload borrow.
pub use crate::payload::{ByValue, PayloadRef, StripReference};
pub use crate::trigger::CallSite;
pub use crate::trigger_site::SiteRecord;

// `after` and `before`: the hidden record beside each callback, and the check of a target's hook.
pub use crate::constraint::{CallbackName, HookNameOf, NotAHook, check_target};

// The benchmarks: a fresh registry, built as the first `registry()` builds it.
pub use crate::registry::collect as build_registry;
