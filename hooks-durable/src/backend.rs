//! The seam between durable hooks and the job engine: what this crate asks of an engine, so that
//! River (the one implementation, in `river.rs`) can be exchanged without touching the trigger,
//! the worker logic in `run.rs` or the public API.
//!
//! An engine stores one job per (event, callback) in the caller's transaction, works them with
//! [`run::attempt`](crate::run::attempt) inside a transaction of its own in which it completes the
//! job, keeps the retry schedule and the error history in the database, and keeps the jobs that
//! used up their attempts until they are retried by hand.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use riverqueue::sqlx::{self, Postgres, Sqlite};
use serde_json::value::RawValue;

use crate::{DeadJob, Error, JobTransaction};

/// A boxed future, as the engine's object-safe methods return them.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The database an engine or a transaction is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl DatabaseKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            DatabaseKind::Sqlite => "SQLite",
            DatabaseKind::Postgres => "PostgreSQL",
        }
    }
}

/// One job to enqueue: a durable callback and the event it runs for.
#[derive(Debug)]
pub(crate) struct NewJob<'a> {
    pub(crate) hook: &'static str,
    pub(crate) callback: &'static str,
    pub(crate) event_id: &'a str,
    pub(crate) payload: &'a RawValue,
    pub(crate) max_attempts: u16,
    pub(crate) queue: Option<&'static str>,
}

/// The outcome of enqueueing one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Enqueued {
    pub(crate) id: i64,
    /// The (event, callback) pair already had a job: nothing was inserted.
    pub(crate) duplicate: bool,
}

/// A job engine.
pub(crate) trait Backend: Send + Sync + fmt::Debug + 'static {
    /// The database of the engine's pool.
    fn database(&self) -> DatabaseKind;

    /// Inserts `jobs` in the caller's SQLite transaction, skipping pairs that already have a job
    /// without failing the transaction.
    fn enqueue_sqlite<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'_, Sqlite>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>>;

    /// [`enqueue_sqlite`](Self::enqueue_sqlite) on PostgreSQL.
    fn enqueue_postgres<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'_, Postgres>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>>;

    /// Starts working jobs until the returned handle shuts down.
    fn start(&self) -> Result<Box<dyn Running>, Error>;

    /// The jobs that used up their attempts, oldest first.
    fn dead_jobs(&self) -> BoxFuture<'_, Result<Vec<DeadJob>, Error>>;

    /// Makes a dead job available again, with one more attempt.
    fn retry(&self, id: i64) -> BoxFuture<'_, Result<(), Error>>;
}

/// Workers an engine started.
pub(crate) trait Running: Send + fmt::Debug {
    /// Stops taking jobs, lets the running ones finish, and returns when they have.
    fn shutdown(self: Box<Self>) -> BoxFuture<'static, Result<(), Error>>;
}

/// What differs between the databases, in one place: how a caller's transaction reaches the
/// engine, and how a worker's transaction is lent to a callback.
pub(crate) trait Db: sqlx::Database {
    const KIND: DatabaseKind;

    fn enqueue<'a>(
        backend: &'a dyn Backend,
        tx: &'a mut sqlx::Transaction<'_, Self>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>>;

    fn lend<'t>(tx: &'t mut sqlx::Transaction<'static, Self>) -> JobTransaction<'t>;
}

impl Db for Sqlite {
    const KIND: DatabaseKind = DatabaseKind::Sqlite;

    fn enqueue<'a>(
        backend: &'a dyn Backend,
        tx: &'a mut sqlx::Transaction<'_, Self>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>> {
        backend.enqueue_sqlite(tx, jobs)
    }

    fn lend<'t>(tx: &'t mut sqlx::Transaction<'static, Self>) -> JobTransaction<'t> {
        JobTransaction::Sqlite(tx)
    }
}

impl Db for Postgres {
    const KIND: DatabaseKind = DatabaseKind::Postgres;

    fn enqueue<'a>(
        backend: &'a dyn Backend,
        tx: &'a mut sqlx::Transaction<'_, Self>,
        jobs: Vec<NewJob<'a>>,
    ) -> BoxFuture<'a, Result<Vec<Enqueued>, Error>> {
        backend.enqueue_postgres(tx, jobs)
    }

    fn lend<'t>(tx: &'t mut sqlx::Transaction<'static, Self>) -> JobTransaction<'t> {
        JobTransaction::Postgres(tx)
    }
}
