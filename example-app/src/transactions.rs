//! Transactions: the opening entry of every new wallet.
//!
//! Reacts to [`user_created`] at priority 15 (after the wallet module, priority 5, has opened the
//! wallet), in context [`transactions`].

use std::error::Error;
use std::fmt;

use hooks_core::hook_callback;

use crate::events::{Timestamp, UserCreated, transactions, user_created};
use crate::store::{self, Transaction};

/// The name this module records in the execution log.
pub const NAME: &str = "transactions";

/// Why no opening transaction was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionError {
    /// The user has no wallet to book the opening on (the wallet callback failed, did not run,
    /// or the user's wallet is disabled).
    NoWallet {
        /// The user without a wallet.
        user_id: String,
    },
}

impl fmt::Display for TransactionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransactionError::NoWallet { user_id } => {
                write!(f, "user {user_id} has no wallet: no opening transaction recorded")
            }
        }
    }
}

impl Error for TransactionError {}

#[hook_callback(user_created, priority = 15, context = transactions)]
fn record_opening(event: &UserCreated) -> Result<(), TransactionError> {
    store::record_execution(&event.user_id, NAME);
    let mut store = store::lock();
    let Some(wallet) = store.wallet_of(&event.user_id) else {
        return Err(TransactionError::NoWallet { user_id: event.user_id.clone() });
    };
    let (wallet_id, currency, balance) = (wallet.id.clone(), wallet.currency.clone(), wallet.balance);
    let id = store.next_id("transaction");
    store.transactions.push(Transaction {
        id,
        user_id: event.user_id.clone(),
        wallet_id,
        kind: "opening".to_owned(),
        amount: 0,
        currency,
        balance_after: balance,
        description: format!("Opening of the {} wallet", event.app_name),
        created_at: Timestamp::now(),
    });
    Ok(())
}
