//! Procedural macros of the `hooks` framework. Use them through `hooks-core`, which re-exports
//! them and provides the runtime their expansions call.
//!
//! Each macro has a module: its parsed model (`ast`, which implements `syn::parse::Parse`) and
//! its expansion (`chain` holds `#[hook_filter]` and `#[hook_first_result]`, `apply` the macros
//! that apply them). They share the helpers below them: collected errors, `key = value` options,
//! the hook and context references, names, priorities and the path to `hooks-core`.

mod constraints;
mod durable;
mod errors;
mod function;
mod krate;
mod names;
mod options;
mod priority;
mod refs;
mod retry;

mod apply;
mod callback;
mod chain;
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

/// Registers a function as a filter. See `hooks_core::hook_filter`.
#[proc_macro_attribute]
pub fn hook_filter(args: TokenStream, item: TokenStream) -> TokenStream {
    chain::expand(chain::Kind::Filter, args.into(), item.into()).into()
}

/// Registers a function as a first-result callback. See `hooks_core::hook_first_result`.
#[proc_macro_attribute]
pub fn hook_first_result(args: TokenStream, item: TokenStream) -> TokenStream {
    chain::expand(chain::Kind::FirstResult, args.into(), item.into()).into()
}

/// Declares filters. See `hooks_core::declare_filter!`.
#[proc_macro]
pub fn declare_filter(input: TokenStream) -> TokenStream {
    declare::filters(input.into()).into()
}

/// Declares first-result hooks. See `hooks_core::declare_first_result!`.
#[proc_macro]
pub fn declare_first_result(input: TokenStream) -> TokenStream {
    declare::first_results(input.into()).into()
}

/// Passes a value through a filter's callbacks. See `hooks_core::apply_filters!`.
#[proc_macro]
pub fn apply_filters(input: TokenStream) -> TokenStream {
    apply::expand(input.into(), apply::Flavor { filter: true, asynchronous: false }).into()
}

/// Passes a value through a filter's callbacks, awaiting async ones. See
/// `hooks_core::apply_filters_async!`.
#[proc_macro]
pub fn apply_filters_async(input: TokenStream) -> TokenStream {
    apply::expand(input.into(), apply::Flavor { filter: true, asynchronous: true }).into()
}

/// Asks a first-result hook's callbacks for a result. See `hooks_core::first_result!`.
#[proc_macro]
pub fn first_result(input: TokenStream) -> TokenStream {
    apply::expand(input.into(), apply::Flavor { filter: false, asynchronous: false }).into()
}

/// Asks a first-result hook's callbacks for a result, awaiting async ones. See
/// `hooks_core::first_result_async!`.
#[proc_macro]
pub fn first_result_async(input: TokenStream) -> TokenStream {
    apply::expand(input.into(), apply::Flavor { filter: false, asynchronous: true }).into()
}
