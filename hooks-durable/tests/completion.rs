//! A durable callback's database effect and its job's completion commit together, in the job's
//! transaction: an attempt that fails after writing leaves nothing behind.

#[macro_use]
mod support;

use hooks_durable::Job;
use riverqueue::JobState;
use serde::{Deserialize, Serialize};
use support::{Db, record_effect};

#[derive(Debug, Serialize, Deserialize)]
struct Purchase {
    amount: i64,
}

/// Writes its effect, then panics on the first attempt; the second attempt completes.
#[hooks_core::hook_callback("durable_purchase", durable, max_attempts = 3)]
async fn credit(_: &Purchase, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await?;
    assert!(job.attempt() > 1, "the ledger went away mid-write");
    Ok(())
}

on_both_databases!(effect_and_completion_commit_together);

async fn effect_and_completion_commit_together(db: Db) {
    let (engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    let report =
        hooks_core::trigger_async!("durable_purchase", &Purchase { amount: 5 }, tx = tx.as_trigger_tx(), event = "p-1")
            .await
            .expect("trigger");
    assert!(report.is_ok());
    tx.commit().await;

    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(job.attempt, 2, "the panicking attempt counted");
    assert_eq!(job.errors.len(), 1);
    assert_eq!(job.errors[0].attempt, 1);
    assert!(job.errors[0].error.contains("panicked: the ledger went away mid-write"), "{:?}", job.errors[0]);
    // The first attempt's write was rolled back with it; the second one's committed with the job.
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1);
    assert_eq!(db.count("SELECT COUNT(*) FROM effects WHERE event = 'p-1' AND attempt = 2").await, 1);
    assert!(engine.dead_jobs().await.expect("dead jobs").is_empty());
    workers.unwrap().shutdown().await.expect("shutdown");
}
