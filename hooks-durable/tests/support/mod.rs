//! Test support: a database of its own per test (a SQLite file, or a PostgreSQL database that is
//! dropped afterwards), an engine on it, transactions on either, job rows as River stores them,
//! and polling with a timeout.

#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use hooks_durable::__private::TxRef;
use hooks_durable::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use hooks_durable::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use hooks_durable::sqlx::{self, AssertSqlSafe, Connection, PgPool, Postgres, Sqlite, SqlitePool};
use hooks_durable::{Backoff, Engine, EngineBuilder, Job, JobTransaction};
use riverqueue::{JobListParams, JobRow};
use tempfile::TempDir;

/// Runs one scenario on SQLite and on PostgreSQL (skipped with a printed line when
/// `HOOKS_TEST_POSTGRES_URL` is unset), one at a time in the test binary: the engine a trigger
/// uses is process-wide.
macro_rules! on_both_databases {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let _exclusive = crate::support::exclusive().await;
                super::$scenario(crate::support::Db::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let _exclusive = crate::support::exclusive().await;
                let Some(db) = crate::support::Db::postgres().await else { return };
                super::$scenario(db).await;
            }
        }
    )*};
}

pub mod signup;

/// Serializes the scenarios of one test binary.
pub async fn exclusive() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// The tables the scenarios write: the caller's rows and the callbacks' effects.
const SCHEMA: [&str; 2] = [
    "CREATE TABLE users (name TEXT NOT NULL)",
    "CREATE TABLE effects (event TEXT NOT NULL, callback TEXT NOT NULL, attempt INTEGER NOT NULL)",
];

/// A database of the test's own.
pub enum Db {
    Sqlite { pool: SqlitePool, _dir: TempDir },
    Postgres { pool: PgPool, admin: Box<PgConnectOptions>, name: String },
}

impl Db {
    /// `"sqlite"` or `"postgres"`.
    pub fn name(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres { .. } => "postgres",
        }
    }

    /// A SQLite file in a temporary directory, in WAL mode with a busy timeout.
    pub async fn sqlite() -> Db {
        let dir = tempfile::tempdir().expect("temporary directory");
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("test.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await.expect("SQLite pool");
        let db = Db::Sqlite { pool, _dir: dir };
        db.create_schema().await;
        db
    }

    /// A new database on the server of `HOOKS_TEST_POSTGRES_URL`; `None`, after printing that the
    /// test is skipped, when the variable is unset.
    pub async fn postgres() -> Option<Db> {
        let Ok(url) = std::env::var("HOOKS_TEST_POSTGRES_URL") else {
            // Straight to stderr: the test harness captures `println!` of passing tests.
            let line = "PostgreSQL test skipped: HOOKS_TEST_POSTGRES_URL is not set \
                        (e.g. postgres://postgres@127.0.0.1:5432/test)\n";
            std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes()).ok();
            return None;
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_micros();
        let name = format!("hooks_durable_{}_{}_{stamp}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let admin = PgConnectOptions::from_str(&url).expect("HOOKS_TEST_POSTGRES_URL is a PostgreSQL URL");
        let mut connection = sqlx::PgConnection::connect_with(&admin).await.expect("PostgreSQL server reachable");
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut connection)
            .await
            .expect("create test database");
        connection.close().await.ok();
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect_with(admin.clone().database(&name))
            .await
            .expect("PostgreSQL pool");
        let db = Db::Postgres { pool, admin: Box::new(admin), name };
        db.create_schema().await;
        Some(db)
    }

    async fn create_schema(&self) {
        for statement in SCHEMA {
            self.execute(statement).await;
        }
    }

    /// An engine builder on this database, with the timings of tests: a tiny backoff and fast
    /// polling.
    pub fn engine(&self) -> EngineBuilder {
        let builder = match self {
            Db::Sqlite { pool, .. } => Engine::sqlite(pool.clone()),
            Db::Postgres { pool, .. } => Engine::postgres(pool.clone()),
        };
        builder
            .workers(2)
            .poll_interval(Duration::from_millis(50))
            .backoff(Backoff::new(Duration::from_millis(20), 2, Duration::from_millis(200)))
            .job_timeout(Duration::from_secs(10))
            .rescue_after(Duration::from_secs(10))
    }

    /// An engine built, installed and with workers started when `workers` is true.
    pub async fn installed_engine(&self, workers: bool) -> (Engine, Option<hooks_durable::Workers>) {
        let engine = self.engine().build().await.expect("engine builds");
        engine.install();
        let workers = workers.then(|| engine.start().expect("workers start"));
        (engine, workers)
    }

    /// Begins a transaction that may write (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(&self) -> Tx {
        match self {
            Db::Sqlite { pool, .. } => {
                Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await.expect("begin SQLite transaction"))
            }
            Db::Postgres { pool, .. } => Tx::Postgres(pool.begin().await.expect("begin PostgreSQL transaction")),
        }
    }

    /// Runs a statement outside any transaction.
    pub async fn execute(&self, sql: &'static str) {
        match self {
            Db::Sqlite { pool, .. } => sqlx::query(sql).execute(pool).await.map(drop),
            Db::Postgres { pool, .. } => sqlx::query(sql).execute(pool).await.map(drop),
        }
        .expect("statement runs");
    }

    /// The integer `sql` selects, read outside any transaction (another connection than a
    /// transaction's).
    pub async fn count(&self, sql: &'static str) -> i64 {
        match self {
            Db::Sqlite { pool, .. } => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres { pool, .. } => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .expect("count query runs")
    }

    /// The rows of the durable-callback jobs, as River stores them (none before its tables
    /// exist), oldest first.
    pub async fn jobs(&self) -> Vec<JobRow> {
        let client = self.river_client();
        let params = JobListParams::default().kinds(["hooks.callback"]).limit(1000);
        client.jobs().list(params).await.expect("list jobs").jobs
    }

    /// A River client without workers on this database, to read jobs as River stores them or
    /// insert some as another program would.
    pub fn river_client(&self) -> riverqueue::Client {
        match self {
            Db::Sqlite { pool, .. } => riverqueue::Client::builder(pool.clone()),
            Db::Postgres { pool, .. } => riverqueue::Client::builder(pool.clone()),
        }
        .build()
        .expect("insert-only River client")
    }

    /// Waits until the only job is in `state`, and returns it.
    pub async fn only_job_in(&self, state: riverqueue::JobState) -> JobRow {
        eventually(&format!("the job is {state}"), || async {
            let jobs = self.jobs().await;
            (jobs.len() == 1 && jobs[0].state == state).then(|| jobs[0].clone())
        })
        .await
    }
}

impl Drop for Db {
    /// Drops a PostgreSQL test database, even after a failed assertion.
    fn drop(&mut self) {
        let Db::Postgres { pool, admin, name } = self else { return };
        let (pool, admin, name) = (pool.clone(), admin.clone(), std::mem::take(name));
        let database = name.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async move {
                pool.close().await;
                let mut connection = sqlx::PgConnection::connect_with(&admin).await?;
                sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")))
                    .execute(&mut connection)
                    .await?;
                connection.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {name}: {dropped:?}");
        }
    }
}

/// A caller's transaction on either database.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// The transaction as a trigger takes it.
    pub fn as_trigger_tx(&mut self) -> TxRef<'_> {
        match self {
            Tx::Sqlite(tx) => TxRef::from(tx),
            Tx::Postgres(tx) => TxRef::from(tx),
        }
    }

    /// Inserts a user row, the caller's own write.
    pub async fn insert_user(&mut self, name: &str) {
        let sql = "INSERT INTO users (name) VALUES ($1)";
        match self {
            Tx::Sqlite(tx) => sqlx::query(sql).bind(name).execute(&mut **tx).await.map(drop),
            Tx::Postgres(tx) => sqlx::query(sql).bind(name).execute(&mut **tx).await.map(drop),
        }
        .expect("insert user");
    }

    pub async fn commit(self) {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
        .expect("commit");
    }

    pub async fn rollback(self) {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
        .expect("rollback");
    }
}

/// A callback's effect: one `effects` row, written in the job's transaction.
pub async fn record_effect(job: &mut Job<'_>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO effects (event, callback, attempt) VALUES ($1, $2, $3)";
    let (event, callback, attempt) = (job.event_id().to_owned(), job.callback(), i32::from(job.attempt()));
    match job.transaction() {
        JobTransaction::Sqlite(tx) => {
            sqlx::query(sql).bind(event).bind(callback).bind(attempt).execute(&mut **tx).await.map(drop)
        }
        JobTransaction::Postgres(tx) => {
            sqlx::query(sql).bind(event).bind(callback).bind(attempt).execute(&mut **tx).await.map(drop)
        }
    }
}

/// Polls `probe` every 20 ms until it returns `Some`, for at most 15 s.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
