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
//! the bench checks that there is one job per trigger. After each criterion group, the same two
//! transactions run alternately, 2,000 times each, and the bench prints their medians: a burst of
//! load on the machine then reaches both, where criterion measures one after the other.

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

/// Transaction pairs of the interleaved run that follows each criterion group.
const PAIRS: usize = 2000;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime")
}

/// The database of a group, whose engine is installed.
enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Db {
    /// One transaction: insert user `id`, trigger `bench_signup` in it when `trigger` is true,
    /// commit.
    async fn transaction(&self, id: i64, trigger: bool) {
        macro_rules! run {
            ($tx:expr) => {{
                let mut tx = $tx;
                sqlx::query(INSERT).bind(id).execute(&mut *tx).await.expect("insert");
                if trigger {
                    let report = hooks_core::trigger_async!("bench_signup", &Signup { user: id }, tx = &mut tx)
                        .await
                        .expect("trigger");
                    assert!(report.is_ok());
                }
                tx.commit().await.expect("commit");
            }};
        }
        match self {
            Db::Sqlite(pool) => run!(pool.begin_with("BEGIN IMMEDIATE").await.expect("begin")),
            Db::Postgres(pool) => run!(pool.begin().await.expect("begin")),
        }
    }

    async fn jobs(&self) -> i64 {
        let sql = "SELECT COUNT(*) FROM river_job";
        match self {
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .expect("count jobs")
    }
}

/// The criterion group `name` on `db`, then an interleaved run (the two transactions alternate,
/// [`PAIRS`] times, so that a burst of load on the machine reaches both), whose medians it prints.
fn measure(c: &mut Criterion, rt: &Runtime, name: &str, db: &Db) {
    let mut next = 0_i64;
    let mut triggered = 0_i64;
    let mut group = c.benchmark_group(name);
    for (bench, trigger) in [("insert_commit", false), ("insert_trigger_commit", true)] {
        group.bench_function(bench, |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    for _ in 0..iters {
                        next += 1;
                        db.transaction(next, trigger).await;
                    }
                    start.elapsed()
                })
            });
            if trigger {
                triggered = rt.block_on(db.jobs());
            }
        });
    }
    group.finish();

    let (mut without, mut with) = (Vec::with_capacity(PAIRS), Vec::with_capacity(PAIRS));
    rt.block_on(async {
        for _ in 0..PAIRS {
            for (trigger, times) in [(false, &mut without), (true, &mut with)] {
                next += 1;
                let start = Instant::now();
                db.transaction(next, trigger).await;
                times.push(start.elapsed());
            }
        }
    });
    let jobs = rt.block_on(db.jobs());
    assert_eq!(jobs, triggered + i64::try_from(PAIRS).expect("PAIRS fits in i64"), "one job per trigger");
    let (without, with) = (median(&mut without), median(&mut with));
    println!(
        "{name} interleaved, {PAIRS} pairs: insert_commit median {:.1} µs, insert_trigger_commit median {:.1} µs, \
         ratio {:.2}; {jobs} jobs, one per trigger",
        without.as_secs_f64() * 1e6,
        with.as_secs_f64() * 1e6,
        with.as_secs_f64() / without.as_secs_f64(),
    );
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
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
    measure(c, &rt, "enqueue_sqlite", &Db::Sqlite(pool.clone()));
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
    measure(c, &rt, "enqueue_postgres", &Db::Postgres(pool));
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
