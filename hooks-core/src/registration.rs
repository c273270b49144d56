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
/// Input: `[visibility]`, the function's name as a string literal, the hidden constant's name,
/// the record's constructor (of `crate::record`) and `[its generic arguments]`, then in braces:
/// the function or its adapter, the record's hook name, the hidden constant's hook name, the items
/// that check the callback, and the options set, each a method call (`.with_priority(5)`)
/// chained after the constructor's. Every part a token tree or a sequence of them: no fragment
/// is parsed here, and no macro of this crate's expanded within it but the backend's.
#[doc(hidden)]
#[macro_export]
macro_rules! __register_callback {
    (
        [$($vis:tt)*] $fn_name:literal $named:ident $constructor:ident [$($generic:tt)*]
        { $($adapter:tt)* } { $($hook:tt)* } { $($named_hook:tt)* } { $($checks:tt)* } { $($options:tt)* }
    ) => {
        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        $($vis)* const $named: $crate::__private::CallbackName = {
            $($checks)*
            $crate::__register! {
                callback: $crate::__private::$constructor::<$($generic)*>($named.path, $($hook)*, $($adapter)*)
                    $($options)*
            }
            $crate::__private::CallbackName {
                path: $crate::__private::concat!($crate::__private::module_path!(), "::", $fn_name),
                hook: $($named_hook)*,
            }
        };
    };
}
