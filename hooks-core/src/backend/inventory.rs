//! The `inventory` backend (the default): each registration is a tiny function that runs before
//! `main` and links its record into a list. Works on wasm.
//!
//! Generated code registers through [`__register!`](crate::__private::register), the only place
//! that names the backend; the registry reads the records back through [`callbacks`],
//! [`declarations`] and [`sites`].

use crate::trigger_site::SiteRecord;
use crate::{Callback, Declaration};

/// The backend's name, for [`BACKEND`](crate::BACKEND).
pub(crate) const NAME: &str = "inventory";

inventory::collect!(Callback);
inventory::collect!(Declaration);
inventory::collect!(SiteRecord);

pub(crate) fn callbacks() -> impl Iterator<Item = &'static Callback> {
    inventory::iter::<Callback>.into_iter()
}

pub(crate) fn declarations() -> impl Iterator<Item = &'static Declaration> {
    inventory::iter::<Declaration>.into_iter()
}

pub(crate) fn sites() -> impl Iterator<Item = &'static SiteRecord> {
    inventory::iter::<SiteRecord>.into_iter()
}

/// Not public API. Used by generated code: registers one record, `callback: Callback`,
/// `declaration: Declaration` or `site: SiteRecord`.
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    ($kind:ident: $record:expr) => {
        $crate::__private::backend_crate::submit! { $record }
    };
}

pub use crate::__register;

/// Not public API: the backend crate, named by `__register!`.
pub use inventory as backend_crate;
