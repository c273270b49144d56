//! What a durable callback adds to the caller's transaction: one transaction that inserts a row and
//! commits, against the same transaction that also triggers a hook with one durable callback (one
//! job inserted in it), on SQLite (a file in a temporary directory, WAL) and on PostgreSQL (a
//! database of its own on the server of `HOOKS_TEST_POSTGRES_URL`, dropped afterwards; the group
//! is skipped with a printed line when the variable is unset). No workers run.
//!
//! ```sh
//! HOOKS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p hooks-durable --bench enqueue -- --warm-up-time 1 --measurement-time 5
//! python3 benches/durable_medians.py
//! ```
//!
//! Every trigger has an event id of its own (the default UUID v7), so every trigger inserts a job;
//! after each group the bench checks that there is one job per trigger.

use std::str::FromStr;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hooks_durable::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use hooks_durable::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use hooks_durable::sqlx::{self, AssertSqlSafe, Connection, PgPool, SqlitePool};
use hooks_durable::{Engine, Job};
use serde::{Deserialize, Serialize};
use tokio::runtime::Runtime;

#[derive(Debug, Serialize, Deserialize)]
struct Signup {
    user: i64,
}

/// The one durable callback of `bench_signup`. The bench starts no workers: it never runs.
#[hooks_core::hook_callback("bench_signup", durable)]
async fn open_wallet(_: &Signup, _: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
    Ok(())
}

const INSERT: &str = "INSERT INTO users (id) VALUES ($1)";

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime")
}

fn sqlite(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().expect("temporary directory");
    let pool: SqlitePool = rt.block_on(async {
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("bench.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await.expect("SQLite pool");
        sqlx::query("CREATE TABLE users (id INTEGER NOT NULL)").execute(&pool).await.expect("schema");
        Engine::sqlite(pool.clone()).build().await.expect("engine builds").install();
        pool
    });
    let mut next = 0_i64;
    let mut triggered = 0_i64;
    let mut group = c.benchmark_group("enqueue_sqlite");
    group.bench_function("insert_commit", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    next += 1;
                    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
                    sqlx::query(INSERT).bind(next).execute(&mut *tx).await.expect("insert");
                    tx.commit().await.expect("commit");
                }
                start.elapsed()
            })
        });
    });
    group.bench_function("insert_trigger_commit", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    next += 1;
                    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
                    sqlx::query(INSERT).bind(next).execute(&mut *tx).await.expect("insert");
                    let report = hooks_core::trigger_async!("bench_signup", &Signup { user: next }, tx = &mut tx)
                        .await
                        .expect("trigger");
                    assert!(report.is_ok());
                    tx.commit().await.expect("commit");
                }
                triggered += i64::try_from(iters).expect("iterations fit in i64");
                start.elapsed()
            })
        });
    });
    group.finish();
    let jobs: i64 = rt.block_on(sqlx::query_scalar("SELECT COUNT(*) FROM river_job").fetch_one(&pool)).expect("count");
    assert_eq!(jobs, triggered, "one job per trigger");
    println!("enqueue_sqlite: {triggered} triggers, {jobs} jobs");
    rt.block_on(pool.close());
}

fn postgres(c: &mut Criterion) {
    let Ok(url) = std::env::var("HOOKS_TEST_POSTGRES_URL") else {
        println!(
            "enqueue_postgres skipped: HOOKS_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    let rt = runtime();
    let db = rt.block_on(BenchDb::create(&url));
    let pool = db.pool.clone();
    rt.block_on(async {
        sqlx::query("CREATE TABLE users (id BIGINT NOT NULL)").execute(&pool).await.expect("schema");
        Engine::postgres(pool.clone()).build().await.expect("engine builds").install();
    });
    let mut next = 0_i64;
    let mut triggered = 0_i64;
    let mut group = c.benchmark_group("enqueue_postgres");
    group.bench_function("insert_commit", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    next += 1;
                    let mut tx = pool.begin().await.expect("begin");
                    sqlx::query(INSERT).bind(next).execute(&mut *tx).await.expect("insert");
                    tx.commit().await.expect("commit");
                }
                start.elapsed()
            })
        });
    });
    group.bench_function("insert_trigger_commit", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    next += 1;
                    let mut tx = pool.begin().await.expect("begin");
                    sqlx::query(INSERT).bind(next).execute(&mut *tx).await.expect("insert");
                    let report = hooks_core::trigger_async!("bench_signup", &Signup { user: next }, tx = &mut tx)
                        .await
                        .expect("trigger");
                    assert!(report.is_ok());
                    tx.commit().await.expect("commit");
                }
                triggered += i64::try_from(iters).expect("iterations fit in i64");
                start.elapsed()
            })
        });
    });
    group.finish();
    let jobs: i64 = rt.block_on(sqlx::query_scalar("SELECT COUNT(*) FROM river_job").fetch_one(&pool)).expect("count");
    assert_eq!(jobs, triggered, "one job per trigger");
    println!("enqueue_postgres: {triggered} triggers, {jobs} jobs");
    rt.block_on(db.drop_database());
}

/// A PostgreSQL database of the bench's own, dropped by [`BenchDb::drop_database`].
struct BenchDb {
    pool: PgPool,
    admin: PgConnectOptions,
    name: String,
}

impl BenchDb {
    async fn create(url: &str) -> BenchDb {
        let admin = PgConnectOptions::from_str(url).expect("HOOKS_TEST_POSTGRES_URL is a PostgreSQL URL");
        let name = format!("hooks_durable_bench_{}", std::process::id());
        let mut connection = sqlx::PgConnection::connect_with(&admin).await.expect("PostgreSQL server reachable");
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut connection)
            .await
            .expect("create bench database");
        connection.close().await.ok();
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(admin.clone().database(&name))
            .await
            .expect("PostgreSQL pool");
        BenchDb { pool, admin, name }
    }

    async fn drop_database(self) {
        self.pool.close().await;
        let mut connection = sqlx::PgConnection::connect_with(&self.admin).await.expect("PostgreSQL server reachable");
        sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)))
            .execute(&mut connection)
            .await
            .expect("drop bench database");
        connection.close().await.ok();
    }
}

criterion_group!(benches, sqlite, postgres);
criterion_main!(benches);
