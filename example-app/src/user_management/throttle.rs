//! Throttling failed logins, per account and per client address.
//!
//! Every failed login is recorded under two keys, the account's login and the client's address.
//! While a key has [`LoginThrottle::max_failures`] failures within the last
//! [`LoginThrottle::window`],
//! logins under it are refused with 429 and `Retry-After` (the seconds until its oldest failure
//! leaves the window), whether or not the password is right. A successful login clears its
//! account's failures. The failures are rows of `login_failures`, so instances of the service
//! that share a database share the count.

use std::net::IpAddr;
use std::time::Duration;

use crate::database::Db;
use crate::events::Timestamp;
use crate::http::{ApiError, LoginThrottle};

/// The keys a login attempt counts under.
pub(super) fn keys(login: &str, address: IpAddr) -> [String; 2] {
    [format!("account:{}", login.to_lowercase()), format!("address:{address}")]
}

impl LoginThrottle {
    /// 429 with `Retry-After` when one of `keys` has too many recent failures.
    pub(super) async fn check(&self, db: &Db, keys: &[String; 2]) -> Result<Result<(), ApiError>, sqlx::Error> {
        let now = now_ms();
        let since = now - window_ms(self.window);
        for key in keys {
            let (failures, oldest): (i64, Option<i64>) = crate::on_db!(db, |pool| {
                sqlx::query_as(
                    "SELECT COUNT(*), MIN(failed_at_ms) FROM login_failures WHERE key = $1 AND failed_at_ms > $2",
                )
                .bind(key)
                .bind(since)
                .fetch_one(pool)
                .await
            })?;
            if failures >= i64::from(self.max_failures) {
                let free_at = oldest.unwrap_or(now) + window_ms(self.window);
                let retry_after = u64::try_from((free_at - now + 999) / 1000).unwrap_or(1).max(1);
                let message = "Too many failed logins: try again later";
                return Ok(Err(ApiError::too_many_requests(message, retry_after)));
            }
        }
        Ok(Ok(()))
    }

    /// Records a failed login under `keys`, and forgets failures that left the window.
    pub(super) async fn failed(&self, db: &Db, keys: &[String; 2]) -> Result<(), sqlx::Error> {
        let now = now_ms();
        let expired = now - window_ms(self.window);
        crate::on_db!(db, |pool| async {
            for key in keys {
                sqlx::query("INSERT INTO login_failures (key, failed_at_ms) VALUES ($1, $2)")
                    .bind(key)
                    .bind(now)
                    .execute(pool)
                    .await?;
            }
            sqlx::query("DELETE FROM login_failures WHERE failed_at_ms <= $1").bind(expired).execute(pool).await?;
            Ok(())
        }
        .await)
    }

    /// Clears the failures of the account that just logged in.
    pub(super) async fn succeeded(&self, db: &Db, keys: &[String; 2]) -> Result<(), sqlx::Error> {
        crate::on_db!(db, |pool| {
            sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(&keys[0]).execute(pool).await.map(|_| ())
        })
    }
}

fn now_ms() -> i64 {
    i64::try_from(Timestamp::now().unix_millis()).unwrap_or(i64::MAX)
}

fn window_ms(window: Duration) -> i64 {
    i64::try_from(window.as_millis()).unwrap_or(i64::MAX)
}
