//! Communications: a welcome notification for every new user.
//!
//! Reacts to [`user_created`] at priority 10 (core business logic band), in context
//! [`communications`].

use std::error::Error;
use std::fmt;

use hooks_core::hook_callback;

use crate::events::{Timestamp, UserCreated, communications, user_created};
use crate::store::{self, Notification, NotificationMetadata};

/// The name this module records in the execution log.
pub const NAME: &str = "communications";

/// Why no welcome notification was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommunicationsError {
    /// The payload carries no email address to send to.
    NoRecipient {
        /// The user without an address.
        user_id: String,
    },
}

impl fmt::Display for CommunicationsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommunicationsError::NoRecipient { user_id } => {
                write!(f, "user {user_id} has no email address: no welcome notification sent")
            }
        }
    }
}

impl Error for CommunicationsError {}

#[hook_callback(user_created, priority = 10, context = communications)]
fn send_welcome(event: &UserCreated) -> Result<(), CommunicationsError> {
    store::record_execution(&event.user_id, NAME);
    if event.email.trim().is_empty() {
        return Err(CommunicationsError::NoRecipient { user_id: event.user_id.clone() });
    }
    let first_name = event.user_data.first_name.trim();
    let greeting = if first_name.is_empty() { &event.username } else { first_name };
    let mut store = store::lock();
    let id = store.next_id("notification");
    store.notifications.push(Notification {
        id,
        user_id: event.user_id.clone(),
        kind: "welcome".to_owned(),
        title: format!("Welcome to {}!", event.app_name),
        message: format!(
            "Hello {greeting}, your {} account `{}` is ready. We're glad to have you on board.",
            event.app_name, event.username
        ),
        priority: "normal".to_owned(),
        status: "unread".to_owned(),
        created_at: Timestamp::now(),
        metadata: NotificationMetadata {
            source: event.source.clone(),
            app_name: event.app_name.clone(),
            email: event.email.clone(),
        },
    });
    Ok(())
}
