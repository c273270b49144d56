//! Typed hooks and contexts: names and payload types that rustc checks.
//!
//! `declare_hook! { pub user_created: UserCreated; }` declares an item `user_created` that
//! implements [`TypedHook`]. Naming that item in `#[hook_callback(user_created)]`,
//! `trigger!(user_created, data)` and `trigger_async!(user_created, data)` makes a misspelled hook
//! a "cannot find" error and a wrong payload type a type error, both at compile time; a trigger
//! through it also skips the runtime payload check. `declare_context!` does the same for contexts,
//! and `declare_filter!` and `declare_first_result!` for the hooks that pass a value along.

/// A hook declared as an item by [`declare_hook!`](crate::declare_hook): its name and payload type.
///
/// ```
/// use hooks_core::TypedHook;
///
/// pub struct Refund {
///     pub cents: u64,
/// }
///
/// hooks_core::declare_hook! {
///     /// Fired when a refund is issued.
///     pub refund_issued: Refund;
/// }
///
/// assert_eq!(<refund_issued as TypedHook>::NAME, "refund_issued");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared hook",
    label = "expected a hook declared with `declare_hook!`",
    note = "declare it with `declare_hook! {{ pub name: Payload; }}`, or name the hook with a string literal"
)]
pub trait TypedHook: 'static {
    /// The hook's name, the same string the string form uses.
    const NAME: &'static str;
    /// The type callbacks take by reference and triggers pass.
    type Payload: 'static;
}

/// A context declared by [`declare_context!`](crate::declare_context).
///
/// ```
/// use hooks_core::TypedContext;
///
/// hooks_core::declare_context! {
///     /// The wallet module.
///     pub wallet;
/// }
///
/// assert_eq!(<wallet as TypedContext>::NAME, "wallet");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared context",
    label = "expected a context declared with `declare_context!`",
    note = "declare it with `declare_context! {{ pub name; }}`, or name the context with a string literal"
)]
pub trait TypedContext: 'static {
    /// The context's name, the same string the string form uses.
    const NAME: &'static str;
}

/// A filter hook declared by [`declare_filter!`](crate::declare_filter): its name, the value its
/// filters pass along, and the argument they read.
///
/// ```
/// use hooks_core::TypedFilter;
///
/// pub struct Purchase {
///     pub cents: u64,
/// }
///
/// hooks_core::declare_filter! {
///     /// The credits a purchase adds.
///     pub doc_typed_credits: u64, Purchase;
/// }
///
/// assert_eq!(<doc_typed_credits as TypedFilter>::NAME, "doc_typed_credits");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared filter",
    label = "expected a filter declared with `declare_filter!`",
    note = "declare it with `declare_filter! {{ pub name: Value, Argument; }}` (or `pub name: Value;` without an argument)"
)]
pub trait TypedFilter: 'static {
    /// The filter's name.
    const NAME: &'static str;
    /// The value each filter borrows and replaces.
    type Value: 'static;
    /// What each filter reads besides the value; `()` for a filter declared without one.
    type Argument: 'static;
}

/// A first-result hook declared by [`declare_first_result!`](crate::declare_first_result): its
/// name, the argument its callbacks read, and the output the first of them to answer returns.
///
/// ```
/// use hooks_core::TypedFirstResult;
///
/// hooks_core::declare_first_result! {
///     /// The shipping price of a parcel of this many grams, from the first carrier that quotes.
///     pub doc_typed_quote: u32 -> u64;
/// }
///
/// assert_eq!(<doc_typed_quote as TypedFirstResult>::NAME, "doc_typed_quote");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared first-result hook",
    label = "expected a hook declared with `declare_first_result!`",
    note = "declare it with `declare_first_result! {{ pub name: Argument -> Output; }}`"
)]
pub trait TypedFirstResult: 'static {
    /// The hook's name.
    const NAME: &'static str;
    /// What each callback reads.
    type Argument: 'static;
    /// What the first callback to answer returns, in `Some`.
    type Output: 'static;
}
