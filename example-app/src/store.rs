//! The in-memory database: users, wallets, notifications, transactions, and a log of which
//! callback ran for which user.
//!
//! Hook callbacks are plain functions, so the store is a process-wide `static` behind a
//! [`Mutex`]; [`lock`] returns it. Ids come from one sequence (`user_0001`, `wallet_0002`, ...),
//! so they are unique across collections. Nothing is ever removed: two registrations in one
//! process (the demo and the tests, say) live side by side, and the queries here are per user.
//!
//! A callback must not hold the lock while it triggers a hook whose callbacks lock it too.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::events::Timestamp;

static STORE: Mutex<Store> = Mutex::new(Store::new());

/// Locks the store. A panic in another holder does not make it unusable: the data is plain
/// records, valid after any partial update.
pub fn lock() -> MutexGuard<'static, Store> {
    STORE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Appends `callback` to the execution log of `user_id`.
pub fn record_execution(user_id: &str, callback: &'static str) {
    lock().execution_log.push(Execution { user_id: user_id.to_owned(), callback });
}

/// The collections, in insertion order.
#[derive(Debug)]
pub struct Store {
    /// Registered users.
    pub users: Vec<User>,
    /// One wallet per user that has one.
    pub wallets: Vec<Wallet>,
    /// Notifications, read or not.
    pub notifications: Vec<Notification>,
    /// Wallet transactions.
    pub transactions: Vec<Transaction>,
    /// Which callback ran for which user, in the order they ran.
    pub execution_log: Vec<Execution>,
    last_id: u64,
}

impl Store {
    const fn new() -> Store {
        Store {
            users: Vec::new(),
            wallets: Vec::new(),
            notifications: Vec::new(),
            transactions: Vec::new(),
            execution_log: Vec::new(),
            last_id: 0,
        }
    }

    /// A fresh id, `<prefix>_<number>`, unique in the store.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.last_id += 1;
        format!("{prefix}_{:04}", self.last_id)
    }

    /// The user of that id.
    pub fn user(&self, user_id: &str) -> Option<&User> {
        self.users.iter().find(|user| user.id == user_id)
    }

    /// The wallet of that user.
    pub fn wallet_of(&self, user_id: &str) -> Option<&Wallet> {
        self.wallets.iter().find(|wallet| wallet.user_id == user_id)
    }

    /// The notifications of that user, oldest first.
    pub fn notifications_of<'a>(&'a self, user_id: &'a str) -> impl Iterator<Item = &'a Notification> + 'a {
        self.notifications.iter().filter(move |notification| notification.user_id == user_id)
    }

    /// The transactions of that user, oldest first.
    pub fn transactions_of<'a>(&'a self, user_id: &'a str) -> impl Iterator<Item = &'a Transaction> + 'a {
        self.transactions.iter().filter(move |transaction| transaction.user_id == user_id)
    }

    /// The callbacks that ran for that user, in order.
    pub fn execution_order_of(&self, user_id: &str) -> Vec<&'static str> {
        self.execution_log.iter().filter(|entry| entry.user_id == user_id).map(|entry| entry.callback).collect()
    }

    /// How many records that user has in each collection.
    pub fn counts_of(&self, user_id: &str) -> Counts {
        Counts {
            users: self.users.iter().filter(|user| user.id == user_id).count(),
            wallets: self.wallets.iter().filter(|wallet| wallet.user_id == user_id).count(),
            notifications: self.notifications_of(user_id).count(),
            transactions: self.transactions_of(user_id).count(),
        }
    }

    /// How many records each collection holds, for all users.
    pub fn totals(&self) -> Counts {
        Counts {
            users: self.users.len(),
            wallets: self.wallets.len(),
            notifications: self.notifications.len(),
            transactions: self.transactions.len(),
        }
    }
}

/// Record counts per collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Users.
    pub users: usize,
    /// Wallets.
    pub wallets: usize,
    /// Notifications.
    pub notifications: usize,
    /// Transactions.
    pub transactions: usize,
}

/// A registered user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// `user_<n>`.
    pub id: String,
    /// Unique username.
    pub username: String,
    /// Unique email address.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Account status.
    pub status: String,
    /// The application the user registered through.
    pub app_id: String,
    /// When the user was stored.
    pub created_at: Timestamp,
}

/// A user's credit wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wallet {
    /// `wallet_<n>`.
    pub id: String,
    /// The owner.
    pub user_id: String,
    /// Current balance, in `currency` units.
    pub balance: i64,
    /// The wallet's currency, `"credits"`.
    pub currency: String,
    /// When the wallet was opened.
    pub created_at: Timestamp,
}

/// A message to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// `notification_<n>`.
    pub id: String,
    /// The recipient.
    pub user_id: String,
    /// What kind of notification, e.g. `"welcome"`.
    pub kind: String,
    /// One-line title.
    pub title: String,
    /// The body.
    pub message: String,
    /// `"low"`, `"normal"` or `"high"`.
    pub priority: String,
    /// `"unread"` or `"read"`.
    pub status: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// Where it came from.
    pub metadata: NotificationMetadata,
}

/// The origin of a [`Notification`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationMetadata {
    /// The registration source, e.g. `"external_app"`.
    pub source: String,
    /// The application's display name.
    pub app_name: String,
    /// The address the notification concerns.
    pub email: String,
}

/// A movement on a wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// `transaction_<n>`.
    pub id: String,
    /// The wallet's owner.
    pub user_id: String,
    /// The wallet.
    pub wallet_id: String,
    /// `"opening"`, `"credit"`, `"debit"`.
    pub kind: String,
    /// Signed amount, in `currency` units.
    pub amount: i64,
    /// The wallet's currency.
    pub currency: String,
    /// The wallet's balance after this transaction.
    pub balance_after: i64,
    /// A human-readable description.
    pub description: String,
    /// When it was recorded.
    pub created_at: Timestamp,
}

/// One entry of the execution log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Execution {
    /// The user whose hook ran the callback.
    pub user_id: String,
    /// The callback's module name: `"wallet"`, `"communications"`, `"transactions"`.
    pub callback: &'static str,
}
