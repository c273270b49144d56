//! A job whose callback this binary does not know (written by an instance of another version) is
//! snoozed without using an attempt, never discarded.

#[macro_use]
mod support;

use std::time::Duration;

use riverqueue::{JobArgs, JobState};
use serde::{Deserialize, Serialize};
use support::{Db, eventually};

/// A durable-callback job as another version of the program enqueues it.
#[derive(Debug, Serialize, Deserialize)]
struct OtherVersionJob {
    event: String,
    hook: String,
    callback: String,
    payload: serde_json::Value,
}

impl JobArgs for OtherVersionJob {
    const KIND: &'static str = "hooks.callback";
}

on_both_databases!(unknown_callback_is_snoozed);

async fn unknown_callback_is_snoozed(db: Db) {
    let (_engine, workers) = db.installed_engine(true).await;
    let args = OtherVersionJob {
        event: "e-1".into(),
        hook: "durable_signup".into(),
        callback: "next_version::send_sms".into(),
        payload: serde_json::json!({ "name": "ada" }),
    };
    let id = db.river_client().insert(args).await.expect("insert a job of another version").id();

    let job = eventually("the job is snoozed", || async {
        let jobs = db.jobs().await;
        let snoozes = jobs[0].metadata.get::<u32>("snoozes").expect("snoozes is a number");
        (snoozes == Some(1)).then(|| jobs[0].clone())
    })
    .await;
    assert_eq!((job.id, job.state, job.attempt), (id, JobState::Scheduled, 0), "no attempt used");
    assert!(job.errors.is_empty());
    let wait = job.scheduled_at.duration_since(job.attempted_at.expect("attempted"));
    assert!(wait.unsigned_abs() >= Duration::from_secs(29), "snoozed for 30 s: {wait:?}");
    workers.unwrap().shutdown().await.expect("shutdown");
}
