//! The hook most scenarios trigger, `durable_signup`: one durable callback that records its
//! effect, and one in-process callback that counts its runs.

use std::sync::atomic::{AtomicUsize, Ordering};

use hooks_durable::Job;
use serde::{Deserialize, Serialize};

use super::record_effect;

/// The payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct Signup {
    pub name: String,
}

pub fn signup(name: &str) -> Signup {
    Signup { name: name.to_owned() }
}

/// The durable callback's path, as jobs store it (after the test crate's name).
pub fn is_welcome(path: &str) -> bool {
    path.ends_with("::support::signup::welcome")
}

#[hooks_core::hook_callback("durable_signup", durable, max_attempts = 3)]
async fn welcome(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await
}

static IN_PROCESS_RUNS: AtomicUsize = AtomicUsize::new(0);

/// How many times the in-process callback ran in this test binary.
pub fn in_process_runs() -> usize {
    IN_PROCESS_RUNS.load(Ordering::SeqCst)
}

#[hooks_core::hook_callback("durable_signup")]
async fn count_signup(_: &Signup) {
    IN_PROCESS_RUNS.fetch_add(1, Ordering::SeqCst);
}
