//! What a durable callback receives besides its payload: its own transaction, in which its job
//! completes, and the facts of its attempt.

use std::fmt;

use riverqueue::sqlx::{self, PgConnection, Postgres, Sqlite, SqliteConnection};

use crate::Error;

/// The job of a durable callback, given to it with its payload:
/// `async fn f(payload: &P, job: &mut Job<'_>) -> Result<(), E>`.
///
/// The worker begins [`transaction`](Self::transaction) before the callback runs and, when the
/// callback returns `Ok`, completes the job in it and commits: the callback's writes through this
/// transaction and the job's completion commit together, so they happen once even though the job
/// may be delivered more than once. On `Err` or a panic the transaction is rolled back and the job
/// is retried later. Effects outside the database should be made idempotent with
/// [`idempotency_key`](Self::idempotency_key).
///
/// ```
/// use hooks_durable::Job;
///
/// # #[derive(serde::Serialize, serde::Deserialize)]
/// # struct UserCreated { id: i64 }
/// async fn open_wallet(user: &UserCreated, job: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
///     hooks_durable::sqlx::query("INSERT INTO wallets (user_id) VALUES ($1)")
///         .bind(user.id)
///         .execute(job.sqlite()?)
///         .await?;
///     Ok(())
/// }
/// ```
pub struct Job<'a> {
    transaction: JobTransaction<'a>,
    facts: &'a Facts,
}

/// The database transaction of a running durable callback, in which its job completes.
///
/// [`Job::sqlite`] and [`Job::postgres`] give its connection directly; match on this enum when a
/// callback supports both databases.
///
/// ```
/// use hooks_durable::{Job, JobTransaction};
///
/// async fn count_users(job: &mut Job<'_>) -> Result<i64, hooks_durable::Error> {
///     let sql = "SELECT COUNT(*) FROM users";
///     Ok(match job.transaction() {
///         JobTransaction::Sqlite(tx) => hooks_durable::sqlx::query_scalar(sql).fetch_one(&mut **tx).await?,
///         JobTransaction::Postgres(tx) => hooks_durable::sqlx::query_scalar(sql).fetch_one(&mut **tx).await?,
///     })
/// }
/// ```
#[derive(Debug)]
pub enum JobTransaction<'a> {
    /// A SQLite transaction (begun with `BEGIN IMMEDIATE`, so it holds the write lock).
    Sqlite(&'a mut sqlx::Transaction<'static, Sqlite>),
    /// A PostgreSQL transaction.
    Postgres(&'a mut sqlx::Transaction<'static, Postgres>),
}

/// The facts of one attempt, owned by the worker that lends them to the [`Job`].
#[derive(Debug)]
pub(crate) struct Facts {
    pub(crate) id: i64,
    pub(crate) hook: &'static str,
    pub(crate) callback: &'static str,
    pub(crate) event_id: String,
    pub(crate) attempt: u16,
    pub(crate) max_attempts: u16,
}

impl<'a> Job<'a> {
    pub(crate) fn new(transaction: JobTransaction<'a>, facts: &'a Facts) -> Self {
        Job { transaction, facts }
    }

    /// The callback's transaction. Its job completes in it when the callback returns `Ok`.
    ///
    /// See [`JobTransaction`] for an example.
    pub fn transaction(&mut self) -> JobTransaction<'_> {
        match &mut self.transaction {
            JobTransaction::Sqlite(tx) => JobTransaction::Sqlite(tx),
            JobTransaction::Postgres(tx) => JobTransaction::Postgres(tx),
        }
    }

    /// The connection of the callback's transaction on SQLite; an error on PostgreSQL.
    ///
    /// See [`Job`] for an example.
    pub fn sqlite(&mut self) -> Result<&mut SqliteConnection, Error> {
        match &mut self.transaction {
            JobTransaction::Sqlite(tx) => Ok(&mut **tx),
            JobTransaction::Postgres(_) => Err(Error::WrongTransaction { requested: "SQLite", actual: "PostgreSQL" }),
        }
    }

    /// The connection of the callback's transaction on PostgreSQL; an error on SQLite.
    ///
    /// ```
    /// async fn touch(job: &mut hooks_durable::Job<'_>) -> Result<(), hooks_durable::Error> {
    ///     hooks_durable::sqlx::query("UPDATE counters SET n = n + 1").execute(job.postgres()?).await?;
    ///     Ok(())
    /// }
    /// ```
    pub fn postgres(&mut self) -> Result<&mut PgConnection, Error> {
        match &mut self.transaction {
            JobTransaction::Postgres(tx) => Ok(&mut **tx),
            JobTransaction::Sqlite(_) => Err(Error::WrongTransaction { requested: "PostgreSQL", actual: "SQLite" }),
        }
    }

    /// The job's id, as [`Engine::dead_jobs`](crate::Engine::dead_jobs) lists it.
    ///
    /// ```
    /// fn log(job: &hooks_durable::Job<'_>) {
    ///     tracing::info!(job = job.id(), attempt = job.attempt(), "working");
    /// }
    /// ```
    pub fn id(&self) -> i64 {
        self.facts.id
    }

    /// This attempt's number: 1 on the first run, up to [`max_attempts`](Self::max_attempts)
    /// (beyond it only when a dead job is retried by hand).
    ///
    /// ```
    /// fn is_last(job: &hooks_durable::Job<'_>) -> bool {
    ///     job.attempt() >= job.max_attempts()
    /// }
    /// ```
    pub fn attempt(&self) -> u16 {
        self.facts.attempt
    }

    /// How many attempts the job gets before it is kept as a dead job (`max_attempts = N` on
    /// the callback, 10 by default).
    ///
    /// See [`attempt`](Self::attempt) for an example.
    pub fn max_attempts(&self) -> u16 {
        self.facts.max_attempts
    }

    /// The id of the triggering event: a UUID (version 7) made by the trigger, or the `event`
    /// the trigger was given. The jobs of one trigger share it.
    ///
    /// ```
    /// fn event(job: &hooks_durable::Job<'_>) -> String {
    ///     job.event_id().to_owned()
    /// }
    /// ```
    pub fn event_id(&self) -> &str {
        &self.facts.event_id
    }

    /// A key that is the same on every attempt of this job and differs for every other (event,
    /// callback) pair: `"{event_id}/{callback path}"`. Pass it to services outside the database
    /// that deduplicate requests (an idempotency header, a unique message id), so that a job
    /// delivered twice has its outside effect once.
    ///
    /// ```
    /// fn header(job: &hooks_durable::Job<'_>) -> (&'static str, String) {
    ///     ("Idempotency-Key", job.idempotency_key())
    /// }
    /// ```
    pub fn idempotency_key(&self) -> String {
        format!("{}/{}", self.facts.event_id, self.facts.callback)
    }

    /// The hook the job's event was triggered on.
    ///
    /// ```
    /// fn describe(job: &hooks_durable::Job<'_>) -> String {
    ///     format!("{} on {}", job.callback(), job.hook())
    /// }
    /// ```
    pub fn hook(&self) -> &'static str {
        self.facts.hook
    }

    /// The path of the running callback (`crate::module::function`).
    ///
    /// See [`hook`](Self::hook) for an example.
    pub fn callback(&self) -> &'static str {
        self.facts.callback
    }
}

impl fmt::Debug for Job<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job")
            .field("id", &self.facts.id)
            .field("hook", &self.facts.hook)
            .field("callback", &self.facts.callback)
            .field("event_id", &self.facts.event_id)
            .field("attempt", &self.facts.attempt)
            .field("max_attempts", &self.facts.max_attempts)
            .finish_non_exhaustive()
    }
}
