//! Stopping workers: a graceful shutdown finishes the running job; a job timeout cancels the
//! attempt and rolls its transaction back.

#[macro_use]
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hooks_durable::Job;
use riverqueue::JobState;
use support::signup::{Signup, signup};
use support::{Db, eventually, record_effect};

static SLOW_STARTED: AtomicBool = AtomicBool::new(false);

/// Takes a while, after announcing that it started.
#[hooks_core::hook_callback("durable_slow", durable, max_attempts = 3)]
async fn slow(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    SLOW_STARTED.store(true, Ordering::SeqCst);
    record_effect(job).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(())
}

/// Hangs on its first attempt, after writing.
#[hooks_core::hook_callback("durable_hangs_once", durable, max_attempts = 3)]
async fn hangs_once(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await?;
    if job.attempt() == 1 {
        tokio::time::sleep(Duration::from_secs(60)).await;
    }
    Ok(())
}

on_both_databases!(graceful_shutdown_finishes_the_running_job, job_timeout_cancels_the_attempt);

async fn graceful_shutdown_finishes_the_running_job(db: Db) {
    SLOW_STARTED.store(false, Ordering::SeqCst);
    let (_engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    assert!(
        hooks_core::trigger_async!("durable_slow", &signup("ada"), tx = tx.as_trigger_tx())
            .await
            .expect("trigger")
            .is_ok()
    );
    tx.commit().await;
    eventually("the job started", || async { SLOW_STARTED.load(Ordering::SeqCst).then_some(()) }).await;

    workers.unwrap().shutdown().await.expect("shutdown");
    let jobs = db.jobs().await;
    assert_eq!((jobs.len(), jobs[0].state, jobs[0].attempt), (1, JobState::Completed, 1), "{jobs:?}");
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1);
}

async fn job_timeout_cancels_the_attempt(db: Db) {
    let engine = db
        .engine()
        .job_timeout(Duration::from_millis(500))
        .rescue_after(Duration::from_secs(1))
        .build()
        .await
        .expect("engine");
    engine.install();
    let workers = engine.start().expect("workers");
    let mut tx = db.begin().await;
    let report = hooks_core::trigger_async!("durable_hangs_once", &signup("ada"), tx = tx.as_trigger_tx()).await;
    assert!(report.expect("trigger").is_ok());
    tx.commit().await;

    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(job.attempt, 2);
    assert_eq!(job.errors.len(), 1);
    assert!(
        job.errors[0].error.starts_with("cancelled: the attempt ran longer than the job timeout"),
        "{:?}",
        job.errors
    );
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1, "the cancelled attempt's write was rolled back");
    assert_eq!(db.count("SELECT COUNT(*) FROM effects WHERE attempt = 2").await, 1);
    workers.shutdown().await.expect("shutdown");
}
