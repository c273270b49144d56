//! The `linkme` backend (feature `linkme`): each record is a static placed in a linker section,
//! one section per record type; the registry reads the sections as slices. Nothing runs before
//! `main`. No wasm support.
//!
//! The slice names are global across a binary, hence the `HOOKS_CORE_` prefix. Elements never use
//! linkme's position argument: the registry sorts, so no order is needed from the linker.

use linkme::distributed_slice;

use crate::trigger_site::SiteRecord;
use crate::{Callback, Declaration};

/// The backend's name, for [`BACKEND`](crate::BACKEND).
pub(crate) const NAME: &str = "linkme";

/// Not public API: every `#[hook_callback]` record.
#[doc(hidden)]
#[distributed_slice]
pub static HOOKS_CORE_CALLBACKS: [Callback];

/// Not public API: every `declare_hook!` record.
#[doc(hidden)]
#[distributed_slice]
pub static HOOKS_CORE_DECLARATIONS: [Declaration];

/// Not public API: every `trigger!` and `trigger_async!` call site.
#[doc(hidden)]
#[distributed_slice]
pub static HOOKS_CORE_TRIGGER_SITES: [SiteRecord];

pub(crate) fn callbacks() -> impl Iterator<Item = &'static Callback> {
    HOOKS_CORE_CALLBACKS.iter()
}

pub(crate) fn declarations() -> impl Iterator<Item = &'static Declaration> {
    HOOKS_CORE_DECLARATIONS.iter()
}

pub(crate) fn sites() -> impl Iterator<Item = &'static SiteRecord> {
    HOOKS_CORE_TRIGGER_SITES.iter()
}

/// Not public API. Used by generated code: registers one record, `callback: Callback`,
/// `declaration: Declaration` or `site: SiteRecord`.
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    (callback: $($record:tt)*) => {
        $crate::__register!(@element HOOKS_CORE_CALLBACKS, Callback, $($record)*);
    };
    // A declaration is registered beside other items, in an anonymous constant of its own; a
    // callback and a call site in a block of their own (the hidden constant's, the call site's).
    (declaration: $($record:tt)*) => {
        const _: () = {
            $crate::__register!(@element HOOKS_CORE_DECLARATIONS, Declaration, $($record)*);
        };
    };
    (site: $($record:tt)*) => {
        $crate::__register!(@element HOOKS_CORE_TRIGGER_SITES, SiteRecord, $($record)*);
    };
    (@element $slice:ident, $type:ident, $($record:tt)*) => {
        #[$crate::__private::backend_crate::distributed_slice($crate::__private::$slice)]
        #[linkme(crate = $crate::__private::backend_crate)]
        static HOOKS_RECORD: $crate::__private::$type = $($record)*;
    };
}

pub use crate::__register;

/// Not public API: the backend crate, named by `__register!`.
pub use linkme as backend_crate;
