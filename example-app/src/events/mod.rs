//! The contract the modules share: the hooks the credit system offers, their payloads, the
//! contexts the modules register under (a module is named by its context: [`MODULES`]), and the
//! ids and timestamps the payloads carry.
//!
//! No module imports another; they know each other only through this contract (and share the
//! plumbing of [`http`](crate::http), [`failures`](crate::failures) and
//! [`readiness`](crate::readiness)). User management triggers [`user_created`] and
//! [`user_login`]; the wallet's purchase endpoint triggers [`credit_purchase`]; the server
//! triggers [`module_initialized`] once per module at startup; failed callbacks and internal
//! errors trigger [`system_error`] through [`failures`](crate::failures).
//! Who reacts to what is decided by `#[hook_callback]` attributes in the modules, collected at
//! link time.
//!
//! Hooks and contexts are typed items, so rustc checks every use: a misspelled hook or context is
//! a "cannot find" error, and a callback or trigger with another payload type is a type error.
//! Each name is written once, in the declarations below; other code reads it from the item
//! (`user_created::NAME`, `<wallet as TypedContext>::NAME`), so no hook or context name is spelled
//! as a string anywhere else. The items are empty braced structs, in the type namespace only, so
//! a local variable of the same name can sit next to an imported one.
//!
//! Callbacks are plain functions registered at link time, not objects built at startup, so they
//! cannot capture state. The callbacks of [`user_created`] are durable: the trigger records one
//! job per callback in the registration's own transaction, and a worker runs each job later in a
//! transaction of its own, which the callback writes through; their payload is plain data. The
//! payload of [`credit_purchase`] carries the purchase's transaction, which its callbacks (in
//! three modules) write in, so the credit, its ledger line and the notice commit together. The
//! payloads of the other hooks carry the database pool ([`Db`]) their in-process callbacks write
//! to, so several servers with separate databases can run in one process (the tests do).

mod ids;
mod payloads;
mod time;

use hooks_core::TypedContext;

pub use ids::new_id;
pub use payloads::{
    CreditPurchase, Db, ModuleInitialized, PaymentFailed, PaymentOutcome, PaymentProcessed, PaymentSlot, SystemError,
    UserCreated, UserData, UserLogin, UserLogout, UserModules, WalletOpened, WalletSection,
};
pub use time::Timestamp;

/// The currency every wallet is kept in.
pub const CREDITS: &str = "credits";

hooks_core::declare_hook! {
    /// Fired by user management in the transaction that stores a new user.
    ///
    /// Its callbacks are durable, enqueued in that transaction and run by workers, in no
    /// particular order: the wallet opens the account's wallet (and fires [`wallet_opened`]),
    /// communications sends the welcome notification.
    pub user_created: UserCreated;
    /// Fired by the wallet module in the job transaction that opens a wallet, so its durable
    /// callbacks are enqueued only once the wallet exists: transactions records the opening entry.
    pub wallet_opened: WalletOpened;
    /// Fired by user management after a successful login.
    pub user_login: UserLogin;
    /// Fired by user management after a logout revoked the caller's session token.
    ///
    /// Communications notes the session's end for the user.
    pub user_logout: UserLogout;
    /// Fired by the wallet's purchase endpoint for a validated purchase of the caller, in the
    /// purchase's transaction: committed when every callback succeeded, rolled back otherwise.
    ///
    /// The payments module charges the payment method and answers in the payload's
    /// [`PaymentSlot`]: approved (it then fires [`payment_processed`]) or declined (it fires
    /// [`payment_failed`]).
    pub credit_purchase: CreditPurchase;
    /// Fired by the payments module once a purchase's charge was approved, in the purchase's
    /// transaction.
    ///
    /// The wallet credits the balance (priority 5), communications sends the receipt
    /// (priority 10), transactions records the ledger line (after the wallet's credit): all three commit
    /// together, or none does.
    pub payment_processed: PaymentProcessed;
    /// Fired by the payments module when a purchase's charge was declined, in the purchase's
    /// transaction; nothing is credited.
    ///
    /// Communications tells the user why.
    pub payment_failed: PaymentFailed;
    /// Fired at startup once per module, in that module's context, after migrations ran.
    pub module_initialized: ModuleInitialized;
    /// Fired for every failed hook callback and every internal server error; the monitoring
    /// module records it in the `hook_failures` table.
    pub system_error: SystemError;
}

hooks_core::declare_filter! {
    /// The credits a paid purchase adds to the buyer's wallet, starting from the amount bought;
    /// applied by the payments module once the charge is approved, before the wallet is credited.
    ///
    /// The promotions module raises the credits of large purchases.
    pub credit_amount: i64, CreditPurchase;
}

hooks_core::declare_context! {
    /// User management: accounts, passwords, logins.
    pub user_management;
    /// The wallet module: balances.
    pub wallet;
    /// The communications module: notifications to users.
    pub communications;
    /// The transactions module: the ledger of wallet movements.
    pub transactions;
    /// The monitoring module: the record of failures.
    pub monitoring;
    /// The payments module: charges through a payment provider.
    pub payments;
}

/// The modules of the credit system, in the order they are initialized and listed: each module
/// is named by its context, declared above.
pub const MODULES: [&str; 6] = [
    <user_management as TypedContext>::NAME,
    <wallet as TypedContext>::NAME,
    <payments as TypedContext>::NAME,
    <communications as TypedContext>::NAME,
    <transactions as TypedContext>::NAME,
    <monitoring as TypedContext>::NAME,
];
