//! The HTTP plumbing the modules' request handlers share: the environment they run in, the error
//! answer, and reading a JSON body.
//!
//! It holds no business rule and names no hook: what a module does on a request, and which hooks
//! it triggers, stays in the module.

mod body;
mod error;

pub use body::{json_object, optional_string, required_string};
pub use error::ApiError;

use std::time::Duration;

use crate::events::Db;

/// The environment of the modules' request handlers (extracted with `State<Env>`).
#[derive(Debug, Clone)]
pub struct Env {
    /// The database.
    pub db: Db,
    /// The application's id, recorded with each user.
    pub app_id: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
    /// How long a login session lasts.
    pub session_ttl: Duration,
    /// The limits of failed logins.
    pub login_throttle: LoginThrottle,
}

/// The limits of failed logins: per account and per client address, at most `max_failures`
/// within `window`, then 429 until the oldest failure leaves the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    /// Failures within the window after which logins of that account, or from that address, are
    /// refused.
    pub max_failures: u32,
    /// How long a failure counts.
    pub window: Duration,
}

impl Default for LoginThrottle {
    /// 5 failures in 5 minutes.
    fn default() -> LoginThrottle {
        LoginThrottle { max_failures: 5, window: Duration::from_secs(300) }
    }
}
