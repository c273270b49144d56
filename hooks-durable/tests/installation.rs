//! A trigger with a transaction before any engine is installed fails, and runs nothing. (A test
//! binary of its own: no test here installs an engine.)

#[macro_use]
mod support;

use support::Db;
use support::signup::{in_process_runs, signup};

on_both_databases!(trigger_without_engine_fails_and_runs_nothing);

async fn trigger_without_engine_fails_and_runs_nothing(db: Db) {
    let mut tx = db.begin().await;
    tx.insert_user("ada").await;
    let error =
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx()).await.unwrap_err();
    assert!(matches!(error, hooks_durable::Error::NotInstalled));
    assert!(error.to_string().starts_with("no durable-hooks engine is installed"), "{error}");
    assert_eq!(in_process_runs(), 0, "in-process callbacks do not run either");
    // The transaction is untouched: the caller still decides.
    tx.commit().await;
    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 1);
}
