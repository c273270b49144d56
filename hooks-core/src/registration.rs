//! Not public API. The items `#[hook_callback]` (and `#[hook_filter]`, `#[hook_first_result]`)
//! expand to, written out by rustc from one short macro call per callback.
//!
//! The attribute passes what only it knows (names, the record's constructor and adapter, the
//! hook, the checks of its options) and rustc writes the rest: a procedural macro's output crosses
//! into the compiler token by token, which made the full expansion a sizeable part of what a
//! callback cost to compile.

/// Not public API. Used by generated code: beside a callback's function, the hidden constant
/// that ordering constraints name it by, in whose block the record is registered.
///
/// The hidden constant holds the callback's registered path, `module_path!()::fn_name`, which the
/// record reads from it: one expansion of `concat!` and `module_path!` per callback. The record's
/// static is an item of its own inside the constant's block, so reading the constant is no cycle.
///
/// The attribute cannot tell whether it is inside an `impl`. The record names the hidden
/// constant, then the function; the constant's name, `hook_callback_free_fn_<fn>`, says what is
/// required. Next to a free function, both are in scope. Inside an `impl`, both are associated
/// items that no path in the record's static can name: rustc reports the constant, then the
/// function, as not found, on the function's name. One item beside the function instead of a
/// marker of its own: each item costs every callback's compilation. A constraint whose target is
/// not such a function reports the same name.
///
/// Input: visibility, function name, its name as a string literal, hidden constant, the record's
/// constructor with its generic arguments, `(adapter)`, the record's hook name, the hidden
/// constant's hook name, `{ checks }` and `{ options }`, each option a constructor of
/// `crate::record`: `with_priority(5)` first, which wraps the record, then any of the others
/// (`with_context("admin")`), which build the record's `CallbackOptions`.
#[doc(hidden)]
#[macro_export]
macro_rules! __register_callback {
    (
        $vis:vis $name:ident $fn_name:literal $named:ident
        $constructor:ident $(<$($generic:ty),*>)? ($adapter:expr) $hook:expr, $named_hook:expr,
        { $($checks:tt)* } { $($options:tt)* }
    ) => {
        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        $vis const $named: $crate::__private::CallbackName = {
            $($checks)*
            $crate::__register! {
                callback: $crate::__register_callback!(@options
                    $crate::__private::$constructor $(::<$($generic),*>)? (
                        $named.path,
                        $hook,
                        $adapter,
                    ),
                    $($options)*
                )
            }
            $crate::__private::CallbackName {
                path: $crate::__private::concat!($crate::__private::module_path!(), "::", $fn_name),
                hook: $named_hook,
            }
        };
    };
    (@options $record:expr, ) => {
        $record
    };
    (@options $record:expr, with_priority($priority:expr) $($rest:tt)*) => {
        $crate::__register_callback!(@options $crate::__private::with_priority($record, $priority), $($rest)*)
    };
    (@options $record:expr, $($others:tt)+) => {
        $crate::__private::with_options(
            $record,
            &$crate::__register_callback!(@others $crate::__private::CallbackOptions::DEFAULT, $($others)+),
        )
    };
    (@others $options:expr, ) => {
        $options
    };
    (@others $options:expr, $option:ident($($argument:expr),*) $($rest:tt)*) => {
        $crate::__register_callback!(@others $crate::__private::$option($options, $($argument),*), $($rest)*)
    };
}
