//! The engine implementation on River (`riverqueue`, pinned), for SQLite and PostgreSQL.
//!
//! # How River is configured, and why
//!
//! - **One job kind**, `hooks.callback`, for every durable callback; the job's arguments name the
//!   callback by path (`run::find`). Every worker registers the kind, so River's leader never
//!   discards a stuck job for being of a kind it does not know, and an instance that does not
//!   know a callback path (a rolling deploy) snoozes the job instead of failing an attempt.
//! - **Unique per (event, callback)**: uniqueness by the arguments `event` and `callback` only
//!   (not the payload), in every job state. A second trigger of an event is skipped while the
//!   first job's row exists: while it waits, runs or is retried, for
//!   `completed_retention` after it completed, and while it is dead (dead jobs are kept until
//!   retried). River skips a duplicate without failing the caller's transaction.
//! - **Backoff** is our [`Backoff`] as River's retry policy; River stores the next attempt's
//!   time and each attempt's error in the row.
//! - **Rescue**: `rescue_after` (30 s by default, at least the job timeout; River's default is
//!   one hour). A job always has a timeout, so every abandoned job is rescued.

use std::fmt;
use std::time::{Duration, SystemTime};

use riverqueue::database::DatabaseTransactionExecutor;
use riverqueue::migrate::{PostgresMigrator, SqliteMigrator};
use riverqueue::sqlx::{self, Postgres, Sqlite};
use riverqueue::{
    Client, InsertOpts, InsertResult, JobArgs, JobListParams, JobRow, JobState, MaintenanceConfig, QueueConfig,
    Retention, RetryPolicy, RunHandle, UniqueOpts, WorkCancelled, WorkContext, WorkError, WorkOutcome, Worker,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tracing::Instrument;

use crate::backend::{Backend, BoxFuture, DatabaseKind, Db, Enqueued, NewJob, Running};
use crate::engine::{Database, Options};
use crate::job::Facts;
use crate::run::{self, Outcome};
use crate::{Backoff, DeadJob, Error, FailedAttempt, Job};

/// The job kind of every durable callback.
const KIND: &str = "hooks.callback";

/// River's name for the queue of callbacks without `queue = ...`.
const DEFAULT_QUEUE: &str = riverqueue::QUEUE_DEFAULT;

/// The arguments of a durable callback's job, as stored in the job's row.
#[derive(Debug, Serialize, Deserialize)]
struct CallbackArgs {
    event: String,
    hook: String,
    callback: String,
    payload: Box<RawValue>,
}

impl JobArgs for CallbackArgs {
    const KIND: &'static str = KIND;

    /// One job per (event, callback): the payload is not part of the key.
    fn unique_fields() -> &'static [&'static [&'static str]] {
        &[&["event"], &["callback"]]
    }
}

/// River behind the [`Backend`] trait.
pub(crate) struct River {
    client: Client,
    kind: DatabaseKind,
    /// The queues this instance's workers run.
    queues: Vec<String>,
}

impl River {
    /// Migrates the database and builds the client, with its single worker.
    pub(crate) async fn build(pool: Database, options: Options) -> Result<Self, Error> {
        match &pool {
            Database::Sqlite(pool) => {
                warn_without_wal(pool).await?;
                SqliteMigrator::new(pool.clone()).migrate_up().await.map_err(Error::engine)?
            }
            Database::Postgres(pool) => {
                PostgresMigrator::new(pool.clone()).migrate_up().await.map_err(Error::engine)?
            }
        };
        let kind = match pool {
            Database::Sqlite(_) => DatabaseKind::Sqlite,
            Database::Postgres(_) => DatabaseKind::Postgres,
        };
        let mut workers = riverqueue::Workers::new();
        workers.add(CallbackWorker { pool: pool.clone() }).map_err(Error::engine)?;
        // River refuses a poll interval shorter than the fetch cooldown.
        let cooldown = options.poll_interval.min(options.fetch_cooldown);
        let queue = |workers| {
            QueueConfig::new(workers).with_fetch_poll_interval(options.poll_interval).with_fetch_cooldown(cooldown)
        };
        let maintenance = MaintenanceConfig::default()
            .with_rescue_after(options.rescue_after)
            .with_completed_job_retention(Retention::DeleteAfter(options.completed_retention))
            .with_discarded_job_retention(Retention::Keep);
        let mut builder = match pool {
            Database::Sqlite(pool) => Client::builder(pool),
            Database::Postgres(pool) => Client::builder(pool),
        }
        .workers(workers)
        .fetch_cooldown(cooldown)
        .job_timeout(options.job_timeout)
        .retry_policy(BackoffPolicy(options.backoff))
        .maintenance(maintenance)
        .queue(DEFAULT_QUEUE, queue(options.workers));
        for (name, workers) in &options.queues {
            builder = builder.queue(name.clone(), queue(*workers));
        }
        let client = builder.build().map_err(Error::engine)?;
        let queues = std::iter::once(DEFAULT_QUEUE.to_owned()).chain(options.queues.into_iter().map(|(name, _)| name));
        Ok(River { client, kind, queues: queues.collect() })
    }

    /// Inserts `jobs` in the caller's transaction, whatever its database.
    fn enqueue<'a, E>(&'a self, tx: E, jobs: Vec<NewJob<'a>>) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>>
    where
        E: DatabaseTransactionExecutor<'a> + Send + 'a,
    {
        Box::pin(async move {
            let items = jobs.into_iter().map(|job| (args(&job), insert_opts(&job))).collect::<Vec<_>>();
            let inserted = self.client.insert_many(items).tx(tx).await.map_err(Error::engine)?;
            Ok(inserted.iter().map(enqueued).collect())
        })
    }
}

fn args(job: &NewJob<'_>) -> CallbackArgs {
    CallbackArgs {
        event: job.event_id.to_owned(),
        hook: job.hook.to_owned(),
        callback: job.callback.to_owned(),
        payload: job.payload.to_owned(),
    }
}

fn insert_opts(job: &NewJob<'_>) -> InsertOpts {
    InsertOpts::default()
        .with_max_attempts(i32::from(job.max_attempts))
        .with_queue(job.queue.unwrap_or(DEFAULT_QUEUE))
        .with_unique(UniqueOpts::new().with_by_args(true).with_by_state(JobState::ALL.iter().copied()))
}

fn enqueued(result: &InsertResult<CallbackArgs>) -> Enqueued {
    Enqueued { id: result.id(), duplicate: result.unique_skipped_as_duplicate }
}

impl Backend for River {
    fn database(&self) -> DatabaseKind {
        self.kind
    }

    fn enqueue_sqlite<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'_, Sqlite>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>> {
        self.enqueue(tx, jobs)
    }

    fn enqueue_postgres<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'_, Postgres>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>> {
        self.enqueue(tx, jobs)
    }

    fn start(&self) -> Result<Box<dyn Running>, Error> {
        warn_unserved_queues(&self.queues);
        let handle = self.client.start().map_err(Error::engine)?;
        Ok(Box::new(RiverRunning(handle)))
    }

    fn dead_jobs(&self) -> BoxFuture<'_, Result<Vec<DeadJob>, Error>> {
        Box::pin(async move {
            let mut dead = Vec::new();
            let mut params = JobListParams::default().kinds([KIND]).states([JobState::Discarded]).limit(1000);
            loop {
                let page = self.client.jobs().list(params.clone()).await.map_err(Error::engine)?;
                let Some(last) = page.jobs.last().map(|row| row.id) else { break };
                dead.extend(page.jobs.iter().map(dead_job));
                params = params.after_id(last);
            }
            Ok(dead)
        })
    }

    fn retry(&self, id: i64) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let row = match self.client.jobs().get(id).await {
                Ok(row) => row,
                Err(riverqueue::Error::NotFound { .. }) => return Err(Error::NotDead { id, state: None }),
                Err(error) => return Err(Error::engine(error)),
            };
            if row.kind != KIND || row.state != JobState::Discarded {
                return Err(Error::NotDead { id, state: Some(row.state.as_str()) });
            }
            self.client.jobs().retry(id).await.map_err(Error::engine)?;
            Ok(())
        })
    }
}

impl fmt::Debug for River {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("River").field("database", &self.kind).finish_non_exhaustive()
    }
}

/// Warns when a SQLite database is not in WAL mode, where readers and the writer block each other.
async fn warn_without_wal(pool: &sqlx::SqlitePool) -> Result<(), Error> {
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(
            target: "hooks",
            journal_mode = mode,
            "the SQLite pool of the durable-hooks engine is not in WAL mode: open it with \
             `SqliteConnectOptions::journal_mode(SqliteJournalMode::Wal)` and a busy timeout",
        );
    }
    Ok(())
}

/// Warns about durable callbacks whose queue this instance does not run (another may).
fn warn_unserved_queues(queues: &[String]) {
    for callback in hooks_core::registry().callbacks() {
        let Some(queue) = callback.durable().and_then(|durable| durable.queue()) else { continue };
        if !queues.iter().any(|served| served == queue) {
            tracing::warn!(
                target: "hooks",
                callback = callback.path(),
                queue,
                "durable callback `{}` uses queue `{queue}`, which these workers do not run: \
                 its jobs wait for an instance that does (EngineBuilder::queue)",
                callback.path(),
            );
        }
    }
}

fn dead_job(row: &JobRow) -> DeadJob {
    let args = row.decode_args::<CallbackArgs>().ok();
    let (hook, callback, event_id) = match args {
        Some(CallbackArgs { hook, callback, event, .. }) => (hook, callback, event),
        None => Default::default(),
    };
    DeadJob {
        id: row.id,
        hook,
        callback,
        event_id,
        attempts: u32::try_from(row.attempt).unwrap_or_default(),
        max_attempts: u32::try_from(row.max_attempts).unwrap_or_default(),
        errors: row
            .errors
            .iter()
            .map(|error| FailedAttempt {
                attempt: u32::try_from(error.attempt).unwrap_or_default(),
                at: SystemTime::from(error.at),
                message: error.error.clone(),
            })
            .collect(),
    }
}

/// Workers started by [`River::start`].
struct RiverRunning(RunHandle);

impl Running for RiverRunning {
    fn shutdown(self: Box<Self>) -> BoxFuture<'static, Result<(), Error>> {
        let RiverRunning(mut handle) = *self;
        Box::pin(async move { handle.stop().await.map_err(Error::engine) })
    }
}

impl fmt::Debug for RiverRunning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Our backoff as River's retry policy: River stores the resulting time in the job's row.
#[derive(Debug)]
struct BackoffPolicy(Backoff);

impl RetryPolicy for BackoffPolicy {
    fn next_retry(&self, job: &JobRow, _error: &WorkError, _now: riverqueue::jiff::Timestamp) -> Duration {
        self.0.delay(u32::try_from(job.attempt).unwrap_or_default())
    }
}

/// The one worker: runs any durable callback of this binary in a transaction of its own.
struct CallbackWorker {
    pool: Database,
}

impl Worker<CallbackArgs> for CallbackWorker {
    type Error = riverqueue::BoxError;

    async fn work(&self, context: WorkContext, job: riverqueue::Job<CallbackArgs>) -> Result<WorkOutcome, Self::Error> {
        let riverqueue::Job { args, row, .. } = job;
        let target = match run::find(&args.callback) {
            Ok(target) => target,
            Err(missing) => {
                tracing::warn!(
                    target: "hooks",
                    job = row.id,
                    callback = args.callback,
                    "durable callback not run here ({missing}): job snoozed for {:?}, for an instance that has it",
                    run::MISSING_CALLBACK_SNOOZE,
                );
                return Ok(WorkOutcome::Snooze(run::MISSING_CALLBACK_SNOOZE));
            }
        };
        let facts = Facts {
            id: row.id,
            hook: target.callback.hook(),
            callback: target.callback.path(),
            event_id: args.event,
            attempt: u16::try_from(row.attempt).unwrap_or(u16::MAX),
            max_attempts: u16::try_from(row.max_attempts).unwrap_or(u16::MAX),
        };
        let span = run::span(&facts);
        let payload = args.payload.get();
        let attempt = async {
            match &self.pool {
                Database::Sqlite(pool) => {
                    let tx = riverqueue::database::begin_sqlite_write(pool).await?;
                    attempt_in(&context, tx, target, payload, (&facts, &span, &self.pool)).await
                }
                Database::Postgres(pool) => {
                    let tx = riverqueue::database::begin_postgres(pool).await?;
                    attempt_in(&context, tx, target, payload, (&facts, &span, &self.pool)).await
                }
            }
        };
        attempt.instrument(span.clone()).await
    }
}

/// Runs one attempt in `tx`: completes the job in it and commits on success, rolls back on an
/// error, a panic or a cancellation (timeout, hard stop); a failure (not a cancellation) then
/// fires [`job_failed`](crate::job_failed).
async fn attempt_in<DB: Db>(
    context: &WorkContext,
    mut tx: sqlx::Transaction<'static, DB>,
    target: run::Target,
    payload: &str,
    (facts, span, database): (&Facts, &tracing::Span, &Database),
) -> Result<WorkOutcome, riverqueue::BoxError>
where
    for<'e> &'e mut sqlx::Transaction<'static, DB>: DatabaseTransactionExecutor<'e>,
{
    let result = {
        let job = Job::new(DB::lend(&mut tx), facts);
        tokio::select! {
            result = run::attempt(target, payload, job) => Some(result),
            () = context.cancellation_token().cancelled() => None,
        }
    };
    match result {
        Some(Ok(())) => {
            context.job_complete_tx(&mut tx).await?;
            tx.commit().await?;
            run::record(span, facts, Outcome::Completed, None);
            Ok(WorkOutcome::Complete)
        }
        Some(Err(message)) => {
            tx.rollback().await?;
            run::record(span, facts, Outcome::Failed, Some(&message));
            crate::failed::announce(facts, &message, database).await;
            Err(message.into())
        }
        None => {
            tx.rollback().await?;
            run::record(span, facts, Outcome::Cancelled, None);
            Err(Box::new(Cancelled(WorkCancelled)))
        }
    }
}

/// The error of a cancelled attempt, as its job's history shows it. River finds `WorkCancelled`
/// in its sources: during a shutdown the job is handed back without using its attempt.
#[derive(Debug, thiserror::Error)]
#[error("cancelled: the attempt ran longer than the job timeout, or the workers were stopped")]
struct Cancelled(#[source] WorkCancelled);
