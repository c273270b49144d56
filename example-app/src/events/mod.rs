//! The contract the modules share: the hooks the credit system offers, their payloads, the
//! contexts the modules register under, and the few helpers every module needs.
//!
//! This is the only module the others import. User management triggers [`user_created`] and
//! [`user_login`]; the wallet's purchase endpoint triggers [`credit_purchase`]; the server
//! triggers [`module_initialized`] once per module at startup; failed callbacks and internal
//! errors trigger [`system_error`] through [`failures`](crate::failures).
//! Who reacts to what is decided by `#[hook_callback]` attributes in the modules, collected at
//! link time.
//!
//! Hooks and contexts are typed items, so rustc checks every use: a misspelled hook or context is
//! a "cannot find" error, and a callback or trigger with another payload type is a type error.
//! They are unit structs, so while one is imported a local binding of the same name does not
//! compile: name them by path (`events::wallet`) where that matters.
//!
//! Callbacks are plain functions registered at link time, not objects built at startup, so they
//! cannot capture state. Every payload therefore carries the database pool ([`Db`]): a server's
//! callbacks use that server's database, and several servers with separate databases can run in
//! one process (the tests do).

mod ids;
mod payloads;
mod time;

pub use ids::new_id;
pub use payloads::{
    CreditPurchase, Db, ModuleInitialized, SystemError, UserCreated, UserData, UserLogin, UserModules, WalletSection,
};
pub use time::Timestamp;

/// The currency every wallet is kept in.
pub const CREDITS: &str = "credits";

/// The modules of the credit system, in the order they are initialized and listed.
pub const MODULES: [&str; 5] = ["user_management", "wallet", "communications", "transactions", "monitoring"];

hooks_core::declare_hook! {
    /// Fired by user management once a new user is validated and stored.
    ///
    /// The wallet opens the account's wallet (priority 5), communications sends the welcome
    /// notification (priority 10), transactions records the opening entry (priority 15).
    pub user_created: UserCreated;
    /// Fired by user management after a successful login.
    pub user_login: UserLogin;
    /// Fired by the wallet's purchase endpoint for a validated purchase of a known user.
    ///
    /// The wallet credits the balance (priority 5), communications notifies the user
    /// (priority 10), transactions records the purchase (priority 15).
    pub credit_purchase: CreditPurchase;
    /// Fired at startup once per module, in that module's context, after migrations ran.
    pub module_initialized: ModuleInitialized;
    /// Fired for every failed hook callback and every internal server error; the monitoring
    /// module records it in the `hook_failures` table.
    pub system_error: SystemError;
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
}
