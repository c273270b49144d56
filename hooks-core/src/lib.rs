//! Event hooks whose registry is built at compile and link time.
//!
//! Modules annotate plain functions; a trigger runs every callback of a hook in priority order,
//! isolating failures, and returns a report. Nothing is registered by hand at runtime.
//!
//! ```
//! use hooks_core::{hook_callback, trigger};
//!
//! pub struct UserCreated {
//!     pub username: String,
//! }
//!
//! hooks_core::declare_hook!(
//!     /// Fired once a new user is stored.
//!     "crate_doc_user_created", UserCreated
//! );
//!
//! #[hook_callback("crate_doc_user_created", priority = 5, context = "wallet")]
//! fn open_wallet(user: &UserCreated) -> Result<(), String> {
//!     println!("wallet opened for {}", user.username);
//!     Ok(())
//! }
//!
//! #[hook_callback("crate_doc_user_created", priority = 10, context = "communications")]
//! fn send_welcome(user: &UserCreated) {
//!     println!("welcome, {}", user.username);
//! }
//!
//! let user = UserCreated { username: "ada".into() };
//! let report = trigger!("crate_doc_user_created", user);
//! assert_eq!(report.ran(), 2);
//! assert!(report.is_ok());
//!
//! // Only the wallet callback (and global callbacks, if any) run for the "wallet" context.
//! let report = trigger!("crate_doc_user_created", &user, context = "wallet");
//! assert_eq!(report.ran(), 1);
//!
//! assert!(hooks_core::registry().validate().is_clean());
//! println!("{}", hooks_core::registry().dump());
//! ```
//!
//! - **Registration**: [`#[hook_callback]`](hook_callback) keeps the function as written and emits
//!   a static [`Callback`] record, collected at link time by `inventory`.
//! - **Order**: ascending priority (1 to 100, default 10); equal priorities run in the order of
//!   the callbacks' fully qualified paths, identical on every build, platform and link order.
//! - **Context**: a trigger with `context = "c"` runs the callbacks of context `"c"` and the
//!   callbacks without a context, in one merged order; a trigger without a context runs all.
//! - **Failures**: an `Err` or a panic is logged at `error` level and recorded in the
//!   [`TriggerReport`]; the remaining callbacks still run and the trigger never panics.
//! - **Unknown hooks**: a trigger of a name with no callbacks and no declaration logs a warning
//!   (once per call site, with a "did you mean") and returns a report whose
//!   [`hook_known`](TriggerReport::hook_known) is `false`.
//! - **Payloads**: any `'static` type; callbacks take `&T`, triggers take `T` or `&T` and never
//!   move it. A callback of another payload type is not called and is reported.
//! - **Nesting**: callbacks may trigger hooks; a trigger nested more than [`MAX_NESTING`] deep
//!   is refused with a failure instead of overflowing the stack.
//! - **Cost**: each `trigger!` call site caches its plan; with no `tracing` subscriber interested,
//!   a successful trigger is a slice walk with no allocation, hashing or string comparison.
//! - **Linking**: a binary only contains the callbacks of the crates it names; see the README's
//!   linking caveat (`use that_crate as _;`).

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

// Lets the crate's own tests and doc examples expand the macros, which name `::hooks_core`.
#[allow(unused_extern_crates)]
extern crate self as hooks_core;

#[cfg(feature = "linkme")]
#[path = "backend/linkme.rs"]
mod backend;
#[cfg(all(feature = "inventory", not(feature = "linkme")))]
#[path = "backend/inventory.rs"]
mod backend;
#[cfg(not(any(feature = "inventory", feature = "linkme")))]
compile_error!("hooks-core needs a collection backend: enable the feature `inventory` (default) or `linkme`");
// Records, leaves of the crate: what generated code emits and the link-time backend collects.
mod adapter;
mod callback;
mod declaration;
mod payload;
mod trigger_site;
mod typed;
// What a trigger runs, and running it.
mod dispatch;
mod dispatch_async;
mod plan;
mod report;
// The registry built from the records, and the ways into it.
mod dump;
mod registry;
mod suggest;
mod trigger;
mod validate;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use callback::Callback;
pub use declaration::Declaration;
pub use dispatch::MAX_NESTING;

/// The link-time collection backend this program was built with: `"inventory"` (the default) or
/// `"linkme"` (the feature of that name).
///
/// ```
/// assert!(["inventory", "linkme"].contains(&hooks_core::BACKEND));
/// ```
pub const BACKEND: &str = backend::NAME;
pub use dump::Dump;
pub use registry::{Hook, Registry, registry};
pub use report::{Failure, FailureKind, TriggerReport};
pub use trigger_site::TriggerSite;
pub use typed::{TypedContext, TypedHook};
pub use validate::{Finding, Severity, Validation};

/// Registers a function as a callback of a hook.
///
/// `#[hook_callback("name")]`, `#[hook_callback("name", priority = N)]`,
/// `#[hook_callback("name", priority = N, context = "ctx")]`, keys in any order. The hook name is
/// a snake_case string literal, the priority an integer literal from 1 to 100 (default 10), the
/// context a non-empty string literal.
///
/// The function must take exactly one parameter of type `&T` (`T: 'static`) and return `()` or
/// `Result<(), E>` with `E: Display`. It stays an ordinary function, callable as before.
///
/// ```
/// #[hooks_core::hook_callback("doc_attribute_example", context = "audit", priority = 20)]
/// fn record(amount: &u64) -> Result<(), std::fmt::Error> {
///     assert!(*amount > 0);
///     Ok(())
/// }
///
/// record(&5).unwrap(); // still a normal function
/// assert_eq!(hooks_core::trigger!("doc_attribute_example", 5_u64).ran(), 1);
/// ```
///
/// Mistakes are compile errors that point at the offending token:
///
/// ```compile_fail
/// #[hooks_core::hook_callback("doc_attribute_example", priority = 0)]
/// fn too_urgent(_: &u64) {}
/// ```
#[doc(inline)]
pub use hooks_macros::hook_callback;

/// Runs every callback of a hook, in priority order, and returns a [`TriggerReport`].
///
/// `trigger!("name", payload)` runs all callbacks; `trigger!("name", payload, context = "ctx")`
/// runs the callbacks of that context and the global ones. The payload may be a value or a
/// reference; it is borrowed, never moved.
///
/// ```
/// #[hooks_core::hook_callback("doc_trigger_example", context = "a")]
/// fn in_a(_: &String) {}
///
/// #[hooks_core::hook_callback("doc_trigger_example")]
/// fn everywhere(_: &String) {}
///
/// let message = String::from("hello");
/// assert_eq!(hooks_core::trigger!("doc_trigger_example", message).ran(), 2);
/// assert_eq!(hooks_core::trigger!("doc_trigger_example", &message, context = "b").ran(), 1);
/// println!("{message}"); // not moved
/// ```
///
/// ```compile_fail
/// let _ = hooks_core::trigger!("NotSnakeCase", 1);
/// ```
#[doc(inline)]
pub use hooks_macros::trigger;

/// Runs every callback of a hook, sync and async, in one priority order; returns a future of the
/// [`TriggerReport`].
///
/// `trigger_async!("name", payload)`, with the options `context = "ctx"` (as for
/// [`trigger!`]) and `concurrent = true`. By default each callback is awaited before the next
/// starts. With `concurrent = true`, consecutive async callbacks of equal priority are polled
/// together (in one task, no executor needed) and the trigger moves on once all of them are done;
/// callbacks of different priorities still run strictly in order, and failures are reported in
/// execution order either way.
///
/// The future borrows the payload and is `Send` whenever the payload is `Sync`, so it can be
/// awaited in an axum handler or inside `tokio::spawn`. `hooks-core` depends on no executor.
/// There is no per-callback timeout (it would need a timer); wrap the trigger in your runtime's
/// timeout if you need one. Each async callback's future is boxed, one allocation per callback.
///
/// ```standalone_crate
/// #[hooks_core::hook_callback("doc_async_example", priority = 1)]
/// async fn store(order: &u32) -> Result<(), String> {
///     assert_eq!(*order, 7);
///     Ok(())
/// }
///
/// #[hooks_core::hook_callback("doc_async_example", priority = 2)]
/// fn audit(_: &u32) {}
///
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// let report = block_on(hooks_core::trigger_async!("doc_async_example", 7_u32));
/// assert_eq!(report.ran(), 2);
/// assert!(report.is_ok());
///
/// // The sync trigger runs the sync callback and reports the async one.
/// let report = hooks_core::trigger!("doc_async_example", 7_u32);
/// assert_eq!(report.ran(), 1);
/// assert_eq!(report.failures()[0].kind(), &hooks_core::FailureKind::AsyncCallback);
/// ```
#[doc(inline)]
pub use hooks_macros::trigger_async;

/// Declares the hooks a program offers: as typed items (recommended) or by name.
///
/// **Item form**: `declare_hook! { /// docs \n pub name: PayloadType; ... }` declares, per hook,
/// an item `name` (a unit struct implementing [`TypedHook`]) that can be imported with `use`
/// across crates and shows up in rustdoc with its docs and payload type. Naming it in
/// [`#[hook_callback(name)]`](hook_callback), [`trigger!(name, data)`](trigger) and
/// [`trigger_async!(name, data)`](trigger_async) lets rustc check the rest: a misspelled hook is a
/// "cannot find" error, and a callback parameter or trigger payload of another type is a type
/// error naming the hook. Triggers through the item skip the runtime payload check.
///
/// ```
/// pub struct Shipment {
///     pub order: u32,
/// }
///
/// hooks_core::declare_hook! {
///     /// Fired when an order ships.
///     pub order_shipped: Shipment;
///     /// Fired when an order is cancelled before it ships.
///     pub(crate) order_cancelled: u32;
/// }
///
/// #[hooks_core::hook_callback(order_shipped, priority = 5)]
/// fn notify(shipment: &Shipment) {
///     assert_eq!(shipment.order, 7);
/// }
///
/// let report = hooks_core::trigger!(order_shipped, Shipment { order: 7 });
/// assert_eq!(report.ran(), 1);
/// // The string form reaches the same hook.
/// assert_eq!(hooks_core::trigger!("order_shipped", Shipment { order: 7 }).ran(), 1);
/// ```
///
/// ```compile_fail
/// hooks_core::declare_hook! { pub order_shipped: u32; }
///
/// let _ = hooks_core::trigger!(order_shipped, "seven"); // not the payload type of `order_shipped`
/// ```
///
/// **String form**: `declare_hook!("name")` or `declare_hook!("name", PayloadType)`, with doc
/// comments before the name. It declares no item; [`Registry::validate`] checks callbacks against
/// it at runtime.
///
/// ```
/// hooks_core::declare_hook!(
///     /// Fired when an order ships.
///     "doc_order_shipped", u32
/// );
/// hooks_core::declare_hook!("doc_order_cancelled");
///
/// let report = hooks_core::trigger!("doc_order_shipped", 1_u32);
/// assert!(report.hook_known());
/// assert_eq!(report.ran(), 0);
/// ```
///
/// Either way, a declared hook is silent when triggered without callbacks, and the dump shows its
/// payload type and where it is declared.
#[doc(inline)]
pub use hooks_macros::declare_hook;

/// Declares contexts as items, so that a misspelled context is a compile error.
///
/// `declare_context! { /// docs \n pub wallet; pub communications; }` declares one item per
/// context; `context = wallet` in [`#[hook_callback]`](hook_callback), [`trigger!`] and
/// [`trigger_async!`] then names it instead of the string `"wallet"` (both forms mean the same
/// context and can be mixed).
///
/// ```
/// hooks_core::declare_context! {
///     /// The wallet module.
///     pub wallet;
/// }
///
/// #[hooks_core::hook_callback("doc_context_example", context = wallet)]
/// fn open_wallet(_: &u64) {}
///
/// assert_eq!(hooks_core::trigger!("doc_context_example", 1_u64, context = wallet).ran(), 1);
/// assert_eq!(hooks_core::trigger!("doc_context_example", 1_u64, context = "wallet").ran(), 1);
/// ```
///
/// ```compile_fail
/// hooks_core::declare_context! { pub wallet; }
///
/// #[hooks_core::hook_callback("doc_context_typo", context = walet)]
/// fn open_wallet(_: &u64) {}
/// ```
#[doc(inline)]
pub use hooks_macros::declare_context;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
