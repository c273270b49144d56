//! Durable hook callbacks: enqueued in the caller's database transaction, run at least once by
//! workers in any instance, with their database effects applied once.
//!
//! A callback declared `#[hook_callback(user_created, durable)]` (an `async fn` taking its payload
//! and a [`Job`]) is not run by the trigger: a
//! trigger given the caller's transaction, `trigger_async!(user_created, &event, tx = &mut tx)`,
//! enqueues one job for it in that transaction and runs the hook's other callbacks at once. Workers
//! started with [`Engine::start`] run the job later, in a transaction of their own that the
//! callback writes through and in which the job completes.
//!
//! ```
//! use hooks_core::{hook_callback, trigger_async};
//! use hooks_durable::{Engine, Job};
//! # use std::time::Duration;
//! # use hooks_durable::sqlx::{self, sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions}};
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct UserCreated {
//!     id: i64,
//! }
//!
//! #[hook_callback("user_created", durable, max_attempts = 5)]
//! async fn open_wallet(user: &UserCreated, job: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
//!     sqlx::query("INSERT INTO wallets (user_id) VALUES ($1)").bind(user.id).execute(job.sqlite()?).await?;
//!     Ok(())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), hooks_durable::Error> {
//! # let dir = tempfile::tempdir().unwrap();
//! let options = SqliteConnectOptions::new()
//!     .filename(dir.path().join("app.db"))
//!     .create_if_missing(true)
//!     .journal_mode(SqliteJournalMode::Wal)
//!     .busy_timeout(Duration::from_secs(5));
//! let pool = SqlitePoolOptions::new().connect_with(options).await?;
//! # sqlx::query("CREATE TABLE users (id INTEGER PRIMARY KEY)").execute(&pool).await?;
//! # sqlx::query("CREATE TABLE wallets (user_id INTEGER NOT NULL)").execute(&pool).await?;
//! let engine = Engine::sqlite(pool.clone()).build().await?; // applies the job tables' migrations
//! engine.install(); // triggers with a transaction enqueue with it
//! let workers = engine.start()?; // this instance runs jobs
//!
//! // A request: the user row and the job of `open_wallet` commit together.
//! let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
//! sqlx::query("INSERT INTO users (id) VALUES (1)").execute(&mut *tx).await?;
//! let report = trigger_async!("user_created", &UserCreated { id: 1 }, tx = &mut tx).await?;
//! assert!(report.is_ok()); // the in-process callbacks of `user_created` (none here)
//! tx.commit().await?;
//!
//! // A worker runs `open_wallet` (`pool.close()` would wait for it).
//! # let mut wallets = 0;
//! # for _ in 0..500 {
//! #     wallets = sqlx::query_scalar("SELECT COUNT(*) FROM wallets").fetch_one(&pool).await?;
//! #     if wallets == 1 { break }
//! #     tokio::time::sleep(Duration::from_millis(10)).await;
//! # }
//! # assert_eq!(wallets, 1);
//! workers.shutdown().await?; // stops taking jobs, finishes the running ones
//! # Ok(())
//! # }
//! ```
//!
//! # Guarantees
//!
//! - **Recorded with the caller's write.** The jobs are inserted in the caller's transaction: a
//!   rolled-back transaction enqueues nothing, a committed one cannot lose its jobs, and workers
//!   see them only after the commit.
//! - **One job per (event, callback).** Each trigger has an event id (a UUID v7, or `event = ...`);
//!   enqueueing the same pair again is skipped without failing the caller's transaction, for as
//!   long as the first job is kept: while it waits, runs or is retried, while it is dead, and for
//!   [`completed_retention`](EngineBuilder::completed_retention) (24 hours) after it completed.
//! - **At least once.** A job runs until an attempt succeeds or `max_attempts` (10 by default)
//!   attempts failed; a worker that dies mid-job has its job rescued after
//!   [`rescue_after`](EngineBuilder::rescue_after) (30 s). A job may therefore run more than once.
//! - **Database effects once.** A callback that writes through its [`Job`]'s transaction has its
//!   writes committed together with its job's completion: exactly once. For effects elsewhere,
//!   pass [`Job::idempotency_key`] to the other system.
//! - **Retries with stored backoff.** An `Err` or a panic rolls the callback's transaction back;
//!   the next attempt is scheduled after the [`Backoff`] delay, stored in the job's row with the
//!   error, so restarts and other instances keep the schedule.
//! - **Dead jobs.** A job that failed its last attempt is kept with its error history:
//!   [`Engine::dead_jobs`] lists them, [`Engine::retry`] runs one again.
//! - **No order.** Durable callbacks are not ordered relative to each other, nor to the trigger's
//!   in-process callbacks; priorities order in-process callbacks only.
//!
//! # Details
//!
//! - **Engine.** Jobs are River's (`riverqueue`, pinned to one version), in its tables
//!   (`river_job` and a few others) created by [`EngineBuilder::build`]. Several instances on one
//!   PostgreSQL database share the work; SQLite serves the instances of one host.
//! - **SQLite** needs WAL mode and a busy timeout on the pool (see [`Engine::sqlite`]). A
//!   callback's transaction holds SQLite's write lock while the callback runs: keep SQLite
//!   callbacks short.
//! - **Rolling deploys.** A job whose callback this binary does not know is snoozed for 30 s
//!   without using an attempt, for an instance that knows it; it is never discarded.
//! - **Errors.** A trigger that fails ([`Error`]) enqueued nothing usable and ran no callback:
//!   roll the transaction back.
//! - **Logging.** One `tracing` span per attempt, `hooks.job`, with the hook, callback, event,
//!   attempt and outcome.

#![deny(unsafe_code)]

mod backend;
mod backoff;
mod engine;
mod error;
mod failed;
mod job;
mod river;
mod run;
mod trigger;

#[doc(hidden)]
pub mod __private;

pub use backoff::Backoff;
pub use engine::{Database, DeadJob, Engine, EngineBuilder, FailedAttempt, Workers};
pub use error::Error;
pub use failed::{JobFailed, job_failed};
pub use job::{Job, JobTransaction};

/// The SQLx version of this crate's transactions and pools. Use it (or the same version) for the
/// pools given to [`Engine`] and the transactions given to triggers.
pub use riverqueue::sqlx;
