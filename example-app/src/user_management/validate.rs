//! The registration rules, checked in the documented order before anything is stored.

use std::fmt;

use serde_json::{Map, Value};

use crate::http::{ApiError, required_string};

/// The shortest password accepted, in characters.
pub(super) const MIN_PASSWORD_CHARS: usize = 8;
/// The longest password accepted, in characters (argon2 hashes any length: this bounds the work).
pub(super) const MAX_PASSWORD_CHARS: usize = 256;
const MAX_USERNAME_CHARS: usize = 64;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_OPTIONAL_CHARS: usize = 100;

/// A validated registration. Its `Debug` output hides the password.
pub(super) struct NewUser {
    pub(super) username: String,
    pub(super) email: String,
    pub(super) password: String,
    pub(super) first_name: String,
    pub(super) last_name: String,
    pub(super) phone: String,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Checks, in order: the required fields `username`, `email`, `password` (missing, null or blank:
/// "Missing required field: <name>"); the email format; the password length; then the length
/// limits and the types of the optional fields.
pub(super) fn new_user(object: &Map<String, Value>) -> Result<NewUser, ApiError> {
    let username = required_string(object, "username")?.trim();
    let email = required_string(object, "email")?.trim();
    let password = required_string(object, "password")?;
    if !is_email(email) {
        return Err(ApiError::bad_request("Invalid email format"));
    }
    let password_chars = password.chars().count();
    if password_chars < MIN_PASSWORD_CHARS {
        return Err(ApiError::bad_request(format!("Password must be at least {MIN_PASSWORD_CHARS} characters long")));
    }
    if password_chars > MAX_PASSWORD_CHARS {
        return Err(ApiError::bad_request(format!("Password must be at most {MAX_PASSWORD_CHARS} characters long")));
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(ApiError::bad_request(format!("Username must be at most {MAX_USERNAME_CHARS} characters long")));
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(ApiError::bad_request(format!("Email must be at most {MAX_EMAIL_CHARS} characters long")));
    }
    Ok(NewUser {
        username: username.to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
        first_name: optional_string(object, "first_name")?,
        last_name: optional_string(object, "last_name")?,
        phone: optional_string(object, "phone")?,
    })
}

/// An optional string field: absent or null is empty; another type or an overlong value is a 400.
fn optional_string(object: &Map<String, Value>, name: &str) -> Result<String, ApiError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(value)) if value.chars().count() <= MAX_OPTIONAL_CHARS => Ok(value.trim().to_owned()),
        Some(Value::String(_)) => {
            Err(ApiError::bad_request(format!("Field {name} must be at most {MAX_OPTIONAL_CHARS} characters long")))
        }
        Some(_) => Err(ApiError::bad_request(format!("Field {name} must be a string"))),
    }
}

/// `local@domain.tld`: one `@`, something before it, a dot inside the domain, no whitespace.
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let dot_inside = domain.find('.').is_some_and(|dot| dot > 0 && dot < domain.len() - 1) && !domain.ends_with('.');
    !local.is_empty() && !domain.contains('@') && dot_inside && !email.contains(char::is_whitespace)
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
