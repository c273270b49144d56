//! Procedural macros of the `hooks` framework. Use them through `hooks-core`, which re-exports
//! them and provides the runtime their expansions call.
//!
//! Each macro has a module: its parsed model (`ast`, which implements `syn::parse::Parse`) and
//! its expansion. They share the helpers below them: collected errors, `key = value` options,
//! the hook and context references, names, priorities and the path to `hooks-core`.

mod constraints;
mod durable;
mod errors;
mod krate;
mod names;
mod options;
mod priority;
mod refs;
mod retry;

mod callback;
mod declare;
mod trigger;

use proc_macro::TokenStream;

/// Registers a function as a hook callback. See `hooks_core::hook_callback`.
#[proc_macro_attribute]
pub fn hook_callback(args: TokenStream, item: TokenStream) -> TokenStream {
    callback::expand(args.into(), item.into()).into()
}

/// Triggers a hook. See `hooks_core::trigger!`.
#[proc_macro]
pub fn trigger(input: TokenStream) -> TokenStream {
    trigger::expand::<trigger::Sync>(input.into()).into()
}

/// Triggers a hook, awaiting async callbacks. See `hooks_core::trigger_async!`.
#[proc_macro]
pub fn trigger_async(input: TokenStream) -> TokenStream {
    trigger::expand::<trigger::Async>(input.into()).into()
}

/// Declares a hook. See `hooks_core::declare_hook!`.
#[proc_macro]
pub fn declare_hook(input: TokenStream) -> TokenStream {
    declare::hooks(input.into()).into()
}

/// Declares contexts checked by rustc. See `hooks_core::declare_context!`.
#[proc_macro]
pub fn declare_context(input: TokenStream) -> TokenStream {
    declare::contexts(input.into()).into()
}
