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

/// The payload of [`user_logout`](super::user_logout).
#[derive(Debug, Clone)]
pub struct UserLogout {
    /// The user whose session ended.
    pub user_id: String,
    /// When.
    pub at: Timestamp,
    /// The server's database.
    pub db: Db,
}

impl UserLogout {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!("user_id={}", self.user_id)
    }
}

/// The payload of [`credit_purchase`](super::credit_purchase): a validated purchase of the
/// caller, who has a wallet, with the purchase's transaction (every callback writes in it) and the
/// slot the payments module answers in.
#[derive(Debug, Clone)]
pub struct CreditPurchase {
    /// Identifies the purchase across the records it produces; the charge's idempotency key.
    pub purchase_id: String,
    /// The buyer.
    pub user_id: String,
    /// The buyer's wallet.
    pub wallet_id: String,
    /// Credits bought: a positive integer.
    pub amount: i64,
    /// The wallet's currency.
    pub currency: String,
    /// The payment method to charge, e.g. `pm_card_visa`.
    pub payment_method: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
    /// When the purchase was accepted.
    pub at: Timestamp,
    /// The purchase's transaction, committed by the purchase endpoint after the trigger.
    pub tx: SharedTx,
    /// Where the payments module says whether the charge was approved.
    pub payment: PaymentSlot,
}

impl CreditPurchase {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!("purchase_id={} user_id={} amount={} {}", self.purchase_id, self.user_id, self.amount, self.currency)
    }
}

/// What came of a purchase's charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentOutcome {
    /// Approved: the provider's payment id, and the credits added.
    Approved {
        /// The provider's id of the payment.
        payment_id: String,
        /// The credits added to the wallet (see [`PaymentProcessed::credits`]).
        credits: i64,
    },
    /// Declined, with the provider's reason.
    Declined {
        /// Why, as the provider says it.
        reason: String,
    },
}

/// The answer slot of [`credit_purchase`](super::credit_purchase): empty until the payments
/// module charged the purchase.
#[derive(Debug, Clone, Default)]
pub struct PaymentSlot(std::sync::Arc<std::sync::Mutex<Option<PaymentOutcome>>>);

impl PaymentSlot {
    /// Records the charge's outcome.
    pub fn set(&self, outcome: PaymentOutcome) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(outcome);
    }

    /// The charge's outcome; `None` while no payments callback charged the purchase.
    pub fn outcome(&self) -> Option<PaymentOutcome> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// The payload of [`payment_processed`](super::payment_processed): an approved charge, to be
/// credited in the purchase's transaction.
#[derive(Debug, Clone)]
pub struct PaymentProcessed {
    /// The purchase.
    pub purchase_id: String,
    /// The provider's id of the payment.
    pub payment_id: String,
    /// The buyer.
    pub user_id: String,
    /// The buyer's wallet.
    pub wallet_id: String,
    /// Credits bought, as charged.
    pub amount: i64,
    /// Credits to add: the amount after the [`credit_amount`](super::credit_amount) filters
    /// (promotions).
    pub credits: i64,
    /// The wallet's currency.
    pub currency: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
    /// When the charge was approved.
    pub at: Timestamp,
    /// The purchase's transaction.
    pub tx: SharedTx,
}

impl PaymentProcessed {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!(
            "purchase_id={} payment_id={} user_id={} amount={} credits={}",
            self.purchase_id, self.payment_id, self.user_id, self.amount, self.credits
        )
    }
}

/// The payload of [`payment_failed`](super::payment_failed): a declined charge.
#[derive(Debug, Clone)]
pub struct PaymentFailed {
    /// The purchase.
    pub purchase_id: String,
    /// The buyer.
    pub user_id: String,
    /// Credits that were not bought.
    pub amount: i64,
    /// The wallet's currency.
    pub currency: String,
    /// Why the provider declined.
    pub reason: String,
    /// The purchase's transaction.
    pub tx: SharedTx,
}

impl PaymentFailed {
    /// What the failure record keeps of this payload.
    pub fn summary(&self) -> String {
        format!("purchase_id={} user_id={} reason={}", self.purchase_id, self.user_id, self.reason)
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
