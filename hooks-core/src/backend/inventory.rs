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
///
/// Where `inventory` registers through a constructor section (ELF, Mach-O and PE targets), the
/// registration is written out for this target only, as `inventory::submit!` would expand it
/// here: the same `inventory::Node`, submitted the same way by a function in that section.
/// `submit!` carries the attribute of every platform in each expansion, for rustc to evaluate
/// per record, which made it over a quarter of what a callback costs its crate to compile.
#[cfg(any(
    all(
        not(target_family = "wasm"),
        any(
            target_os = "linux",
            target_os = "android",
            target_os = "dragonfly",
            target_os = "freebsd",
            target_os = "haiku",
            target_os = "illumos",
            target_os = "netbsd",
            target_os = "nto",
            target_os = "openbsd",
            target_os = "redox",
            target_os = "vxworks",
            target_os = "none",
        )
    ),
    target_os = "macos",
    target_os = "ios",
    windows,
))]
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    // A declaration is registered beside other items, in an anonymous constant of its own (the
    // arm below, whatever the kind's name).
    (declaration: $($record:tt)*) => {
        const _: () = {
            $crate::__register!(in_block: $($record)*);
        };
    };
    // A callback and a call site are registered in a block of their own (the hidden constant's,
    // the call site's), one per block.
    ($kind:ident: $($record:tt)*) => {
        static NODE: $crate::__private::backend_crate::Node = $crate::__private::backend_crate::Node {
            value: &$($record)*,
            next: $crate::__private::UnsafeCell::new($crate::__private::Option::None),
        };
        unsafe extern "C" fn submit() {
            // SAFETY: `NODE.value` is of the type `NODE` is submitted for, as `submit` requires.
            unsafe { $crate::__private::backend_crate::ErasedNode::submit(NODE.value, &NODE) }
        }
        $crate::__private::constructor! {
            static SUBMIT: unsafe extern "C" fn() = submit;
        }
    };
}

/// Not public API. Used by generated code: registers one record through `inventory::submit!`, on
/// the targets not listed above (wasm among them).
#[cfg(not(any(
    all(
        not(target_family = "wasm"),
        any(
            target_os = "linux",
            target_os = "android",
            target_os = "dragonfly",
            target_os = "freebsd",
            target_os = "haiku",
            target_os = "illumos",
            target_os = "netbsd",
            target_os = "nto",
            target_os = "openbsd",
            target_os = "redox",
            target_os = "vxworks",
            target_os = "none",
        )
    ),
    target_os = "macos",
    target_os = "ios",
    windows,
)))]
#[doc(hidden)]
#[macro_export]
macro_rules! __register {
    ($kind:ident: $($record:tt)*) => {
        $crate::__private::backend_crate::submit! { $($record)* }
    };
}

/// Not public API: places a function pointer static in the section whose functions run before
/// `main` (`inventory`'s choice for the target).
#[cfg(not(any(target_family = "wasm", target_os = "macos", target_os = "ios", windows)))]
#[doc(hidden)]
#[macro_export]
macro_rules! __constructor {
    ($($item:tt)*) => {
        #[used]
        #[unsafe(link_section = ".init_array")]
        $($item)*
    };
}

/// Not public API: as above, on Apple targets.
#[cfg(any(target_os = "macos", target_os = "ios"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __constructor {
    ($($item:tt)*) => {
        #[used]
        #[unsafe(link_section = "__DATA,__mod_init_func,mod_init_funcs")]
        $($item)*
    };
}

/// Not public API: as above, on Windows.
#[cfg(windows)]
#[doc(hidden)]
#[macro_export]
macro_rules! __constructor {
    ($($item:tt)*) => {
        #[used]
        #[unsafe(link_section = ".CRT$XCU")]
        $($item)*
    };
}

#[cfg(not(target_family = "wasm"))]
pub use crate::__constructor;
pub use crate::__register;

/// Not public API: the backend crate, named by `__register!`.
pub use inventory as backend_crate;
