//! Not public API. Used by generated code.
//!
//! Everything the macros expand to goes through this module, so that the macros never name a
//! dependency of `hooks-core` directly and the collection backend is chosen in one place. It only
//! re-exports; each item lives next to what it serves.

pub use std::{boxed::Box, cell::UnsafeCell, concat, file, line, module_path, option::Option, result::Result};

// Registration: one macro per backend, and the records it collects.
#[cfg(all(feature = "inventory", not(feature = "linkme"), not(target_family = "wasm")))]
pub use crate::backend::__constructor as constructor;
pub use crate::backend::__register as register;
pub use crate::backend::backend_crate;
#[cfg(feature = "linkme")]
pub use crate::backend::{HOOKS_CORE_CALLBACKS, HOOKS_CORE_DECLARATIONS, HOOKS_CORE_TRIGGER_SITES};
pub use crate::{Callback, Declaration};

// `#[hook_callback]`: the record and the adapters around the user's function.
pub use crate::__register_callback as register_callback;
pub use crate::Durable;
pub use crate::adapter::{Adapter, CallbackReturn, asynchronous, durable, sync};
pub use crate::callback::CallbackOptions;
pub use crate::halt::Halt;
pub use crate::record::{callback, filter_callback, first_result_callback, plain_callback};

// `#[hook_filter]` and `#[hook_first_result]`: the value their callbacks pass along.
pub use crate::chain::{Chain, FilterReturn, FirstResultReturn, Turn, filter, filtered, first_result, found};

// `declare_hook!` and `declare_context!`.
pub use crate::declaration::{declaration, filter_declaration, first_result_declaration, typed_declaration};
pub use crate::kind::HookKind;
pub use crate::typed::{TypedContext, TypedFilter, TypedFirstResult, TypedHook};

// `trigger!` and `trigger_async!`: the call site, its link-time record and the payload borrow.
pub use crate::payload::{ByValue, PayloadRef, StripReference};
pub use crate::trigger::CallSite;
pub use crate::trigger_site::SiteRecord;

// `after` and `before`: the hidden record beside each callback, and the check of a target's hook.
pub use crate::constraint::{HookNameOf, NotAHook, check_target};

// The benchmarks: a fresh registry, built as the first `registry()` builds it.
pub use crate::registry::collect as build_registry;
