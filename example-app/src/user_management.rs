//! User registration: validates a new user, stores it, and triggers [`user_created`].
//!
//! This module knows nothing about wallets, notifications or transactions: whatever should
//! happen to a new account happens in the callbacks of [`user_created`].

use std::error::Error;
use std::fmt;

use hooks_core::TriggerReport;

use crate::events::{Timestamp, UserCreated, UserData, UserModules, WalletSection, user_created};
use crate::store::{self, User};

/// What a client submits to register a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// 3 to 32 characters: ASCII letters, digits, `_`, `-`, `.`.
    pub username: String,
    /// `local@domain.tld`.
    pub email: String,
    /// Given name; may be empty.
    pub first_name: String,
    /// Family name; may be empty.
    pub last_name: String,
    /// The registering application's id; required.
    pub app_id: String,
    /// The registering application's display name; required.
    pub app_name: String,
    /// Where the registration comes from, e.g. `"external_app"`; required.
    pub source: String,
}

/// A stored user and what its `user_created` hook did.
#[derive(Debug)]
#[must_use = "the report says whether setting the account up failed"]
pub struct Registration {
    /// The payload that was passed to the hook.
    pub event: UserCreated,
    /// The hook's report: the account is stored even when a callback failed.
    pub report: TriggerReport,
}

/// Why a registration was refused. Nothing is stored and no hook runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationError {
    /// A required field is empty.
    MissingField(&'static str),
    /// The username is too short, too long, or has other characters than allowed.
    InvalidUsername(String),
    /// The email address is not of the form `local@domain.tld`.
    InvalidEmail(String),
    /// Another user has this username.
    UsernameTaken(String),
    /// Another user has this email address.
    EmailTaken(String),
}

impl fmt::Display for RegistrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistrationError::MissingField(field) => write!(f, "missing required field `{field}`"),
            RegistrationError::InvalidUsername(username) => {
                write!(f, "invalid username {username:?}: expected 3 to 32 ASCII letters, digits, `_`, `-` or `.`")
            }
            RegistrationError::InvalidEmail(email) => {
                write!(f, "invalid email address {email:?}: expected local@domain.tld")
            }
            RegistrationError::UsernameTaken(username) => write!(f, "username {username:?} is already taken"),
            RegistrationError::EmailTaken(email) => write!(f, "email address {email:?} is already registered"),
        }
    }
}

impl Error for RegistrationError {}

/// Validates and stores a new user, then triggers [`user_created`] with every callback.
///
/// The user is stored before the hook runs, so callbacks find it in the store; a failing
/// callback does not undo the registration but shows in [`Registration::report`].
pub fn register_user(new_user: NewUser) -> Result<Registration, RegistrationError> {
    validate(&new_user)?;
    let event = store_user(new_user)?;
    let report = hooks_core::trigger!(user_created, &event);
    Ok(Registration { event, report })
}

fn validate(new_user: &NewUser) -> Result<(), RegistrationError> {
    let required = [
        ("username", &new_user.username),
        ("email", &new_user.email),
        ("app_id", &new_user.app_id),
        ("app_name", &new_user.app_name),
        ("source", &new_user.source),
    ];
    if let Some((field, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(RegistrationError::MissingField(field));
    }
    let username = &new_user.username;
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    if !(3..=32).contains(&username.len()) || !username.chars().all(allowed) {
        return Err(RegistrationError::InvalidUsername(username.clone()));
    }
    if !is_email(&new_user.email) {
        return Err(RegistrationError::InvalidEmail(new_user.email.clone()));
    }
    Ok(())
}

/// `local@domain.tld`: one `@`, something before it, a dot inside the domain, no whitespace.
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let dot_inside = domain.find('.').is_some_and(|dot| dot > 0 && dot < domain.len() - 1) && !domain.ends_with('.');
    !local.is_empty() && !domain.contains('@') && dot_inside && !email.contains(char::is_whitespace)
}

/// Stores the user (checking uniqueness under the same lock) and builds the hook's payload.
fn store_user(new_user: NewUser) -> Result<UserCreated, RegistrationError> {
    let mut store = store::lock();
    if store.users.iter().any(|user| user.username == new_user.username) {
        return Err(RegistrationError::UsernameTaken(new_user.username));
    }
    if store.users.iter().any(|user| user.email.eq_ignore_ascii_case(&new_user.email)) {
        return Err(RegistrationError::EmailTaken(new_user.email));
    }
    let now = Timestamp::now();
    let user_id = store.next_id("user");
    let user_data = UserData {
        first_name: new_user.first_name,
        last_name: new_user.last_name,
        status: "active".to_owned(),
        modules: UserModules { wallet: WalletSection::new_account(now) },
    };
    store.users.push(User {
        id: user_id.clone(),
        username: new_user.username.clone(),
        email: new_user.email.clone(),
        first_name: user_data.first_name.clone(),
        last_name: user_data.last_name.clone(),
        status: user_data.status.clone(),
        app_id: new_user.app_id.clone(),
        created_at: now,
    });
    Ok(UserCreated {
        user_id,
        username: new_user.username,
        email: new_user.email,
        user_data,
        created_at: now,
        app_id: new_user.app_id,
        app_name: new_user.app_name,
        source: new_user.source,
    })
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn email_shape() {
        for good in ["ada@example.com", "a.b+c@mail.example.org"] {
            assert!(is_email(good), "{good}");
        }
        for bad in ["", "ada", "@example.com", "ada@", "ada@example", "ada@.com", "ada@example.", "a@b@c.d", "a b@c.d"]
        {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
