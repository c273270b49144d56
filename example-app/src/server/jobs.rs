//! The durable-hooks engine of a database, and the process role that only runs workers.
//!
//! Every role that triggers `user_created` installs an engine (triggers enqueue with it); the
//! roles with workers also start them: `serve` (unless `--no-workers`) and `worker`. Jobs are
//! River's, in its tables beside the application's, migrated when the engine is built.

use std::time::Duration;

use hooks_durable::{Backoff, DeadJob, Engine, Workers};
use serde_json::{Value, json};

use super::{StartError, connect};
use crate::events::Db;

/// How long one attempt of a durable callback may run (at most the rescue time).
const JOB_TIMEOUT: Duration = Duration::from_secs(25);

/// How the engine runs the durable callbacks.
#[derive(Debug, Clone, Copy)]
pub struct JobOptions {
    /// How many jobs this instance runs at once; `None` for an instance without workers
    /// (`serve --no-workers`), which still enqueues.
    pub workers: Option<usize>,
    /// How often idle workers look for jobs that became due (SQLite has no notifications).
    pub poll_interval: Duration,
    /// The delay between two attempts of a failing callback.
    pub backoff: Backoff,
    /// How long a job may stay running before it is taken to belong to a dead worker (a killed
    /// instance) and is run again. Longer than any callback's run.
    pub rescue_after: Duration,
}

impl Default for JobOptions {
    /// Two workers, polling every 200 ms, retrying after 1 s, 3 s, 9 s, ... at most 10 minutes,
    /// rescuing the jobs of a dead worker after 30 s.
    fn default() -> JobOptions {
        JobOptions {
            workers: Some(2),
            poll_interval: Duration::from_millis(200),
            backoff: Backoff::new(Duration::from_secs(1), 3, Duration::from_secs(600)),
            rescue_after: Duration::from_secs(30),
        }
    }
}

/// Builds the engine on `db` (applying River's migrations), installs it for this process's
/// triggers, and starts workers when `options` asks for them.
pub(crate) async fn start(db: &Db, options: &JobOptions) -> Result<(Engine, Option<Workers>), hooks_durable::Error> {
    let engine = db
        .engine()
        .workers(options.workers.unwrap_or(1).max(1))
        .poll_interval(options.poll_interval)
        .backoff(options.backoff)
        .rescue_after(options.rescue_after)
        // An attempt may not outlive the rescue time, or a running job would be rescued twice.
        .job_timeout(options.rescue_after.min(JOB_TIMEOUT))
        .build()
        .await?;
    engine.install();
    let workers = match options.workers {
        Some(_) => Some(engine.start()?),
        None => None,
    };
    Ok((engine, workers))
}

/// A process that only runs workers (`example-app worker`): no HTTP.
#[derive(Debug)]
pub struct Worker {
    db: Db,
    workers: Workers,
}

impl Worker {
    /// Opens and migrates the database at `database_url` and starts `workers` workers (at least
    /// one).
    pub async fn start(database_url: &str, mut options: JobOptions) -> Result<Worker, StartError> {
        let db = connect(database_url).await.map_err(StartError::Db)?;
        options.workers = Some(options.workers.unwrap_or(1).max(1));
        let (_, workers) = start(&db, &options).await.map_err(StartError::Jobs)?;
        let workers = workers.ok_or_else(|| StartError::Jobs(hooks_durable::Error::Config("no workers".to_owned())))?;
        tracing::info!(workers = options.workers, "worker running");
        Ok(Worker { db, workers })
    }

    /// Stops taking jobs, waits for the running ones, and closes the database.
    pub async fn stop(self) -> Result<(), hooks_durable::Error> {
        let stopped = self.workers.shutdown().await;
        self.db.close().await;
        stopped
    }
}

/// The dead jobs of the database at `database_url`: jobs whose last attempt failed
/// (`example-app hooks dead`).
pub async fn dead_jobs(database_url: &str) -> Result<Vec<DeadJob>, StartError> {
    let (db, engine) = open_engine(database_url).await?;
    let dead = engine.dead_jobs().await.map_err(StartError::Jobs);
    db.close().await;
    dead
}

/// Makes the dead job `id` of the database at `database_url` available again, for a worker to
/// attempt once more (`example-app hooks retry ID`).
pub async fn retry_dead_job(database_url: &str, id: i64) -> Result<(), StartError> {
    let (db, engine) = open_engine(database_url).await?;
    let retried = engine.retry(id).await.map_err(StartError::Jobs);
    db.close().await;
    retried
}

/// The database at `database_url` and an engine on it without workers, for one command.
async fn open_engine(database_url: &str) -> Result<(Db, Engine), StartError> {
    let db = connect(database_url).await.map_err(StartError::Db)?;
    let engine = db.engine().build().await.map_err(StartError::Jobs)?;
    Ok((db, engine))
}

/// A dead job as JSON: its id, hook, callback, event, attempts and the error of each attempt.
pub fn dead_job_json(job: &DeadJob) -> Value {
    let errors: Vec<Value> =
        job.errors.iter().map(|failed| json!({ "attempt": failed.attempt, "error": failed.message })).collect();
    json!({
        "id": job.id,
        "hook": job.hook,
        "callback": job.callback,
        "event_id": job.event_id,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "errors": errors,
    })
}
