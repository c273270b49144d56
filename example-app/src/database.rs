//! The database: SQLite (the embedded default) or PostgreSQL, with one schema and one SQL dialect.
//!
//! Every query is written once, in SQL both databases accept (`$1` parameters, `TEXT` and
//! `BIGINT` columns, no database-specific functions), and runs on whichever database the server
//! opened: [`on_db!`](crate::on_db) runs it on a pool, [`in_tx!`](crate::in_tx) in a transaction
//! (a request's, or a durable callback's job transaction). sqlx types a query by its database, so
//! each macro expands its body once per database: written once, compiled twice.

use std::sync::Arc;

use hooks_durable::{EngineBuilder, JobTransaction};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard};

/// A pool of the database every module writes to.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite, in WAL mode: one writer at a time.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

impl Db {
    /// Begins a transaction. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken up front,
    /// so two writers queue instead of failing when both try to upgrade a read lock.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// The durable-hooks engine's builder on this database.
    pub fn engine(&self) -> EngineBuilder {
        match self {
            Db::Sqlite(pool) => hooks_durable::Engine::sqlite(pool.clone()),
            Db::Postgres(pool) => hooks_durable::Engine::postgres(pool.clone()),
        }
    }

    /// Closes the pool, waiting for the connections in use to be returned.
    pub async fn close(&self) {
        crate::on_db!(self, |pool| pool.close().await);
    }
}

impl From<hooks_durable::Database> for Db {
    fn from(database: hooks_durable::Database) -> Db {
        match database {
            hooks_durable::Database::Sqlite(pool) => Db::Sqlite(pool),
            hooks_durable::Database::Postgres(pool) => Db::Postgres(pool),
        }
    }
}

/// A transaction on either database; [`Db::begin`] starts one.
#[derive(Debug)]
pub enum Tx {
    /// A SQLite transaction, holding the write lock.
    Sqlite(Transaction<'static, Sqlite>),
    /// A PostgreSQL transaction.
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// Rolls the transaction back.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }
}

/// A borrowed transaction on either database: a request's [`Tx`] or a durable callback's job
/// transaction; what [`in_tx!`](crate::in_tx) runs its body in.
#[derive(Debug)]
pub enum TxMut<'a> {
    /// A SQLite transaction.
    Sqlite(&'a mut Transaction<'static, Sqlite>),
    /// A PostgreSQL transaction.
    Postgres(&'a mut Transaction<'static, Postgres>),
}

impl<'a> From<&'a mut Tx> for TxMut<'a> {
    fn from(tx: &'a mut Tx) -> TxMut<'a> {
        match tx {
            Tx::Sqlite(tx) => TxMut::Sqlite(tx),
            Tx::Postgres(tx) => TxMut::Postgres(tx),
        }
    }
}

impl<'a> From<JobTransaction<'a>> for TxMut<'a> {
    fn from(tx: JobTransaction<'a>) -> TxMut<'a> {
        match tx {
            JobTransaction::Sqlite(tx) => TxMut::Sqlite(tx),
            JobTransaction::Postgres(tx) => TxMut::Postgres(tx),
        }
    }
}

impl<'a> From<&'a mut TxMut<'_>> for TxMut<'a> {
    fn from(tx: &'a mut TxMut<'_>) -> TxMut<'a> {
        match tx {
            TxMut::Sqlite(tx) => TxMut::Sqlite(tx),
            TxMut::Postgres(tx) => TxMut::Postgres(tx),
        }
    }
}

/// A request's transaction, lent to the in-process callbacks of the hook it triggers, so that
/// their writes (in different modules) commit with the request's, or not at all.
///
/// Callbacks run one after another, so the lock is never contended; the request takes the
/// transaction back with [`SharedTx::finish`] to commit or roll it back.
#[derive(Debug, Clone)]
pub struct SharedTx(Arc<Mutex<Option<Tx>>>);

/// The error of a callback that locks a [`SharedTx`] its request already finished.
#[derive(Debug, thiserror::Error)]
#[error("the request's transaction is already finished")]
pub struct TxFinished;

/// Why a write in a shared or job transaction failed.
#[derive(Debug, thiserror::Error)]
pub enum TxError {
    /// The transaction was already finished.
    #[error(transparent)]
    Finished(#[from] TxFinished),
    /// The database refused the write.
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
}

impl SharedTx {
    /// Shares `tx`.
    pub fn new(tx: Tx) -> SharedTx {
        SharedTx(Arc::new(Mutex::new(Some(tx))))
    }

    /// The transaction, for one callback's writes.
    pub async fn lock(&self) -> Result<MappedMutexGuard<'_, Tx>, TxFinished> {
        MutexGuard::try_map(self.0.lock().await, Option::as_mut).map_err(|_| TxFinished)
    }

    /// Takes the transaction back, to commit or roll it back; `None` when already taken.
    pub async fn finish(&self) -> Option<Tx> {
        self.0.lock().await.take()
    }
}

/// Runs `$body` with `$pool` bound to the pool of the database `$db` (a [`Db`]) is, once per
/// database: the body is written once and typed for each.
///
/// ```
/// # async fn example(db: &example_app::database::Db) -> Result<i64, sqlx::Error> {
/// let (users,): (i64,) = example_app::on_db!(db, |pool| {
///     sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(pool).await
/// })?;
/// # Ok(users)
/// # }
/// ```
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::database::Db::Sqlite($pool) => $body,
            $crate::database::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$tx` bound to the `&mut sqlx::Transaction` of `$from` (anything that
/// converts into a [`TxMut`]: `&mut Tx`, a job's `JobTransaction`, `&mut TxMut`), once per
/// database. Queries run on `&mut **tx`. Both expansions must have one type: a query's result
/// type differs per database, so map it (`.map(|done| done.rows_affected())`).
///
/// ```
/// # async fn example(tx: &mut example_app::database::Tx) -> Result<(), sqlx::Error> {
/// let updated = example_app::in_tx!(tx, |tx| {
///     sqlx::query("UPDATE wallets SET balance = balance + 1").execute(&mut **tx).await.map(|done| done.rows_affected())
/// })?;
/// # let _ = updated;
/// # Ok(())
/// # }
/// ```
#[macro_export]
macro_rules! in_tx {
    ($from:expr, |$tx:ident| $body:expr) => {
        match $crate::database::TxMut::from($from) {
            $crate::database::TxMut::Sqlite($tx) => $body,
            $crate::database::TxMut::Postgres($tx) => $body,
        }
    };
}
