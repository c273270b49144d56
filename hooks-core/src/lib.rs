//! Event hooks whose registry is built at compile and link time.
//!
//! Modules annotate plain functions with [`#[hook_callback]`](hook_callback); a
//! [`trigger!`](trigger) runs every callback of a hook in priority order, filtered by context,
//! isolating failures, and returns a [`TriggerReport`]. Nothing is registered by hand at runtime,
//! and [`registry()`] shows everything that was collected.
//!
//! ```
//! use hooks_core::{declare_context, declare_hook, hook_callback, trigger};
//!
//! pub struct UserCreated {
//!     pub username: String,
//! }
//!
//! declare_hook! {
//!     /// Fired once a new user is stored.
//!     pub user_created: UserCreated;
//! }
//!
//! declare_context! {
//!     /// The wallet module.
//!     pub wallet;
//!     /// The communications module.
//!     pub communications;
//! }
//!
//! #[hook_callback(user_created, priority = 5, context = wallet)]
//! fn open_wallet(user: &UserCreated) -> Result<(), String> {
//!     println!("wallet opened for {}", user.username);
//!     Ok(())
//! }
//!
//! #[hook_callback(user_created, priority = 10, context = communications)]
//! fn send_welcome(user: &UserCreated) {
//!     println!("welcome, {}", user.username);
//! }
//!
//! let user = UserCreated { username: "ada".into() };
//! let report = trigger!(user_created, user);
//! assert_eq!(report.ran(), 2);
//! assert!(report.is_ok(), "{report}");
//!
//! // Only the wallet callback (and global callbacks, if any) run in the wallet context.
//! let report = trigger!(user_created, &user, context = wallet);
//! assert_eq!(report.ran(), 1);
//!
//! assert!(hooks_core::registry().validate().is_clean());
//! println!("{}", hooks_core::registry().dump());
//! ```
//!
//! - **Typed first**: [`declare_hook!`] and [`declare_context!`] declare hooks and contexts as
//!   items, so rustc checks every name and payload type; a misspelled hook is a "cannot find"
//!   error and a wrong payload type an error on the parameter or argument, naming the hook.
//!   String names (`#[hook_callback("user_created")]`, `trigger!("user_created", user)`) reach
//!   the same hooks, for names known only at runtime and quick scripts.
//! - **Order**: ascending priority (1 to 100, default 10); equal priorities run in the order of
//!   the callbacks' fully qualified paths, identical on every build, platform and link order.
//!   `after = other_callback` and `before = ...` constraints beat priorities (see
//!   [`#[hook_callback]`](hook_callback#ordering-constraints-after-and-before)).
//! - **Context**: a trigger with `context = c` runs the callbacks of context `c` and the callbacks
//!   without a context, in one merged order; a trigger without a context runs all.
//! - **Failures**: an `Err` or a panic is logged and recorded in the [`TriggerReport`]; the
//!   remaining callbacks still run and the trigger never panics.
//! - **Async**: `async fn` callbacks run under [`trigger_async!`], in the same order; `hooks-core`
//!   depends on no executor.
//! - **Chaining**: filters thread a value through their callbacks ([`apply_filters!`]), a callback
//!   may stop its trigger (`ControlFlow::Break`), and first-result hooks return the first answer
//!   ([`first_result!`]); see [Chaining](#chaining-filters-early-stop-first-results).
//! - **Seeing it**: [`Registry::dump`] prints every hook and callback in execution order;
//!   [`Registry::validate`] finds typos, payload mismatches and triggers that would run nothing,
//!   before anything runs.
//! - **Cost**: each `trigger!` call site caches its callbacks; a successful trigger is a walk over
//!   an array of function pointers, with no allocation, hashing or string comparison.
//! - **Linking**: a binary only contains the callbacks of the crates it names; see
//!   [Linking](#linking) (`use that_crate as _;`).
//!
#![doc = include_str!("docs/how_it_works.md")]
#![doc = ""]
#![doc = include_str!("docs/semantics.md")]
#![doc = ""]
#![doc = include_str!("docs/chaining.md")]
#![doc = ""]
#![doc = include_str!("docs/diagnostics.md")]
#![doc = ""]
#![doc = include_str!("docs/linking.md")]
#![doc = ""]
#![doc = include_str!("docs/backends.md")]
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
mod chain;
mod declaration;
mod durable;
mod failed;
mod halt;
mod in_place;
mod kind;
mod payload;
mod record;
mod registration;
mod trigger_site;
mod typed;
// What a trigger runs, and running it.
mod dispatch;
mod dispatch_async;
mod metrics;
mod plan;
mod report;
mod retry;
mod scope;
mod switch;
// The registry built from the records, and the ways into it.
mod constraint;
mod dump;
mod order;
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
pub use durable::Durable;
pub use failed::{CallbackFailed, callback_failed};
pub use kind::HookKind;

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
pub use retry::{RetryTimer, set_retry_timer};
pub use scope::{Scope, Scoped};
pub use trigger_site::TriggerSite;
pub use typed::{TypedContext, TypedFilter, TypedFirstResult, TypedHook};
pub use validate::{Finding, Severity, Validation};

/// Registers a function as a callback of a hook.
///
/// `#[hook_callback(hook)]`, with the options `priority = N`, `context = ctx` and `crate = path`,
/// in any order:
///
/// | part | form | default |
/// |---|---|---|
/// | hook, first | the path of a [`declare_hook!`] item, or a snake_case string literal `[a-z][a-z0-9_]*` | required |
/// | `priority` | an integer literal from 1 to 100; lower runs first | 10 |
/// | `context` | the path of a [`declare_context!`] item, or a non-empty string literal | none: a global callback |
/// | `crate` | the path `hooks-core` is reachable at, for crates that use it through a re-export | `::hooks_core` |
/// | `after`, `before` | the path of a callback of the same hook, or a list `[a, b]`: see [below](#ordering-constraints-after-and-before) | none |
///
/// The function takes exactly one parameter `&T` (`T: 'static + Sized`, the hook's payload type)
/// and returns `()` or `Result<(), E>` with `E: Display` (aliases such as `std::io::Result<()>`
/// work). It may be an `async fn` of the same shapes, run by [`trigger_async!`], whose future must
/// be `Send` (so its payload must be `Sync`). It stays an ordinary function, callable as before.
///
/// ```
/// use hooks_core::{declare_context, declare_hook, hook_callback, trigger};
///
/// pub struct Payment {
///     pub cents: u64,
/// }
///
/// declare_hook! { pub payment_received: Payment; }
/// declare_context! { pub audit; }
///
/// #[hook_callback(payment_received, context = audit, priority = 20)]
/// fn record(payment: &Payment) -> Result<(), std::fmt::Error> {
///     assert!(payment.cents > 0);
///     Ok(())
/// }
///
/// #[hook_callback(payment_received, priority = 1)]
/// async fn settle(payment: &Payment) {
///     assert!(payment.cents > 0);
/// }
///
/// record(&Payment { cents: 5 }).unwrap(); // still a normal function
/// let report = trigger!(payment_received, Payment { cents: 5 });
/// assert_eq!(report.ran(), 1); // the sync trigger runs `record` and reports the async `settle`
/// ```
///
/// With a typed hook, rustc checks the parameter against the hook's payload type; the string form
/// `#[hook_callback("payment_received")]` names the same hook, and
/// [`Registry::validate`] checks it against the declaration at runtime.
///
/// Every misuse is a compile error on the offending token that says what is expected; the function
/// is still emitted, so one mistake gives one error:
///
/// ```compile_fail
/// #[hooks_core::hook_callback("doc_attribute_example", priority = 0)] // 1 to 100
/// fn too_urgent(_: &u64) {}
/// ```
///
/// ```compile_fail
/// hooks_core::declare_hook! { pub order_shipped: u32; }
///
/// #[hooks_core::hook_callback(order_shipped)]
/// fn wrong_payload(_: &String) {} // `String` is not the payload type of hook `order_shipped`
/// ```
///
/// The hook is named by an item declared with [`declare_hook!`] (`#[hook_callback(user_created)]`,
/// checked by rustc), by a snake_case string literal (`#[hook_callback("user_created")]`), or by a
/// `&'static str` constant written as a path in SCREAMING_CASE (`#[hook_callback(USER_CREATED)]`).
/// `priority` is an integer literal from 1 to 100 or the path of a `u8` constant, checked at
/// compile time either way; `context` takes the same three forms as the hook. Every mistake in
/// the attribute and the function's signature is reported in one compile, each on its own token.
///
/// ```
/// const ORDER_PLACED: &str = "doc_order_placed";
///
/// /// Priority bands, as a crate might name them.
/// mod priority {
///     pub const CRITICAL: u8 = 1;
///     pub const NOTIFICATIONS: u8 = 11;
/// }
///
/// #[hooks_core::hook_callback(ORDER_PLACED, priority = priority::NOTIFICATIONS)]
/// fn send_receipt(_: &u64) {}
///
/// #[hooks_core::hook_callback(ORDER_PLACED, priority = priority::CRITICAL)]
/// fn reserve_stock(_: &u64) {}
///
/// let hook = hooks_core::registry().hook(ORDER_PLACED).unwrap();
/// let priorities: Vec<u8> = hook.callbacks().map(|callback| callback.priority()).collect();
/// assert_eq!(priorities, [1, 11]);
/// assert_eq!(hooks_core::trigger!(ORDER_PLACED, 7_u64).ran(), 2);
/// ```
///
/// A constant priority outside 1..=100 fails to compile, with the range, on the constant's path:
///
/// ```compile_fail
/// const PRIO_ANALYTICS: u8 = 150;
///
/// #[hooks_core::hook_callback("doc_priority_out_of_range", priority = PRIO_ANALYTICS)]
/// fn track(_: &u64) {}
/// ```
///
/// # Ordering constraints: `after` and `before`
///
/// `after = path` runs the callback after another callback of the same hook, `before = path`
/// before it; each takes one path or a list, `after = [a, b]`. Constraints beat priorities; the
/// callbacks left free by them still run by priority, then path, so the order is the same on
/// every build:
///
/// ```
/// use hooks_core::{hook_callback, registry, trigger};
///
/// mod wallet {
///     pub static RAN: std::sync::Mutex<Vec<&str>> = std::sync::Mutex::new(Vec::new());
///
///     #[hooks_core::hook_callback("doc_account_opened", priority = 8)]
///     pub fn open_wallet(_: &u64) {
///         RAN.lock().unwrap().push("open_wallet");
///     }
/// }
/// use wallet::RAN;
///
/// // Priority 1 would run it first; the constraint runs it after the wallet is open.
/// #[hook_callback("doc_account_opened", priority = 1, after = wallet::open_wallet)]
/// fn credit_bonus(_: &u64) {
///     RAN.lock().unwrap().push("credit_bonus");
/// }
///
/// #[hook_callback("doc_account_opened", priority = 5, before = [wallet::open_wallet, credit_bonus])]
/// fn check_fraud(_: &u64) {
///     RAN.lock().unwrap().push("check_fraud");
/// }
///
/// assert_eq!(trigger!("doc_account_opened", 1_u64).ran(), 3);
/// assert_eq!(*RAN.lock().unwrap(), ["check_fraud", "open_wallet", "credit_bonus"]);
/// let credit = registry().callback(&format!("{}::credit_bonus", module_path!())).unwrap();
/// assert_eq!(credit.after(), [format!("{}::wallet::open_wallet", module_path!())]);
/// ```
///
/// - **The target** is a function registered with `#[hook_callback]` for the same hook, written
///   as its path from here: `wallet::open_wallet`, `crate::wallet::open_wallet`, `super::audit`,
///   or its bare name in the same module. rustc resolves it: a misspelled target or a function
///   that is not a callback is an error on the path ("cannot find value
///   `hook_callback_free_fn_open_walet`"), and so is a callback of another hook. Each callback has
///   a hidden constant `hook_callback_free_fn_<fn>` beside it, with the function's visibility,
///   which the path actually names: importing the function with `use` does not import it (rustc
///   then suggests the import of `hook_callback_free_fn_...`).
/// - **Per trigger**: a target that a trigger does not run (a callback of another context, a
///   durable callback) counts as met. A durable callback takes no `after` or `before`: it runs in a
///   worker, unordered.
/// - **Cycles** (`a` after `b`, `b` after `a`, possibly across crates) are found when the registry
///   is built: [`Registry::validate`] reports them as an error naming every callback in the cycle,
///   and triggers run that hook's callbacks in priority order. `validate()` also warns when a
///   constraint moves a callback out of its priority band (1-5, 6-10, 11-20, 21+).
/// - **Cost**: the order is computed once, when the registry is built; triggers are unchanged.
///
/// ```compile_fail
/// #[hooks_core::hook_callback("doc_constraint_other_hook")]
/// fn elsewhere(_: &u64) {}
///
/// #[hooks_core::hook_callback("doc_constraint_hook", after = elsewhere)] // another hook
/// fn constrained(_: &u64) {}
/// ```
///
/// Only free functions can be registered. A method, or a function whose signature names `Self`,
/// is refused with "#[hook_callback] cannot register an associated function: write a free
/// function that calls it". An associated function without either cannot be recognised by the
/// attribute; inside an `impl` it fails to compile with "cannot find value
/// `hook_callback_free_fn_open`" on its name (a `#[hook_callback]` needs a free `fn open`),
/// followed by "cannot find value `open`". Either way, write a free function that calls it:
///
/// ```compile_fail
/// struct Wallet;
///
/// impl Wallet {
///     #[hooks_core::hook_callback("doc_wallet_opened")]
///     fn open(_: &u64) {}
/// }
/// ```
///
/// ```
/// struct Wallet;
///
/// impl Wallet {
///     fn open(_: &u64) {}
/// }
///
/// #[hooks_core::hook_callback("doc_wallet_opened")]
/// fn open_wallet(user: &u64) {
///     Wallet::open(user);
/// }
///
/// assert_eq!(hooks_core::trigger!("doc_wallet_opened", 1_u64).ran(), 1);
/// ```
#[doc(inline)]
pub use hooks_macros::hook_callback;

/// Runs every callback of a hook, in priority order, and returns a [`TriggerReport`].
///
/// `trigger!(hook, payload)` runs every callback; `trigger!(hook, payload, context = ctx)` runs the
/// callbacks of that context and the global ones, in one order. The hook and context are written
/// as in [`#[hook_callback]`](hook_callback): typed items or string literals; `crate = path`
/// serves crates that reach `hooks-core` through a re-export. The payload may be a value or any
/// expression of type `&T` (`data`, `&data`, `black_box(&data)`); it is borrowed, never moved.
///
/// ```
/// use hooks_core::{declare_hook, hook_callback, trigger};
///
/// declare_hook! { pub message_posted: String; }
///
/// #[hook_callback(message_posted, context = "moderation")]
/// fn moderate(_: &String) {}
///
/// #[hook_callback(message_posted)]
/// fn index(_: &String) {}
///
/// let message = String::from("hello");
/// assert_eq!(trigger!(message_posted, message).ran(), 2);
/// assert_eq!(trigger!(message_posted, &message, context = "search").ran(), 1);
/// println!("{message}"); // not moved
///
/// // A string name reaches the same hook; its payload type is checked at runtime.
/// assert_eq!(trigger!("message_posted", &message).ran(), 2);
/// ```
///
/// The hook is an item declared with [`declare_hook!`], a snake_case string literal, or a
/// `&'static str` constant written as a path in SCREAMING_CASE; `context = c` takes the same three
/// forms. Through a declared item, rustc checks the payload's type: a payload of another type is a
/// type error on the whole payload expression ("expected `&Shipment`, found `&u32`") that points
/// at the hook as the reason. A name known only at runtime (a variable, a `String`) cannot name a
/// call site's hook: use [`Registry::trigger`] (`hooks_core::registry().trigger(&name, &payload)`)
/// or [`Registry::trigger_in_context`]. Every mistake in the macro's input is reported in one
/// compile, each on its own token.
///
/// ```
/// const PASSWORD_RESET: &str = "doc_password_reset";
/// const MAIL: &str = "mail";
///
/// #[hooks_core::hook_callback(PASSWORD_RESET, context = MAIL)]
/// fn send_link(_: &String) {}
///
/// let email = String::from("ada@example.com");
/// assert_eq!(hooks_core::trigger!(PASSWORD_RESET, &email, context = MAIL).ran(), 1);
///
/// // A name only known at runtime goes through the registry.
/// let name = String::from("doc_password_reset");
/// assert_eq!(hooks_core::registry().trigger(&name, &email).ran(), 1);
/// ```
///
/// ```compile_fail
/// let name = String::from("doc_password_reset");
/// let _ = hooks_core::trigger!(&name, 1_u64); // use hooks_core::registry().trigger(&name, &1_u64)
/// ```
///
/// ```compile_fail
/// pub struct Shipment {
///     pub order: u32,
/// }
///
/// hooks_core::declare_hook! { pub order_shipped: Shipment; }
///
/// let shipment = Shipment { order: 7 };
/// let _ = hooks_core::trigger!(order_shipped, shipment.order); // expected `&Shipment`, found `&u32`
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
/// `trigger_async!(hook, payload)`, with the options `context = ctx` (as for [`trigger!`]),
/// `concurrent = true` and `crate = path`. By default each callback is awaited before the next
/// starts. With `concurrent = true`, consecutive async callbacks of equal priority are polled
/// together (in one task, no executor needed) and the trigger moves on once all of them are done;
/// callbacks of different priorities still run strictly in order, and failures are reported in
/// execution order either way. A panic inside an async callback is caught and reported like a sync
/// one.
///
/// The future borrows the payload and is `Send` whenever the payload is `Sync`, so it can be
/// awaited in an axum handler or inside `tokio::spawn`. `hooks-core` depends on no executor.
/// There is no per-callback timeout (it would need a timer); wrap the trigger in your runtime's
/// timeout if you need one. The callbacks' futures are made in place, in one buffer per trigger:
/// inside the trigger's own future when the largest one (or a concurrent batch's, side by side)
/// fits in 64 bytes, so a trigger allocates nothing; otherwise one allocation per trigger, whatever
/// the number of callbacks.
///
/// The hook and `context` take the same forms as in [`trigger!`]: a declared item, a snake_case
/// string literal or a `&'static str` constant in SCREAMING_CASE. A name known only at runtime
/// goes through [`Registry::trigger_async`] or [`Registry::trigger_async_in_context`].
///
/// ```
/// use hooks_core::{declare_hook, hook_callback, trigger, trigger_async};
///
/// declare_hook! { pub order_placed: u32; }
///
/// #[hook_callback(order_placed, priority = 1)]
/// async fn store(order: &u32) -> Result<(), String> {
///     assert_eq!(*order, 7);
///     Ok(())
/// }
///
/// #[hook_callback(order_placed, priority = 2)]
/// fn audit(_: &u32) {}
///
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// let report = block_on(trigger_async!(order_placed, 7));
/// assert_eq!(report.ran(), 2);
/// assert!(report.is_ok());
///
/// // The sync trigger runs the sync callback and reports the async one.
/// let report = trigger!(order_placed, 7);
/// assert_eq!(report.ran(), 1);
/// assert_eq!(report.failures()[0].kind(), &hooks_core::FailureKind::AsyncCallback);
/// ```
#[doc(inline)]
pub use hooks_macros::trigger_async;

/// Declares the hooks a program offers: as typed items (recommended) or by name.
///
/// **Item form**: `declare_hook! { /// docs \n pub name: PayloadType; ... }` declares, per hook,
/// an item `name` (a struct in the type namespace, implementing [`TypedHook`], so the name stays
/// free for variables and functions) that can be imported with `use` across crates and shows up
/// in rustdoc with its docs and payload type. Naming it in [`#[hook_callback(name)]`](hook_callback),
/// [`trigger!(name, data)`](trigger) and [`trigger_async!(name, data)`](trigger_async) lets rustc
/// check the rest: a misspelled hook is a "cannot find" error, and a callback parameter or
/// trigger payload of another type is a type error naming the hook. Triggers through the item
/// skip the runtime payload check.
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
/// assert_eq!(order_shipped::NAME, "order_shipped");
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
/// Either way, declaring is optional; a declared hook is silent when triggered without callbacks
/// (but [`Registry::validate`] warns about the trigger), and the dump shows its payload type, docs
/// and where it is declared. A leading `crate = path;` serves crates that reach `hooks-core`
/// through a re-export.
#[doc(inline)]
pub use hooks_macros::declare_hook;

/// Declares contexts as items, so that a misspelled context is a compile error.
///
/// `declare_context! { /// docs \n pub wallet; pub communications; }` declares one item per
/// context (implementing [`TypedContext`]); `context = wallet` in
/// [`#[hook_callback]`](hook_callback), [`trigger!`] and [`trigger_async!`] then names it instead
/// of the string `"wallet"` (both forms mean the same context and can be mixed).
///
/// Each name is snake_case, like a hook's; a mistake is reported on the name, with a suggestion
/// (`context name "Wallet" is not snake_case: ...; did you mean "wallet"?`). A `&'static str`
/// constant in SCREAMING_CASE may also name a context: `context = WALLET`.
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
/// assert_eq!(wallet::NAME, "wallet");
/// ```
///
/// ```compile_fail
/// hooks_core::declare_context! { pub wallet; }
///
/// #[hooks_core::hook_callback("doc_context_typo", context = walet)]
/// fn open_wallet(_: &u64) {}
/// ```
///
/// ```compile_fail
/// hooks_core::declare_context! { pub Wallet; }
/// ```
#[doc(inline)]
pub use hooks_macros::declare_context;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// Declares filter hooks: hooks whose callbacks pass a value along, each borrowing the current
/// value and returning the next one.
///
/// `declare_filter! { pub name: Value, Argument; }` declares a filter of `Value` whose filters also
/// read an `Argument`; `pub name: Value;` declares one without an argument. Each becomes an item
/// implementing [`TypedFilter`], which [`#[hook_filter]`](hook_filter), [`apply_filters!`] and
/// [`apply_filters_async!`] name, and a declaration in the registry (the dump shows its kind and
/// types). Doc comments are the declaration's docs; a leading `crate = path;` names `hooks-core`
/// when it is reached through a re-export.
///
/// ```
/// use hooks_core::{apply_filters, declare_filter, hook_filter};
///
/// pub struct Purchase {
///     pub cents: u64,
/// }
///
/// declare_filter! {
///     /// The credits a purchase adds; promotions may raise them.
///     pub credit_amount: u64, Purchase;
///     /// A title, cleaned up before display.
///     pub title: String;
/// }
///
/// #[hook_filter(credit_amount, priority = 5)]
/// fn launch_bonus(credits: &u64, purchase: &Purchase) -> u64 {
///     if purchase.cents >= 10_000 { credits + 50 } else { *credits }
/// }
///
/// #[hook_filter(title)]
/// fn trimmed(title: &String) -> String {
///     title.trim().to_owned()
/// }
///
/// let (credits, report) = apply_filters!(credit_amount, 100, &Purchase { cents: 12_000 });
/// assert_eq!((credits, report.ran()), (150, 1));
/// let (title, _) = apply_filters!(title, String::from("  Welcome "));
/// assert_eq!(title, "Welcome");
/// ```
pub use hooks_macros::declare_filter;

/// Registers a function as a filter of a hook declared with [`declare_filter!`].
///
/// `#[hook_filter(filter)]` takes the options of [`#[hook_callback]`](hook_callback) (`priority`,
/// `context`, `enabled`, `retry`, `backoff`, `crate`); filters run in the same order, with the
/// same context filtering, switches and scopes as callbacks.
///
/// The function borrows the current value and, if the filter has one, the argument, and returns
/// the next value: `fn(&Value, &Argument) -> Value`, `fn(&Value) -> Value` without an argument,
/// or `Result<Value, E>` with `E: Display`; an `async fn` of these shapes runs under
/// [`apply_filters_async!`]. Returning the value is the signature, so a filter cannot forget it.
/// A filter that returns `Err` or panics is reported and skipped: the next filter starts from the
/// last good value.
///
/// rustc checks the function against the declaration: a parameter of another type is an error on
/// the parameter, naming the filter.
///
/// ```
/// use hooks_core::{apply_filters, declare_filter, hook_filter};
///
/// declare_filter! { pub doc_slug: String; }
///
/// #[hook_filter(doc_slug, priority = 1)]
/// fn lowercase(slug: &String) -> String {
///     slug.to_lowercase()
/// }
///
/// #[hook_filter(doc_slug, priority = 2)]
/// fn refuse_empty(slug: &String) -> Result<String, String> {
///     if slug.is_empty() { Err("empty slug".into()) } else { Ok(slug.replace(' ', "-")) }
/// }
///
/// let (slug, report) = apply_filters!(doc_slug, String::from("Hello World"));
/// assert_eq!(slug, "hello-world");
/// assert!(report.is_ok());
///
/// let (slug, report) = apply_filters!(doc_slug, String::new());
/// assert_eq!(slug, ""); // the last good value
/// assert_eq!(report.failures()[0].message(), "empty slug");
/// ```
///
/// ```compile_fail
/// hooks_core::declare_filter! { pub doc_amount: u64; }
///
/// #[hooks_core::hook_filter(doc_amount)]
/// fn wrong(amount: &u32) -> u32 { *amount } // error: the filter's value is `u64`
/// # fn main() {}
/// ```
pub use hooks_macros::hook_filter;

/// Passes a value through the filters of a hook declared with [`declare_filter!`]:
/// `apply_filters!(filter, value, &argument)`, or `apply_filters!(filter, value)` for a filter
/// without an argument, with an optional `context = ctx` (as for [`trigger!`]).
///
/// Returns `(value, TriggerReport)`: the value after the last filter that succeeded, and the
/// report of the filters that ran, failed or were skipped. With no filters at all, the value comes
/// back unchanged and the report is empty; [`Registry::validate`] does not flag it. Async filters
/// are reported as [`FailureKind::AsyncCallback`] and skipped: use [`apply_filters_async!`].
///
/// ```
/// use hooks_core::{apply_filters, declare_context, declare_filter, hook_filter};
///
/// declare_filter! { pub doc_greeting: String, u32; }
/// declare_context! { pub doc_admin; pub doc_shop; }
///
/// #[hook_filter(doc_greeting, context = doc_admin)]
/// fn admin_badge(greeting: &String, level: &u32) -> String {
///     format!("{greeting} (admin level {level})")
/// }
///
/// let (shop, _) = apply_filters!(doc_greeting, String::from("Hi"), &3, context = doc_shop);
/// let (admin, _) = apply_filters!(doc_greeting, String::from("Hi"), &3, context = doc_admin);
/// assert_eq!((shop.as_str(), admin.as_str()), ("Hi", "Hi (admin level 3)"));
/// ```
pub use hooks_macros::apply_filters;

/// [`apply_filters!`] for filters that may be `async fn`: every filter, sync or async, runs one
/// after another in order; the future resolves to `(value, TriggerReport)`. It is `Send` when the
/// value is `Send + Sync` and the argument `Sync`.
///
/// ```
/// use hooks_core::{apply_filters_async, declare_filter, hook_filter};
///
/// declare_filter! { pub doc_async_total: u64; }
///
/// #[hook_filter(doc_async_total, priority = 1)]
/// async fn add_tax(total: &u64) -> u64 {
///     total * 120 / 100
/// }
///
/// #[hook_filter(doc_async_total, priority = 2)]
/// fn round(total: &u64) -> u64 {
///     total.div_ceil(10) * 10
/// }
///
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// let (total, report) = block_on(async { apply_filters_async!(doc_async_total, 101).await });
/// assert_eq!((total, report.ran()), (130, 2));
/// ```
pub use hooks_macros::apply_filters_async;

/// Declares first-result hooks: hooks whose callbacks are asked, in order, for an answer; the
/// first `Some` is the trigger's result and the callbacks after it are not called (pluggy's
/// `firstresult`, tapable's bail hooks).
///
/// `declare_first_result! { pub name: Argument -> Output; }` declares a hook whose callbacks
/// borrow an `Argument` and may answer with an `Output`. Each becomes an item implementing
/// [`TypedFirstResult`], named by [`#[hook_first_result]`](hook_first_result),
/// [`first_result!`] and [`first_result_async!`].
///
/// ```
/// use hooks_core::{declare_first_result, first_result, hook_first_result};
///
/// pub struct Parcel {
///     pub grams: u32,
/// }
///
/// declare_first_result! {
///     /// The shipping price, in cents, from the first carrier that takes the parcel.
///     pub shipping_quote: Parcel -> u64;
/// }
///
/// #[hook_first_result(shipping_quote, priority = 1)]
/// fn letter_post(parcel: &Parcel) -> Option<u64> {
///     (parcel.grams <= 500).then_some(190)
/// }
///
/// #[hook_first_result(shipping_quote, priority = 2)]
/// fn courier(parcel: &Parcel) -> Option<u64> {
///     Some(900 + u64::from(parcel.grams) / 100)
/// }
///
/// let (price, report) = first_result!(shipping_quote, &Parcel { grams: 200 });
/// assert_eq!(price, Some(190));
/// assert!(report.stopped_by().unwrap().path().ends_with("::letter_post"));
/// assert_eq!(report.ran(), 1); // the courier was not asked
///
/// let (price, _) = first_result!(shipping_quote, &Parcel { grams: 2_000 });
/// assert_eq!(price, Some(920));
/// ```
pub use hooks_macros::declare_first_result;

/// Registers a function as a callback of a hook declared with [`declare_first_result!`].
///
/// The options are those of [`#[hook_callback]`](hook_callback). The function borrows the
/// argument and returns `Option<Output>` (or `Result<Option<Output>, E>` with `E: Display`): `None`
/// passes the question to the next callback, `Some` answers it and ends the trigger. A callback
/// that fails or panics is reported and the next one is asked. An `async fn` runs under
/// [`first_result_async!`].
///
/// ```
/// use hooks_core::{declare_first_result, first_result, hook_first_result};
///
/// declare_first_result! { pub doc_resolve_user: String -> u64; }
///
/// #[hook_first_result(doc_resolve_user, priority = 1)]
/// fn from_cache(_name: &String) -> Result<Option<u64>, String> {
///     Err("cache down".into())
/// }
///
/// #[hook_first_result(doc_resolve_user, priority = 2)]
/// fn from_database(name: &String) -> Option<u64> {
///     (name == "ada").then_some(1)
/// }
///
/// let (id, report) = first_result!(doc_resolve_user, &String::from("ada"));
/// assert_eq!(id, Some(1));
/// assert_eq!(report.failures().len(), 1); // the cache's error, reported; the database answered
/// ```
pub use hooks_macros::hook_first_result;

/// Asks the callbacks of a hook declared with [`declare_first_result!`], in order, for an answer:
/// `first_result!(hook, &argument)`, with an optional `context = ctx`. Returns
/// `(Option<Output>, TriggerReport)`: the first `Some`, or `None` when no callback answered; the
/// report's [`stopped_by`](TriggerReport::stopped_by) names the callback that answered. See
/// [`declare_first_result!`] for an example.
pub use hooks_macros::first_result;

/// [`first_result!`] for callbacks that may be `async fn`, asked one after another; the future
/// resolves to `(Option<Output>, TriggerReport)`.
///
/// ```
/// use hooks_core::{declare_first_result, first_result_async, hook_first_result};
///
/// declare_first_result! { pub doc_async_lookup: u32 -> String; }
///
/// #[hook_first_result(doc_async_lookup)]
/// async fn lookup(id: &u32) -> Option<String> {
///     (*id == 7).then(|| "seven".to_owned())
/// }
///
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// let (name, _) = block_on(async { first_result_async!(doc_async_lookup, &7).await });
/// assert_eq!(name.as_deref(), Some("seven"));
/// ```
pub use hooks_macros::first_result_async;
