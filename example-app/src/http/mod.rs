//! The HTTP plumbing the modules' request handlers share: the environment they run in, the error
//! answer, and reading a JSON body.
//!
//! It holds no business rule and names no hook: what a module does on a request, and which hooks
//! it triggers, stays in the module.

mod body;
mod error;

pub use body::{json_object, required_string};
pub use error::ApiError;

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
}
