//! Not public API. The items `#[hook_callback]` (and `#[hook_filter]`, `#[hook_first_result]`)
//! expand to, written out by rustc from one short macro call per callback.
//!
//! The attribute passes what only it knows (names, the record's constructor and adapter, the
//! hook, the checks of its options) and rustc writes the rest: a procedural macro's output crosses
//! into the compiler token by token, which made the full expansion a sizeable part of what a
//! callback cost to compile.

/// Not public API. Used by generated code: beside a callback's function, the hidden constant
/// that ordering constraints name it by: the callback's record, registered in the constant's
/// block.
///
/// The record is the constant's value, and the registration's static reads it (no cycle: the
/// constant's value does not depend on the static). A constraint reads its targets' constants
/// for their paths and hooks; the options that hold those paths are a static of the constrained
/// callback's block, which its record points to, so that two callbacks may name each other (a
/// cycle is `validate()`'s to report, not a compile error).
///
/// The attribute cannot tell whether it is inside an `impl`. The registration's static names the
/// hidden constant, then the record names the function; the constant's name,
/// `hook_callback_free_fn_<fn>`, says what is required. Next to a free function, both are in
/// scope. Inside an `impl`, both are associated items that no path in the constant's block can
/// name: rustc reports the constant, then the function, as not found, on the function's name.
/// One item beside the function instead of a marker of its own: each item costs every callback's
/// compilation. A constraint whose target is not such a function reports the same name.
///
/// Input: `[visibility]`, the function's name as a string literal, the hidden constant's name,
/// the record's constructor (of `crate::record`) and `[its generic arguments]`, then in braces:
/// the function or its adapter, the hook's name, the items that check the callback (and hold its
/// options), and the options set, each a method call (`.with_priority(5)`) chained after the
/// constructor's. Every part a token tree or a sequence of them: no fragment is parsed here, and
/// no macro of this crate's expanded within it but the backend's.
#[doc(hidden)]
#[macro_export]
macro_rules! __register_callback {
    (
        [$($vis:tt)*] $fn_name:literal $named:ident $constructor:ident [$($generic:tt)*]
        { $($adapter:tt)* } { $($hook:tt)* } { $($checks:tt)* } { $($options:tt)* }
    ) => {
        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        $($vis)* const $named: $crate::__private::Callback = {
            $($checks)*
            $crate::__register! { callback: $named }
            $crate::__private::$constructor::<$($generic)*>(
                $crate::__private::concat!($crate::__private::module_path!(), "::", $fn_name),
                $($hook)*,
                $($adapter)*,
            ) $($options)*
        };
    };
}
