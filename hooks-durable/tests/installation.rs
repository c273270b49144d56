//! A trigger with a transaction before any engine is installed fails, and runs nothing. (A test
//! binary of its own: no test here installs an engine.)

#[macro_use]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use hooks_durable::Job;
use serde::{Deserialize, Serialize};
use support::{Db, record_effect};

#[derive(Debug, Serialize, Deserialize)]
struct Signup {
    name: String,
}

async fn welcome(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await
}
durable_callback!("durable_uninstalled", welcome, Signup, max_attempts = 3);

static IN_PROCESS_RUNS: AtomicUsize = AtomicUsize::new(0);

#[hooks_core::hook_callback("durable_uninstalled")]
async fn count_signup(_: &Signup) {
    IN_PROCESS_RUNS.fetch_add(1, Ordering::SeqCst);
}

on_both_databases!(trigger_without_engine_fails_and_runs_nothing);

async fn trigger_without_engine_fails_and_runs_nothing(db: Db) {
    let mut tx = db.begin().await;
    tx.insert_user("ada").await;
    let error = trigger_durable!("durable_uninstalled", &Signup { name: "ada".into() }, tx = tx.as_trigger_tx())
        .await
        .unwrap_err();
    assert!(matches!(error, hooks_durable::Error::NotInstalled));
    assert!(error.to_string().starts_with("no durable-hooks engine is installed"), "{error}");
    assert_eq!(IN_PROCESS_RUNS.load(Ordering::SeqCst), 0, "in-process callbacks do not run either");
    // The transaction is untouched: the caller still decides.
    tx.commit().await;
    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 1);
}
