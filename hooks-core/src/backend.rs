//! The link-time collection backend: `inventory`.
//!
//! Each `#[hook_callback]` and `declare_hook!` expands to [`__register!`](crate::__private::register),
//! which is the only place that names the backend; the registry reads the records back through
//! [`callbacks`] and [`declarations`].

use crate::__private::SiteRecord;
use crate::{Callback, Declaration};

inventory::collect!(Callback);
inventory::collect!(Declaration);
inventory::collect!(SiteRecord);

pub(crate) fn callbacks() -> impl Iterator<Item = &'static Callback> {
    inventory::iter::<Callback>.into_iter()
}

pub(crate) fn declarations() -> impl Iterator<Item = &'static Declaration> {
    inventory::iter::<Declaration>.into_iter()
}

/// Not public API. Used by generated code: registers one `Callback`, `Declaration` or
/// `SiteRecord` value.
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    ($record:expr) => {
        $crate::__private::inventory::submit! { $record }
    };
}

pub use crate::__register;

pub(crate) fn sites() -> impl Iterator<Item = &'static SiteRecord> {
    inventory::iter::<SiteRecord>.into_iter()
}
