//! The payload of each hook, and a `summary()` for the failure record that never includes
//! secrets. [`UserCreated`] is plain data, stored with the jobs of its durable callbacks (which
//! write through their job's own transaction); the other payloads carry the pool of the database
//! their in-process callbacks write to (see the [module docs](super) for why).

use serde::{Deserialize, Serialize};

use super::Timestamp;

pub use crate::database::Db;
use crate::database::SharedTx;

/// The payload of [`user_created`](super::user_created): the stored user, as the original
/// system's hook data. It carries no password or password hash, and no database handle: it is
/// stored as JSON with the jobs of the hook's durable callbacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCreated {
    /// The new user's id.
    pub user_id: String,
    /// The unique username.
    pub username: String,
    /// The email address, as entered (already validated).
    pub email: String,
    /// The user document, with its per-module sections.
    pub user_data: UserData,
    /// When the user was stored.
    pub created_at: Timestamp,
    /// The id of the application the user registered through.
    pub app_id: String,
    /// The display name of that application, used in notifications.
    pub app_name: String,
    /// Where the registration came from, e.g. `"public_api"`.
    pub source: String,
}

impl UserCreated {
    /// What the failure record keeps of this payload: ids and names, no secrets.
    pub fn summary(&self) -> String {
        format!("user_id={} username={} email={} source={}", self.user_id, self.username, self.email, self.source)
    }
}

/// The user document carried by [`UserCreated`]; serialised as the `user` of API responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserData {
    /// Given name; may be empty.
    pub first_name: String,
    /// Family name; may be empty.
    pub last_name: String,
    /// Phone number as entered; may be empty.
    pub phone: String,
    /// Account status, `"active"` for a new user.
    pub status: String,
    /// The sections each module owns in the user document.
    pub modules: UserModules,
}

/// The per-module sections of a user document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserModules {
    /// The wallet module's section.
    pub wallet: WalletSection,
}

/// The wallet section of a user document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletSection {
    /// Whether the user has a wallet.
    pub enabled: bool,
    /// The balance, in [`currency`](Self::currency) units.
    pub balance: i64,
    /// The wallet's currency.
    pub currency: String,
    /// When the wallet last changed.
    pub last_updated: String,
}

impl WalletSection {
    /// The section of a new account: enabled, with a balance of 0 [credits](super::CREDITS).
    pub fn new_account(now: Timestamp) -> WalletSection {
        WalletSection { enabled: true, balance: 0, currency: super::CREDITS.to_owned(), last_updated: now.to_string() }
    }
}

/// The payload of [`wallet_opened`](super::wallet_opened): a new user's wallet, as opened. Plain
/// data, stored with the jobs of the hook's durable callbacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletOpened {
    /// The wallet's owner.
    pub user_id: String,
    /// The new wallet.
    pub wallet_id: String,
    /// Its opening balance.
    pub balance: i64,
    /// Its currency.
    pub currency: String,
    /// The display name of the application the user registered through.
    pub app_name: String,
}

/// The payload of [`user_login`](super::user_login).
#[derive(Debug, Clone)]
pub struct UserLogin {
    /// The user who logged in.
    pub user_id: String,
    /// Their username.
    pub username: String,
    /// When.
    pub at: Timestamp,
    /// The server's database.
    pub db: Db,
}

impl UserLogin {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!("user_id={} username={}", self.user_id, self.username)
    }
}

/// The payload of [`credit_purchase`](super::credit_purchase): a validated purchase for a user
/// who has a wallet, with the purchase's transaction. Every callback writes in that transaction:
/// the credit, its ledger line and the notice commit together when every callback succeeded, and
/// none of them otherwise.
#[derive(Debug, Clone)]
pub struct CreditPurchase {
    /// Identifies the purchase across the records it produces.
    pub purchase_id: String,
    /// The buyer.
    pub user_id: String,
    /// The buyer's wallet.
    pub wallet_id: String,
    /// Credits bought: a positive integer.
    pub amount: i64,
    /// The wallet's currency.
    pub currency: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
    /// When the purchase was accepted.
    pub at: Timestamp,
    /// The purchase's transaction, committed by the purchase endpoint after the trigger.
    pub tx: SharedTx,
}

impl CreditPurchase {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!("purchase_id={} user_id={} amount={} {}", self.purchase_id, self.user_id, self.amount, self.currency)
    }
}

/// The payload of [`module_initialized`](super::module_initialized).
#[derive(Debug, Clone)]
pub struct ModuleInitialized {
    /// The module being initialized, one of [`MODULES`](super::MODULES).
    pub module: &'static str,
    /// The application's display name.
    pub app_name: String,
    /// The server's database, already migrated.
    pub db: Db,
}

/// The payload of [`system_error`](super::system_error): one failure to record.
#[derive(Debug, Clone)]
pub struct SystemError {
    /// The hook whose callback failed, or `"http"` for an internal server error.
    pub hook: String,
    /// The failed callback's path, or the request handler's name.
    pub callback: String,
    /// The error or panic message.
    pub error: String,
    /// What was being processed, without secrets.
    pub payload_summary: String,
    /// When it failed.
    pub at: Timestamp,
    /// The server's database.
    pub db: Db,
}
