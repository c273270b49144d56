//! Completed jobs per second on PostgreSQL: enqueues `--jobs` jobs of a durable callback that does
//! nothing (one trigger each, `--batch` triggers per transaction) before any worker runs, then
//! starts `--engines` engines (each on a pool of its own, like instances of a service) with
//! `--workers` workers each and times until every job is completed in the database.
//!
//! ```sh
//! HOOKS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo run --release -p hooks-durable --example throughput -- --jobs 10000 --workers 2
//! ```
//!
//! Options: `--jobs N` (10000), `--workers N` (1), `--engines N` (1), `--poll-ms N` (the
//! engine's `poll_interval`; its default, 1000, when absent), `--pool N` (connections per
//! engine; workers + 4, at most 50, by default), `--batch N` (1000). The run uses a database of its own on the
//! server of `HOOKS_TEST_POSTGRES_URL`, dropped afterwards. One line of results on stdout.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hooks_durable::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use hooks_durable::sqlx::{self, AssertSqlSafe, Connection, PgPool};
use hooks_durable::{Engine, Job};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
struct Tick {
    n: u64,
}

/// Callbacks run (not yet committed): the run polls the database only once all of them ran.
static RAN: AtomicU64 = AtomicU64::new(0);

/// The trivial durable callback: its job's transaction only completes the job.
#[hooks_core::hook_callback("throughput_tick", durable)]
async fn tick(_: &Tick, _: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
    RAN.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

#[derive(Debug)]
struct Args {
    jobs: u64,
    workers: usize,
    engines: usize,
    poll_ms: Option<u64>,
    pool: Option<u32>,
    batch: u64,
}

fn parse_args() -> Args {
    let mut args = Args { jobs: 10_000, workers: 1, engines: 1, poll_ms: None, pool: None, batch: 1000 };
    let mut iter = std::env::args().skip(1);
    while let Some(flag) = iter.next() {
        let value = iter.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        let number = || value.parse::<u64>().unwrap_or_else(|_| panic!("{flag} takes a number, not {value}"));
        match flag.as_str() {
            "--jobs" => args.jobs = number(),
            "--workers" => args.workers = usize::try_from(number()).expect("--workers fits in usize"),
            "--engines" => args.engines = usize::try_from(number()).expect("--engines fits in usize"),
            "--poll-ms" => args.poll_ms = Some(number()),
            "--pool" => args.pool = Some(u32::try_from(number()).expect("--pool fits in u32")),
            "--batch" => args.batch = number().max(1),
            _ => panic!("unknown option {flag}"),
        }
    }
    args
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = parse_args();
    let Ok(url) = std::env::var("HOOKS_TEST_POSTGRES_URL") else {
        println!(
            "throughput skipped: HOOKS_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        return;
    };
    let admin = PgConnectOptions::from_str(&url).expect("HOOKS_TEST_POSTGRES_URL is a PostgreSQL URL");
    let name = format!("hooks_durable_throughput_{}", std::process::id());
    let mut connection = sqlx::PgConnection::connect_with(&admin).await.expect("PostgreSQL server reachable");
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut connection).await.expect("create");
    connection.close().await.ok();

    let result = run(&args, &admin.clone().database(&name)).await;

    let mut connection = sqlx::PgConnection::connect_with(&admin).await.expect("PostgreSQL server reachable");
    sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
        .execute(&mut connection)
        .await
        .expect("drop");
    connection.close().await.ok();
    let Measured { elapsed, enqueue, retried } = result;
    let jobs = args.jobs as f64;
    println!(
        "jobs={} engines={} workers={} poll_ms={} pool={} enqueue={:.2}s ({:.0}/s) run={:.3}s completed/s={:.0} \
         retried={retried}",
        args.jobs,
        args.engines,
        args.workers,
        args.poll_ms.map_or_else(|| "default(1000)".to_owned(), |ms| ms.to_string()),
        pool_size(&args),
        enqueue.as_secs_f64(),
        jobs / enqueue.as_secs_f64(),
        elapsed.as_secs_f64(),
        jobs / elapsed.as_secs_f64(),
    );
}

/// `--pool`, or the workers and 4 more, at most 50 (PostgreSQL's default `max_connections` is
/// 100; a pool larger than the server allows fails to connect, and its attempts time out).
fn pool_size(args: &Args) -> u32 {
    args.pool.unwrap_or_else(|| u32::try_from(args.workers + 4).unwrap_or(u32::MAX).min(50))
}

/// Enqueues, runs, and returns the timings.
async fn run(args: &Args, options: &PgConnectOptions) -> Measured {
    let mut engines = Vec::new();
    let mut pools: Vec<PgPool> = Vec::new();
    for _ in 0..args.engines {
        let pool =
            PgPoolOptions::new().max_connections(pool_size(args)).connect_with(options.clone()).await.expect("pool");
        let mut builder = Engine::postgres(pool.clone()).workers(args.workers);
        if let Some(ms) = args.poll_ms {
            builder = builder.poll_interval(Duration::from_millis(ms));
        }
        engines.push(builder.build().await.expect("engine builds"));
        pools.push(pool);
    }
    engines[0].install();
    let pool = &pools[0];

    let enqueue_start = Instant::now();
    let mut n = 0;
    while n < args.jobs {
        let mut tx = pool.begin().await.expect("begin");
        for _ in 0..args.batch.min(args.jobs - n) {
            let report =
                hooks_core::trigger_async!("throughput_tick", &Tick { n }, tx = &mut tx).await.expect("trigger");
            assert!(report.is_ok());
            n += 1;
        }
        tx.commit().await.expect("commit");
    }
    let enqueue = enqueue_start.elapsed();
    let available: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM river_job WHERE state = 'available'")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(u64::try_from(available).ok(), Some(args.jobs), "every job available before the workers start");

    let start = Instant::now();
    let workers: Vec<_> = engines.iter().map(|engine| engine.start().expect("workers start")).collect();
    while RAN.load(Ordering::Relaxed) < args.jobs {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    loop {
        let completed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM river_job WHERE state = 'completed'")
            .fetch_one(pool)
            .await
            .expect("count");
        if u64::try_from(completed).ok() == Some(args.jobs) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let elapsed = start.elapsed();
    for running in workers {
        running.shutdown().await.expect("shutdown");
    }
    // Jobs that needed a second attempt (for example: no connection within the pool's timeout).
    let retried: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM river_job WHERE attempt <> 1").fetch_one(pool).await.expect("count");
    for pool in pools {
        pool.close().await;
    }
    Measured { elapsed, enqueue, retried }
}

/// The results of a run.
struct Measured {
    /// From starting the workers to every job completed.
    elapsed: Duration,
    /// Enqueueing every job.
    enqueue: Duration,
    /// Jobs completed at a later attempt than the first.
    retried: i64,
}
