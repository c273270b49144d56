//! Typed hooks and contexts: names and payload types that rustc checks.
//!
//! `declare_hook! { pub user_created: UserCreated; }` declares an item `user_created` that
//! implements [`TypedHook`]. Naming that item in `#[hook_callback(user_created)]`,
//! `trigger!(user_created, data)` and `trigger_async!(user_created, data)` makes a misspelled hook
//! a "cannot find" error and a wrong payload type a type error, both at compile time; a trigger
//! through it also skips the runtime payload check. `declare_context!` does the same for contexts.

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
