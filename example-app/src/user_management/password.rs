//! Password hashing with argon2id (default parameters), off the async runtime's threads.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The PHC string (`$argon2id$v=19$...`) of `password` with a random salt.
pub(super) async fn hash(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|hash| hash.to_string()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| format!("password hashing task failed: {e}"))?
}

/// Whether `password` matches the stored PHC string; a malformed hash does not match.
pub(super) async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false)
}
