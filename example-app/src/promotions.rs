//! Promotions: more credits for large purchases.
//!
//! Filters of [`credit_amount`], which the payments module applies to every approved purchase
//! before the wallet is credited:
//! - [`large_purchase_bonus`], priority 5: purchases of at least [`LARGE_PURCHASE`] credits get
//!   [`BONUS_PERCENT`] percent more.
//!
//! The module knows nothing of payments or wallets: it reads the purchase and returns the
//! credits, which the filter's signature makes it return.

use hooks_core::hook_filter;

use crate::events::{CreditPurchase, credit_amount};

/// The smallest purchase that earns the bonus, in credits.
pub const LARGE_PURCHASE: i64 = 500;

/// The bonus on large purchases, in percent of the credits so far (rounded down).
pub const BONUS_PERCENT: i64 = 10;

/// Adds [`BONUS_PERCENT`] percent to purchases of at least [`LARGE_PURCHASE`] credits.
#[hook_filter(credit_amount, priority = 5)]
pub fn large_purchase_bonus(credits: &i64, purchase: &CreditPurchase) -> i64 {
    if purchase.amount < LARGE_PURCHASE {
        return *credits;
    }
    let bonus = credits * BONUS_PERCENT / 100;
    tracing::info!(user_id = %purchase.user_id, "large purchase: {bonus} bonus credits");
    credits + bonus
}
