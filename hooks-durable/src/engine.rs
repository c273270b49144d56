//! The engine: built on a pool, installed for the process's triggers, started for its workers.
//!
//! # Lifecycle
//!
//! 1. [`Engine::sqlite`] or [`Engine::postgres`] takes the application's pool;
//!    [`EngineBuilder::build`] applies the job tables' migrations (idempotent) and checks the
//!    options.
//! 2. [`Engine::install`] makes it the engine of every trigger with a transaction in the process.
//! 3. [`Engine::start`] starts workers; [`Workers::shutdown`] stops them gracefully. An instance
//!    that only serves requests (API-only) installs without starting.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use riverqueue::sqlx::{PgPool, SqlitePool};

use crate::Backoff;
use crate::Error;
use crate::backend::{Backend, Running};
use crate::river::River;

/// The engine installed by [`Engine::install`], read by every trigger with a transaction.
static INSTALLED: RwLock<Option<Arc<dyn Backend>>> = RwLock::new(None);

/// The installed engine, if any.
pub(crate) fn installed() -> Option<Arc<dyn Backend>> {
    INSTALLED.read().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Durable hooks on one database: enqueues in the callers' transactions, runs workers, keeps dead
/// jobs.
///
/// Cloning is cheap; clones share one engine.
///
/// ```no_run
/// # async fn example(pool: hooks_durable::sqlx::SqlitePool) -> Result<(), hooks_durable::Error> {
/// use std::time::Duration;
///
/// let engine = hooks_durable::Engine::sqlite(pool).workers(4).rescue_after(Duration::from_secs(30)).build().await?;
/// engine.install();
/// let workers = engine.start()?;
/// // ... serve ...
/// workers.shutdown().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Engine {
    backend: Arc<dyn Backend>,
}

impl Engine {
    /// An engine on a SQLite pool.
    ///
    /// Open the pool in WAL mode with a busy timeout (several seconds), so that workers, the
    /// engine's maintenance and the application's writers wait for each other instead of failing
    /// with `SQLITE_BUSY`:
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), hooks_durable::Error> {
    /// use std::time::Duration;
    /// use hooks_durable::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
    ///
    /// let options = SqliteConnectOptions::new()
    ///     .filename("app.db")
    ///     .create_if_missing(true)
    ///     .journal_mode(SqliteJournalMode::Wal)
    ///     .busy_timeout(Duration::from_secs(5));
    /// let pool = SqlitePoolOptions::new().connect_with(options).await?;
    /// let engine = hooks_durable::Engine::sqlite(pool).build().await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// A trigger's transaction on SQLite should be begun with `BEGIN IMMEDIATE`
    /// (`pool.begin_with("BEGIN IMMEDIATE")`), which takes the write lock up front.
    pub fn sqlite(pool: SqlitePool) -> EngineBuilder {
        EngineBuilder::new(Database::Sqlite(pool))
    }

    /// An engine on a PostgreSQL pool. Several instances of a service on one database share its
    /// jobs: each job runs on one of them at a time.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), hooks_durable::Error> {
    /// let pool = hooks_durable::sqlx::PgPool::connect("postgres://localhost/app").await?;
    /// let engine = hooks_durable::Engine::postgres(pool).build().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn postgres(pool: PgPool) -> EngineBuilder {
        EngineBuilder::new(Database::Postgres(pool))
    }

    /// Makes this engine the one every trigger with a transaction (`trigger_async!(hook, &payload,
    /// tx = &mut tx)`) enqueues with, replacing any engine installed before. Until an engine is
    /// installed, such triggers fail with [`Error::NotInstalled`].
    ///
    /// See [`Engine`] for an example.
    pub fn install(&self) {
        *INSTALLED.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&self.backend));
    }

    /// Starts workers that run the durable callbacks of the whole program (every one linked into
    /// it), in the default queue and the queues added with [`EngineBuilder::queue`]. Call it in
    /// every instance that should run jobs; instances without workers can still enqueue.
    ///
    /// See [`Engine`] for an example.
    pub fn start(&self) -> Result<Workers, Error> {
        Ok(Workers { running: self.backend.start()? })
    }

    /// The dead jobs: those that failed their last attempt, oldest first, with their error
    /// history. They are kept until retried (or deleted with the engine's tables).
    ///
    /// ```no_run
    /// # async fn example(engine: hooks_durable::Engine) -> Result<(), hooks_durable::Error> {
    /// for dead in engine.dead_jobs().await? {
    ///     let last = dead.errors.last().map_or("", |e| e.message.as_str());
    ///     println!("{} {} {} after {} attempts: {last}", dead.id, dead.hook, dead.callback, dead.attempts);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn dead_jobs(&self) -> Result<Vec<DeadJob>, Error> {
        self.backend.dead_jobs().await
    }

    /// Makes the dead job `id` available again, with one more attempt; typically after fixing
    /// what made it fail. Only dead jobs can be retried: [`Error::NotDead`] otherwise.
    ///
    /// ```no_run
    /// # async fn example(engine: hooks_durable::Engine) -> Result<(), hooks_durable::Error> {
    /// for dead in engine.dead_jobs().await? {
    ///     engine.retry(dead.id).await?;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn retry(&self, id: i64) -> Result<(), Error> {
        self.backend.retry(id).await
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine").field("backend", &self.backend).finish()
    }
}

/// The database an engine is built on: its pool, which the workers' transactions come from and
/// which [`JobFailed`](crate::JobFailed) hands to the callbacks of
/// [`job_failed`](crate::job_failed).
#[derive(Clone, Debug)]
pub enum Database {
    /// A SQLite pool.
    Sqlite(SqlitePool),
    /// A PostgreSQL pool.
    Postgres(PgPool),
}

/// The options of an [`Engine`], from [`Engine::sqlite`] or [`Engine::postgres`].
///
/// ```no_run
/// # async fn example(pool: hooks_durable::sqlx::PgPool) -> Result<(), hooks_durable::Error> {
/// use std::time::Duration;
/// use hooks_durable::{Backoff, Engine};
///
/// let engine = Engine::postgres(pool)
///     .workers(8)
///     .queue("mail", 2)
///     .job_timeout(Duration::from_secs(20))
///     .rescue_after(Duration::from_secs(30))
///     .backoff(Backoff::new(Duration::from_secs(2), 2, Duration::from_secs(600)))
///     .build()
///     .await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
#[must_use = "an engine builder does nothing until `build().await`"]
pub struct EngineBuilder {
    pool: Database,
    pub(crate) options: Options,
}

/// The options, as the engine implementation reads them.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub(crate) workers: usize,
    pub(crate) queues: Vec<(String, usize)>,
    pub(crate) job_timeout: Duration,
    pub(crate) rescue_after: Duration,
    pub(crate) backoff: Backoff,
    pub(crate) poll_interval: Duration,
    pub(crate) fetch_cooldown: Duration,
    pub(crate) completed_retention: Duration,
}

impl EngineBuilder {
    fn new(pool: Database) -> Self {
        let options = Options {
            workers: 4,
            queues: Vec::new(),
            job_timeout: Duration::from_secs(25),
            rescue_after: Duration::from_secs(30),
            backoff: Backoff::default(),
            poll_interval: Duration::from_secs(1),
            fetch_cooldown: Duration::from_millis(5),
            completed_retention: Duration::from_secs(24 * 3600),
        };
        EngineBuilder { pool, options }
    }

    /// How many jobs of the default queue this instance runs at once. Default 4.
    pub fn workers(mut self, workers: usize) -> Self {
        self.options.workers = workers;
        self
    }

    /// Also runs the queue `name` (callbacks declared with `queue = "name"`), with `workers` jobs
    /// at once. Jobs of a queue no instance runs wait until one does.
    pub fn queue(mut self, name: impl Into<String>, workers: usize) -> Self {
        self.options.queues.push((name.into(), workers));
        self
    }

    /// How long one attempt may run before it is cancelled (its transaction rolled back) and
    /// counted as failed. Default 25 s. Must not exceed [`rescue_after`](Self::rescue_after).
    pub fn job_timeout(mut self, timeout: Duration) -> Self {
        self.options.job_timeout = timeout;
        self
    }

    /// How long a job may stay running before it is considered abandoned by a dead worker (a
    /// crashed instance) and scheduled again, as a failed attempt. Default 30 s. It must be at
    /// least [`job_timeout`](Self::job_timeout): a job still running would otherwise run twice.
    pub fn rescue_after(mut self, after: Duration) -> Self {
        self.options.rescue_after = after;
        self
    }

    /// The delays between attempts. Default [`Backoff::default`].
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.options.backoff = backoff;
        self
    }

    /// How often idle workers look for jobs that became due (retries, jobs inserted by another
    /// instance without a notification). Default 1 s; tests use less.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.options.poll_interval = interval;
        self
    }

    /// The shortest time between two claims of jobs by one queue's workers while jobs are
    /// waiting: with `N` workers a queue runs at most `N` jobs per cooldown. Default 5 ms; an
    /// idle queue does not claim (it waits for a notification or the
    /// [`poll_interval`](Self::poll_interval)), so a short cooldown costs nothing when there is no
    /// work. Capped at the poll interval.
    pub fn fetch_cooldown(mut self, cooldown: Duration) -> Self {
        self.options.fetch_cooldown = cooldown;
        self
    }

    /// How long a completed job is kept, which is how long a second trigger of the same event is
    /// recognised as a duplicate. Default 24 hours. Dead jobs are kept until retried.
    pub fn completed_retention(mut self, retention: Duration) -> Self {
        self.options.completed_retention = retention;
        self
    }

    /// Checks the options, applies the job tables' migrations (idempotent) and builds the engine.
    ///
    /// See [`EngineBuilder`] for an example.
    pub async fn build(self) -> Result<Engine, Error> {
        self.options.check()?;
        let backend = River::build(self.pool, self.options).await?;
        Ok(Engine { backend: Arc::new(backend) })
    }
}

impl Options {
    fn check(&self) -> Result<(), Error> {
        let positive = [
            ("job_timeout", self.job_timeout),
            ("rescue_after", self.rescue_after),
            ("poll_interval", self.poll_interval),
            ("fetch_cooldown", self.fetch_cooldown),
            ("completed_retention", self.completed_retention),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, duration)| duration.is_zero()) {
            return Err(Error::Config(format!("{name} must be positive")));
        }
        if self.rescue_after < self.job_timeout {
            return Err(Error::Config(format!(
                "rescue_after ({:?}) must not be shorter than job_timeout ({:?}): a job still running would run twice",
                self.rescue_after, self.job_timeout
            )));
        }
        let queues =
            std::iter::once(("default", self.workers)).chain(self.queues.iter().map(|(n, w)| (n.as_str(), *w)));
        for (name, workers) in queues {
            if workers == 0 {
                return Err(Error::Config(format!("queue `{name}` needs at least one worker")));
            }
        }
        Ok(())
    }
}

/// Running workers, from [`Engine::start`]. Shut them down with [`shutdown`](Self::shutdown).
///
/// Dropping the handle stops the workers at once, cancelling the running jobs (their
/// transactions roll back and the jobs become available again).
///
/// See [`Engine`] for an example.
#[must_use = "dropping the workers stops them at once; keep them and call `shutdown().await`"]
pub struct Workers {
    running: Box<dyn Running>,
}

impl Workers {
    /// Stops taking jobs, lets the running ones finish (each within its job timeout), and returns
    /// when they have.
    ///
    /// See [`Engine`] for an example.
    pub async fn shutdown(self) -> Result<(), Error> {
        self.running.shutdown().await
    }
}

impl fmt::Debug for Workers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workers").field("running", &self.running).finish()
    }
}

/// A job that failed its last attempt, from [`Engine::dead_jobs`].
///
/// See [`Engine::dead_jobs`] for an example.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DeadJob {
    /// The job's id, for [`Engine::retry`].
    pub id: i64,
    /// The hook its event was triggered on.
    pub hook: String,
    /// The callback's path.
    pub callback: String,
    /// The event's id.
    pub event_id: String,
    /// How many attempts ran.
    pub attempts: u32,
    /// How many attempts it had.
    pub max_attempts: u32,
    /// One entry per failed attempt, oldest first.
    pub errors: Vec<FailedAttempt>,
}

/// One failed attempt of a job, from [`DeadJob::errors`].
///
/// See [`Engine::dead_jobs`] for an example.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FailedAttempt {
    /// The attempt's number.
    pub attempt: u32,
    /// When it failed.
    pub at: SystemTime,
    /// The callback's error, or its panic message (`panicked: ...`).
    pub message: String,
}
