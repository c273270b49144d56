//! Retries with the backoff stored in the job's row, and dead jobs retried by hand.

#[macro_use]
mod support;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hooks_durable::{Backoff, Database, Job, JobFailed};
use riverqueue::JobState;
use support::signup::{Signup, signup};
use support::{Db, eventually, record_effect};

/// Fails its first two attempts (after writing, so the write is rolled back), then succeeds.
#[hooks_core::hook_callback("durable_flaky", durable, max_attempts = 5)]
async fn flaky(_: &Signup, job: &mut Job<'_>) -> Result<(), String> {
    record_effect(job).await.map_err(|error| error.to_string())?;
    match job.attempt() {
        attempt @ (1 | 2) => Err(format!("attempt {attempt} fails")),
        _ => Ok(()),
    }
}

/// Whether the ledger refuses writes: `stubborn` fails while it does.
static LEDGER_DOWN: AtomicBool = AtomicBool::new(false);

#[hooks_core::hook_callback("durable_stubborn", durable, max_attempts = 2)]
async fn stubborn(_: &Signup, job: &mut Job<'_>) -> Result<(), String> {
    record_effect(job).await.map_err(|error| error.to_string())?;
    if LEDGER_DOWN.load(Ordering::SeqCst) { Err("the ledger refuses writes".to_owned()) } else { Ok(()) }
}

/// One announcement of `job_failed`: (callback, event, attempt, max attempts, dead, error,
/// database).
type Announced = (String, String, u16, u16, bool, String, &'static str);

static ANNOUNCED: Mutex<Vec<Announced>> = Mutex::new(Vec::new());

#[hooks_core::hook_callback(hooks_durable::job_failed)]
fn remember(failed: &JobFailed) {
    let database = match failed.database {
        Database::Sqlite(_) => "sqlite",
        Database::Postgres(_) => "postgres",
    };
    let (callback, event) = (failed.callback.to_owned(), failed.event_id.clone());
    let fact = (callback, event, failed.attempt, failed.max_attempts, failed.is_dead(), failed.error.clone(), database);
    ANNOUNCED.lock().unwrap().push(fact);
}

/// The announcements of `callback`'s failures, taken (so the next scenario starts empty).
fn announced(callback: &str) -> Vec<Announced> {
    let mut all = ANNOUNCED.lock().unwrap();
    let (of, rest) = all.drain(..).partition(|fact| fact.0 == callback);
    *all = rest;
    of
}

on_both_databases!(fails_twice_then_succeeds, always_fails_then_retried_by_hand);

async fn fails_twice_then_succeeds(db: Db) {
    let base = Duration::from_millis(200);
    let engine = db.engine().backoff(Backoff::new(base, 3, Duration::from_secs(5))).build().await.expect("engine");
    engine.install();
    let workers = engine.start().expect("workers");
    let mut tx = db.begin().await;
    let report =
        hooks_core::trigger_async!("durable_flaky", &signup("ada"), tx = tx.as_trigger_tx()).await.expect("trigger");
    assert!(report.is_ok());
    tx.commit().await;

    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(job.attempt, 3);
    let errors: Vec<_> = job.errors.iter().map(|e| (e.attempt, e.error.as_str())).collect();
    assert_eq!(errors, [(1, "attempt 1 fails"), (2, "attempt 2 fails")]);
    // Each error is stamped with its attempt's start, the row with the last attempt's: the gaps
    // are the stored delays (200 ms, then 600 ms) plus the time to run and pick up the job.
    let first_gap = job.errors[1].at.duration_since(job.errors[0].at);
    let second_gap = job.attempted_at.expect("attempted").duration_since(job.errors[1].at);
    let (first_gap, second_gap) = (first_gap.unsigned_abs(), second_gap.unsigned_abs());
    assert!(first_gap >= base && second_gap >= base * 3, "gaps {first_gap:?}, {second_gap:?}");
    assert!(second_gap > first_gap, "the delays grow: {first_gap:?}, then {second_gap:?}");
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1, "failed attempts left no effect");
    assert_eq!(db.count("SELECT COUNT(*) FROM effects WHERE attempt = 3").await, 1);
    // job_failed announced both failed attempts, on the engine's database, neither dead.
    let facts: Vec<_> = announced("retries::flaky").into_iter().map(|f| (f.2, f.3, f.4, f.5, f.6)).collect();
    let fails = |attempt: u16| (attempt, 5, false, format!("attempt {attempt} fails"), db.name());
    assert_eq!(facts, [fails(1), fails(2)]);
    workers.shutdown().await.expect("shutdown");
}

async fn always_fails_then_retried_by_hand(db: Db) {
    LEDGER_DOWN.store(true, Ordering::SeqCst);
    let (engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    let report = hooks_core::trigger_async!("durable_stubborn", &signup("ada"), tx = tx.as_trigger_tx(), event = "e-1")
        .await
        .expect("trigger");
    assert!(report.is_ok());
    tx.commit().await;

    let dead = eventually("the job is dead", || async {
        let dead = engine.dead_jobs().await.expect("dead jobs");
        (!dead.is_empty()).then_some(dead)
    })
    .await;
    assert_eq!(dead.len(), 1);
    let dead = &dead[0];
    assert_eq!(
        (dead.hook.as_str(), dead.callback.as_str(), dead.event_id.as_str()),
        ("durable_stubborn", "retries::stubborn", "e-1")
    );
    assert_eq!((dead.attempts, dead.max_attempts), (2, 2));
    let errors: Vec<_> = dead.errors.iter().map(|e| (e.attempt, e.message.as_str())).collect();
    assert_eq!(errors, [(1, "the ledger refuses writes"), (2, "the ledger refuses writes")]);
    assert_eq!(db.only_job_in(JobState::Discarded).await.id, dead.id);
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 0);
    // job_failed announced both attempts; the second as the last one, with the job dead.
    let facts: Vec<_> = announced("retries::stubborn").into_iter().map(|f| (f.1, f.2, f.4)).collect();
    assert_eq!(facts, [("e-1".to_owned(), 1, false), ("e-1".to_owned(), 2, true)]);

    // The cause is fixed; the job runs once more, by hand.
    LEDGER_DOWN.store(false, Ordering::SeqCst);
    engine.retry(dead.id).await.expect("retry a dead job");
    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(job.attempt, 3);
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1, "the effect applied once");
    assert!(engine.dead_jobs().await.expect("dead jobs").is_empty());

    let error = engine.retry(dead.id).await.unwrap_err();
    assert!(matches!(error, hooks_durable::Error::NotDead { state: Some("completed"), .. }), "{error}");
    let error = engine.retry(dead.id + 1000).await.unwrap_err();
    assert!(matches!(error, hooks_durable::Error::NotDead { state: None, .. }), "{error}");
    workers.unwrap().shutdown().await.expect("shutdown");
}
