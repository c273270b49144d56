//! The hooks the credit system offers, the payloads they carry, and the contexts its modules
//! register under.
//!
//! This is the only module the others share besides the [store](crate::store): user management
//! triggers [`user_created`] with a [`UserCreated`] payload; the wallet, communications and
//! transactions modules react to it, each in its own context ([`wallet`], [`communications`],
//! [`transactions`]), without knowing about each other.
//!
//! Hooks and contexts are typed items, so rustc checks every use: a misspelled hook or context is
//! a "cannot find" error, and a callback or trigger with another payload type is a type error.
//! Import them by name (`use crate::events::{user_created, wallet};`) or name them by path
//! (`events::user_created`). They are unit structs, so while one is imported a local binding of
//! the same name (`let wallet = ...`) does not compile: name it by path in such scopes.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// The currency every wallet is kept in.
pub const CREDITS: &str = "credits";

hooks_core::declare_hook! {
    /// Fired by user management once a new user is validated and stored.
    ///
    /// Callbacks set the account up: the wallet opens it (priority 5), communications sends the
    /// welcome notification (priority 10), transactions records the opening entry (priority 15).
    pub user_created: UserCreated;
}

hooks_core::declare_context! {
    /// The wallet module's callbacks: opening a new user's wallet.
    pub wallet;
    /// The communications module's callbacks: notifications to users.
    pub communications;
    /// The transactions module's callbacks: entries booked on wallets.
    pub transactions;
}

/// The payload of the [`user_created`] hook: the stored user, as the original system's hook data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCreated {
    /// The new user's id in the store.
    pub user_id: String,
    /// The unique username.
    pub username: String,
    /// The email address, already validated.
    pub email: String,
    /// The complete user document, with its per-module sections.
    pub user_data: UserData,
    /// When the user was stored.
    pub created_at: Timestamp,
    /// The id of the application the user registered through.
    pub app_id: String,
    /// The display name of that application, used in notifications.
    pub app_name: String,
    /// Where the registration came from, e.g. `"external_app"`.
    pub source: String,
}

/// The user document carried by [`UserCreated`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserData {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Account status, `"active"` for a new user.
    pub status: String,
    /// The sections each module owns in the user document.
    pub modules: UserModules,
}

/// The per-module sections of a user document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserModules {
    /// The wallet module's settings for this user.
    pub wallet: WalletSection,
}

/// The wallet section of a user document: how the wallet should be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletSection {
    /// Whether the user gets a wallet at all.
    pub enabled: bool,
    /// The opening balance, in [`currency`](Self::currency) units.
    pub balance: i64,
    /// The wallet's currency.
    pub currency: String,
    /// When the section was last written.
    pub last_updated: Timestamp,
}

impl WalletSection {
    /// The section of a new account: enabled, with a balance of 0 [`CREDITS`].
    pub fn new_account(now: Timestamp) -> WalletSection {
        WalletSection { enabled: true, balance: 0, currency: CREDITS.to_owned(), last_updated: now }
    }
}

/// A point in time with millisecond precision, displayed as ISO 8601 UTC
/// (`2024-01-01T12:00:00.000Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    millis: u64,
}

impl Timestamp {
    /// The current time (the Unix epoch if the system clock is set before it).
    pub fn now() -> Timestamp {
        let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
        Timestamp { millis: u64::try_from(millis).unwrap_or(u64::MAX) }
    }

    /// The time `millis` milliseconds after the Unix epoch.
    pub const fn from_unix_millis(millis: u64) -> Timestamp {
        Timestamp { millis }
    }

    /// Milliseconds since the Unix epoch.
    pub const fn unix_millis(self) -> u64 {
        self.millis
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, millis_of_day) = (self.millis / 86_400_000, self.millis % 86_400_000);
        let (year, month, day) = civil_from_days(days);
        let seconds = millis_of_day / 1000;
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            millis_of_day % 1000
        )
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn timestamps_display_as_iso_8601_utc() {
        assert_eq!(Timestamp::from_unix_millis(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::from_unix_millis(1_704_110_400_000).to_string(), "2024-01-01T12:00:00.000Z");
        assert_eq!(Timestamp::from_unix_millis(951_782_400_123).to_string(), "2000-02-29T00:00:00.123Z");
        assert_eq!(Timestamp::from_unix_millis(4_107_542_399_999).to_string(), "2100-02-28T23:59:59.999Z");
    }
}
