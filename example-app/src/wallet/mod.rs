//! Wallets: every new user gets one, opened from the wallet section of their user document.
//!
//! Reacts to [`user_created`] at priority 5 (account setup comes first: the transactions module
//! books its opening entry on this wallet), in context [`wallet`].

use std::error::Error;
use std::fmt;

use hooks_core::hook_callback;

use crate::events::{Timestamp, UserCreated, user_created, wallet};
use crate::store::{self, Wallet};

/// The name this module records in the execution log.
pub const NAME: &str = "wallet";

/// Why a wallet was not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletError {
    /// The user already has a wallet (the hook ran twice for one user).
    AlreadyOpen {
        /// The owner.
        user_id: String,
        /// The existing wallet.
        wallet_id: String,
    },
    /// The user document asks for a negative opening balance.
    NegativeOpeningBalance(i64),
}

impl fmt::Display for WalletError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalletError::AlreadyOpen { user_id, wallet_id } => {
                write!(f, "user {user_id} already has wallet {wallet_id}")
            }
            WalletError::NegativeOpeningBalance(balance) => write!(f, "opening balance {balance} is negative"),
        }
    }
}

impl Error for WalletError {}

#[hook_callback(user_created, priority = 5, context = wallet)]
fn open_wallet(event: &UserCreated) -> Result<(), WalletError> {
    store::record_execution(&event.user_id, NAME);
    let settings = &event.user_data.modules.wallet;
    if !settings.enabled {
        return Ok(());
    }
    if settings.balance < 0 {
        return Err(WalletError::NegativeOpeningBalance(settings.balance));
    }
    let mut store = store::lock();
    if let Some(existing) = store.wallet_of(&event.user_id) {
        return Err(WalletError::AlreadyOpen { user_id: event.user_id.clone(), wallet_id: existing.id.clone() });
    }
    let id = store.next_id("wallet");
    store.wallets.push(Wallet {
        id,
        user_id: event.user_id.clone(),
        balance: settings.balance,
        currency: settings.currency.clone(),
        created_at: Timestamp::now(),
    });
    Ok(())
}
