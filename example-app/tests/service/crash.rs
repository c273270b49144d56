//! Crash tests: `example-app serve` (the built binary) killed with SIGKILL in the middle of a burst
//! of registrations and purchases, then restarted on the same database. Once the durable jobs are
//! done, nothing the clients were told happened is missing, and nothing happened twice: every
//! user has exactly one wallet, one welcome notification and one opening transaction, every
//! balance is the sum of its ledger, every answered purchase is in the ledger once.
//!
//! On SQLite always; on PostgreSQL when `HOOKS_TEST_POSTGRES_URL` names a server on which the
//! tests may create databases (each test creates its own and drops it).
//!
//! River rescues a job left `running` by a dead process once it has been running for the
//! engine's `rescue_after` (`serve --rescue-after`, 30 s by default and never below the engine's
//! 25 s job timeout), on the leader's rescue pass (at the start of its term, then every 30 s), and
//! the leadership of a dead process moves to another one once its lease ran out (up to 15 s).
//! Rather than waiting that long, the tests kill the leader and move the killed process's clock
//! forward: right after the kill they backdate the start of its running jobs by an hour and end its
//! leadership lease, which is what the database holds once that time has passed. Everything after
//! that (the new leader, its rescue, the retries, the callbacks) is the software's own doing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

// The job engine's sqlx, built with both the SQLite and the PostgreSQL drivers.
use hooks_durable::sqlx;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::pg_database::PgDatabase;

use crate::processes::ServeProcess;

/// Runs `$body` with `$pool` bound to the pool, whichever database it is: SQL that both accept.
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// Customers in a burst: each registers, logs in, then makes [`PURCHASES`] purchases once its
/// wallet exists. (A registration and a login each cost an argon2 hash, the bulk of a burst's CPU
/// time.)
const CUSTOMERS: usize = 24;

/// Purchases per customer.
const PURCHASES: usize = 4;

/// Requests per customer: registration, login, purchases.
const REQUESTS: usize = 2 + PURCHASES;

/// Customer `i` starts `i` times this after the first, so that registrations, jobs and purchases
/// overlap.
const STAGGER: Duration = Duration::from_millis(40);

/// The process is killed once this many requests of the burst succeeded: about a third.
const KILL_AFTER: usize = CUSTOMERS * REQUESTS / 3;

/// A bound on each wait of a test (for the burst to reach the kill, for the jobs to be done);
/// a run on an idle machine needs a fraction of it.
const WAIT: Duration = Duration::from_secs(60);

/// The kill waits at most this long for the process to be running a job...
const RUNNING_WAIT: Duration = Duration::from_secs(5);

/// ... and no longer than until this many requests of the burst succeeded: half.
const KILL_BEFORE: usize = CUSTOMERS * REQUESTS / 2;

/// River job states of a job that is not done yet.
const UNFINISHED: [&str; 5] = ["available", "pending", "retryable", "running", "scheduled"];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn serve_killed_during_a_burst_on_sqlite_loses_and_repeats_nothing_once_restarted() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = Database::Sqlite(dir.path().join("crash.db"));
    crash_and_recover(&database, &["crash-a"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn serve_killed_during_a_burst_on_postgresql_loses_and_repeats_nothing_once_restarted() {
    let Some(postgres) = PgDatabase::create("serve_killed_during_a_burst_on_postgresql").await else { return };
    crash_and_recover(&Database::Postgres(postgres.url.clone()), &["crash-a"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_postgresql_one_killed_during_a_burst_lose_and_repeat_nothing() {
    let Some(postgres) = PgDatabase::create("two_instances_on_postgresql").await else { return };
    let jobs = crash_and_recover(&Database::Postgres(postgres.url.clone()), &["crash-a", "crash-b"]).await;
    // Both instances completed jobs: the one killed (before its death or once restarted) and the
    // other one.
    let completed = completed_by_instance(&jobs);
    for instance in ["crash-a", "crash-b"] {
        assert!(completed.keys().any(|name| name.starts_with(instance)), "{instance} completed no job: {completed:?}");
    }
}

/// The scenario: `instances` serve processes on `database` (named `<instance>-1`), a burst spread
/// over them, the River leader among them killed with SIGKILL once a third of the burst succeeded
/// and restarted (as `<instance>-2`), then the checks once every job is done. Returns the jobs.
async fn crash_and_recover(database: &Database, instances: &[&str]) -> Vec<JobRow> {
    let started = Instant::now();
    let logs = tempfile::tempdir().expect("logs directory");
    let url = database.url();
    let mut processes = Vec::new();
    // One after the other: the first one creates the tables.
    for instance in instances {
        processes.push(ServeProcess::start(&url, &format!("{instance}-1"), logs.path()).await);
    }
    let db = database.connect().await;

    let bases: Vec<String> = processes.iter().map(|process| process.base().to_owned()).collect();
    let burst = Burst::start(&bases);
    burst.wait_for(KILL_AFTER).await;
    // The leader, whose death also stops the maintenance (rescues, scheduled retries) until
    // another process leads.
    let leader = db.leader().await;
    let victim = leader.as_deref().and_then(|id| processes.iter().position(|p| p.owns(id))).unwrap_or(0);
    // Preferably while it runs a job (it may finish it before the kill lands), but with most of
    // the burst still to come.
    let deadline = Instant::now() + RUNNING_WAIT;
    while !db.running_on(&processes[victim]).await && burst.succeeded() < KILL_BEFORE && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let status = processes[victim].kill();
    let succeeded_before = burst.succeeded();
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(9), "killed by SIGKILL: {status}");
    let killed_at = started.elapsed();
    let interrupted = db.fast_forward(&processes[victim], leader.as_deref()).await;
    let restarted = format!("{}-2", instances[victim]);
    processes[victim] = ServeProcess::start(&url, &restarted, logs.path()).await;

    let exchanges = burst.finish().await;
    let jobs = db.jobs_done(&processes).await;
    let outcome = Outcome::of(&exchanges);
    println!(
        "{}: killed {}-1 after {killed_at:?}, {succeeded_before} request(s) having succeeded, {} job(s) running; \
         in all {} request(s) succeeded, {} unanswered ({} refused); jobs done after {:?}, completed by {:?}",
        database.kind(),
        instances[victim],
        interrupted.len(),
        outcome.succeeded,
        outcome.unanswered.len(),
        outcome.refused,
        started.elapsed(),
        completed_by_instance(&jobs),
    );

    // The kill interrupted the burst: some requests got no answer (or no connection).
    assert!(!outcome.unanswered.is_empty(), "every request was answered: the kill came too late");
    assert!(outcome.unexpected.is_empty(), "answers other than success: {:?}", outcome.unexpected);
    // Every job completed, and those the killed process was running were rescued and completed by
    // another process.
    let unfinished: Vec<&JobRow> = jobs.iter().filter(|job| job.state != "completed").collect();
    assert!(unfinished.is_empty(), "jobs not completed: {unfinished:#?}");
    for id in &interrupted {
        let job = jobs.iter().find(|job| job.id == *id).expect("interrupted job still listed");
        let completer = job.attempted_by.last().map(String::as_str).unwrap_or_default();
        assert!(job.rescues >= 1 && !completer.starts_with(&format!("{}-1_", instances[victim])), "{job:?}");
    }
    check_database(&db, &outcome).await;
    db.close().await;
    jobs
}

/// The checks on the database once every job is done.
async fn check_database(db: &Db, outcome: &Outcome) {
    let users: BTreeSet<String> = db.strings("SELECT id FROM users").await.into_iter().collect();
    let wallets: Vec<(String, String, i64)> = on_db!(db, |pool| {
        sqlx::query_as("SELECT user_id, id, balance FROM wallets").fetch_all(pool).await.expect("wallets")
    });
    let ledger: Vec<(String, String, String, i64, String)> = on_db!(db, |pool| {
        sqlx::query_as("SELECT user_id, wallet_id, kind, amount, description FROM transactions")
            .fetch_all(pool)
            .await
            .expect("transactions")
    });
    let notifications: Vec<(String, String)> = on_db!(db, |pool| {
        sqlx::query_as("SELECT user_id, kind FROM notifications").fetch_all(pool).await.expect("notifications")
    });

    // Every registration answered 201 has its user (and a user may exist whose registration
    // committed without its answer reaching the client).
    let missing: Vec<&String> = outcome.registered.iter().filter(|id| !users.contains(*id)).collect();
    assert!(missing.is_empty(), "users answered 201 but missing: {missing:?}");

    // Every user has exactly one wallet, one welcome notification and one opening transaction.
    let wallet_count = count(wallets.iter().map(|(user, _, _)| user));
    let welcome_count = count(notifications.iter().filter(|(_, kind)| kind == "welcome").map(|(user, _)| user));
    let opening_count = count(ledger.iter().filter(|row| row.2 == "opening").map(|row| &row.0));
    let incomplete: Vec<(&String, [usize; 3])> = users
        .iter()
        .map(|user| {
            let of = |counts: &BTreeMap<&str, usize>| counts.get(user.as_str()).copied().unwrap_or(0);
            (user, [of(&wallet_count), of(&welcome_count), of(&opening_count)])
        })
        .filter(|(_, counts)| *counts != [1, 1, 1])
        .collect();
    assert!(incomplete.is_empty(), "users without exactly one wallet, welcome, opening: {incomplete:?}");

    // Every wallet's balance is the sum of its ledger.
    let unbalanced: Vec<(&String, i64, i64)> = wallets
        .iter()
        .map(|(user, wallet, balance)| {
            let sum = ledger.iter().filter(|row| row.1 == *wallet).map(|row| row.3).sum::<i64>();
            (user, *balance, sum)
        })
        .filter(|(_, balance, sum)| balance != sum)
        .collect();
    assert!(
        unbalanced.is_empty(),
        "wallets whose balance is not their ledger's sum (user, balance, sum): {unbalanced:?}"
    );

    // Every purchase answered 200 is in the ledger exactly once, for its user and amount.
    for purchase in &outcome.purchases {
        let rows: Vec<_> = ledger.iter().filter(|row| row.2 == "purchase" && row.4.contains(&purchase.id)).collect();
        assert_eq!(rows.len(), 1, "{purchase:?} in the ledger: {rows:?}");
        assert_eq!((&rows[0].0, rows[0].3), (&purchase.user_id, purchase.amount), "{purchase:?}");
    }
}

/// How many times each user id occurs in `users`.
fn count<'a>(users: impl Iterator<Item = &'a String>) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for user in users {
        *counts.entry(user.as_str()).or_default() += 1;
    }
    counts
}

/// The River client ids that completed jobs, by process name (the client id's host name part),
/// with how many jobs each completed.
fn completed_by_instance(jobs: &[JobRow]) -> BTreeMap<String, usize> {
    let mut completed = BTreeMap::new();
    for job in jobs.iter().filter(|job| job.state == "completed") {
        let completer = job.attempted_by.last().map(String::as_str).unwrap_or_default();
        let name = completer.split('_').next().unwrap_or_default().to_owned();
        *completed.entry(name).or_default() += 1;
    }
    completed
}

/// A burst of requests in flight: [`CUSTOMERS`] concurrent customers, spread over the servers.
struct Burst {
    customers: JoinSet<Vec<Exchange>>,
    /// Requests that succeeded so far.
    succeeded: Arc<AtomicUsize>,
    /// Customers done so far.
    done: Arc<AtomicUsize>,
}

/// One request of the burst and its answer (`Err`: none, with the client's error).
struct Exchange {
    request: Request,
    reply: Result<(StatusCode, Value), Unanswered>,
}

enum Request {
    Register { name: String },
    Login { name: String },
    Purchase { user_id: String, amount: i64 },
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::Register { name } => write!(f, "registration of {name}"),
            Request::Login { name } => write!(f, "login of {name}"),
            Request::Purchase { user_id, amount } => write!(f, "purchase of {amount} for {user_id}"),
        }
    }
}

/// A request without an answer.
struct Unanswered {
    /// The connection was refused: the request never reached a server.
    refused: bool,
    error: String,
}

impl Burst {
    /// Starts the customers; customer `i` talks to `bases[i % bases.len()]`.
    fn start(bases: &[String]) -> Burst {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("HTTP client");
        let (succeeded, done) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let mut customers = JoinSet::new();
        for i in 0..CUSTOMERS {
            let (http, base) = (http.clone(), bases[i % bases.len()].clone());
            let (succeeded, done) = (Arc::clone(&succeeded), Arc::clone(&done));
            customers.spawn(async move {
                let exchanges = customer(http, base, i, succeeded).await;
                done.fetch_add(1, Ordering::SeqCst);
                exchanges
            });
        }
        Burst { customers, succeeded, done }
    }

    /// How many requests succeeded so far.
    fn succeeded(&self) -> usize {
        self.succeeded.load(Ordering::SeqCst)
    }

    /// Waits until `count` requests succeeded.
    async fn wait_for(&self, count: usize) {
        let deadline = Instant::now() + WAIT;
        while self.succeeded() < count {
            assert!(self.done.load(Ordering::SeqCst) < CUSTOMERS, "the burst ended before {count} requests succeeded");
            assert!(Instant::now() < deadline, "{count} requests did not succeed within {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits for every customer to finish (each stops at its first request without an answer).
    async fn finish(self) -> Vec<Exchange> {
        let all = tokio::time::timeout(WAIT, self.customers.join_all()).await.expect("the burst ends");
        all.into_iter().flatten().collect()
    }
}

/// Customer `i`: registers, logs in, then makes [`PURCHASES`] purchases of small amounts once its wallet
/// exists (a worker opens it). Stops at the first request without a success.
async fn customer(http: reqwest::Client, base: String, i: usize, succeeded: Arc<AtomicUsize>) -> Vec<Exchange> {
    tokio::time::sleep(STAGGER * u32::try_from(i).expect("few customers")).await;
    let name = format!("crash{i}");
    let body = json!({
        "username": name, "email": format!("{name}@example.com"), "password": "correct horse battery",
        "first_name": "Crash", "last_name": "Test", "phone": "555-0100",
    });
    let reply = post(&http, &format!("{base}/public/register"), &body, None).await;
    let user_id = match &reply {
        Ok((StatusCode::CREATED, body)) => body["user"]["id"].as_str().map(str::to_owned),
        _ => None,
    };
    let mut exchanges = vec![Exchange { request: Request::Register { name: name.clone() }, reply }];
    let Some(user_id) = user_id else { return exchanges };
    succeeded.fetch_add(1, Ordering::SeqCst);
    let login = json!({ "username": name, "password": "correct horse battery" });
    let reply = post(&http, &format!("{base}/public/login"), &login, None).await;
    let token = match &reply {
        Ok((StatusCode::OK, body)) => body["token"].as_str().map(str::to_owned),
        _ => None,
    };
    exchanges.push(Exchange { request: Request::Login { name }, reply });
    let Some(token) = token else { return exchanges };
    succeeded.fetch_add(1, Ordering::SeqCst);

    // A wallet appears within this bound while its server is alive (the checks would show it
    // never did).
    let deadline = Instant::now() + WAIT;
    for purchase in 0..PURCHASES {
        let amount = 1 + i64::try_from((i * 7 + purchase * 13) % 50).expect("small");
        let body = json!({ "amount": amount });
        let reply = loop {
            let reply = post(&http, &format!("{base}/wallet/purchase"), &body, Some(&token)).await;
            // No wallet yet: asked again a little later.
            if matches!(&reply, Ok((StatusCode::NOT_FOUND, _))) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            break reply;
        };
        let ok = matches!(&reply, Ok((StatusCode::OK, _)));
        exchanges.push(Exchange { request: Request::Purchase { user_id: user_id.clone(), amount }, reply });
        if !ok {
            break;
        }
        succeeded.fetch_add(1, Ordering::SeqCst);
    }
    exchanges
}

/// `POST url` with `body` (and the bearer `token`): status and JSON body, or why there is no
/// answer.
async fn post(
    http: &reqwest::Client,
    url: &str,
    body: &Value,
    token: Option<&str>,
) -> Result<(StatusCode, Value), Unanswered> {
    let unanswered = |error: reqwest::Error| Unanswered { refused: error.is_connect(), error: format!("{error:?}") };
    let request = http.post(url).json(body);
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    let response = request.send().await.map_err(unanswered)?;
    let status = response.status();
    let text = response.text().await.map_err(unanswered)?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::String(text))))
}

/// What the clients of a burst were told.
struct Outcome {
    /// Requests that succeeded.
    succeeded: usize,
    /// The ids of the users whose registration was answered 201.
    registered: Vec<String>,
    /// The purchases answered 200.
    purchases: Vec<Purchase>,
    /// The requests without an answer.
    unanswered: Vec<String>,
    /// How many of them were refused a connection.
    refused: usize,
    /// Requests answered with something else than success.
    unexpected: Vec<String>,
}

#[derive(Debug)]
struct Purchase {
    id: String,
    user_id: String,
    amount: i64,
}

impl Outcome {
    fn of(exchanges: &[Exchange]) -> Outcome {
        let mut outcome = Outcome {
            succeeded: 0,
            registered: Vec::new(),
            purchases: Vec::new(),
            unanswered: Vec::new(),
            refused: 0,
            unexpected: Vec::new(),
        };
        for exchange in exchanges {
            match (&exchange.request, &exchange.reply) {
                (Request::Register { .. }, Ok((StatusCode::CREATED, body))) => {
                    outcome.registered.push(body["user"]["id"].as_str().expect("user id").to_owned());
                    outcome.succeeded += 1;
                }
                (Request::Login { .. }, Ok((StatusCode::OK, _))) => outcome.succeeded += 1,
                (Request::Purchase { user_id, amount }, Ok((StatusCode::OK, body))) => {
                    let id = body["purchase_id"].as_str().expect("purchase id").to_owned();
                    outcome.purchases.push(Purchase { id, user_id: user_id.clone(), amount: *amount });
                    outcome.succeeded += 1;
                }
                (request, Ok((status, body))) => outcome.unexpected.push(format!("{request}: {status} {body}")),
                (request, Err(unanswered)) => {
                    outcome.refused += usize::from(unanswered.refused);
                    outcome.unanswered.push(format!("{request}: {}", unanswered.error));
                }
            }
        }
        outcome
    }
}

/// The database the processes share.
enum Database {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by URL.
    Postgres(String),
}

impl Database {
    fn url(&self) -> String {
        match self {
            Database::Sqlite(path) => format!("sqlite:{}", path.display()),
            Database::Postgres(url) => url.clone(),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "SQLite",
            Database::Postgres(_) => "PostgreSQL",
        }
    }

    /// A pool of the test's own, for the checks (the database exists: a process created it).
    async fn connect(&self) -> Db {
        match self {
            Database::Sqlite(path) => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).busy_timeout(WAIT);
                let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(2).connect_with(options);
                Db::Sqlite(pool.await.expect("the SQLite database opens"))
            }
            Database::Postgres(url) => {
                let pool = sqlx::postgres::PgPoolOptions::new().max_connections(2).connect(url);
                Db::Postgres(pool.await.expect("the PostgreSQL database opens"))
            }
        }
    }
}

/// The test's connection to the database.
enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A River job, as the tests read it.
struct JobRow {
    id: i64,
    state: String,
    /// The River client ids of the processes that attempted it, the last one last.
    attempted_by: Vec<String>,
    /// How many times the rescuer took it from a dead process.
    rescues: i64,
    /// The errors of its failed attempts, as JSON.
    errors: String,
}

impl fmt::Debug for JobRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let JobRow { id, state, attempted_by, rescues, errors } = self;
        write!(f, "job {id} {state}, attempted by {attempted_by:?}, rescued {rescues} time(s), errors {errors}")
    }
}

impl Db {
    /// The first column of every row of `sql`, a query written by the tests.
    async fn strings(&self, sql: &'static str) -> Vec<String> {
        on_db!(self, |pool| sqlx::query_scalar(sql).fetch_all(pool).await.expect(sql))
    }

    /// Every River job.
    async fn jobs(&self) -> Vec<JobRow> {
        let rows: Vec<(i64, String, Vec<String>, i64, String)> = match self {
            Db::Sqlite(pool) => {
                let sql = "SELECT id, state, COALESCE(json(attempted_by), '[]'), \
                           COALESCE(json_extract(metadata, '$.\"river:rescue_count\"'), 0), \
                           COALESCE(json(errors), '[]') FROM river_job ORDER BY id";
                let rows: Vec<(i64, String, String, i64, String)> =
                    sqlx::query_as(sql).fetch_all(pool).await.expect("jobs");
                let clients = |json: &str| serde_json::from_str(json).expect("attempted_by is a JSON array");
                rows.into_iter()
                    .map(|(id, state, by, rescues, errors)| (id, state, clients(&by), rescues, errors))
                    .collect()
            }
            Db::Postgres(pool) => {
                let sql = "SELECT id, state::text, COALESCE(attempted_by, '{}'), \
                           COALESCE((metadata->>'river:rescue_count')::bigint, 0), \
                           COALESCE(array_to_json(errors)::text, '[]') FROM river_job ORDER BY id";
                sqlx::query_as(sql).fetch_all(pool).await.expect("jobs")
            }
        };
        rows.into_iter()
            .map(|(id, state, attempted_by, rescues, errors)| JobRow { id, state, attempted_by, rescues, errors })
            .collect()
    }

    /// Waits until no job is left to run; every job then.
    async fn jobs_done(&self, processes: &[ServeProcess]) -> Vec<JobRow> {
        let deadline = Instant::now() + WAIT;
        loop {
            let jobs = self.jobs().await;
            if jobs.iter().all(|job| !UNFINISHED.contains(&job.state.as_str())) {
                return jobs;
            }
            if Instant::now() >= deadline {
                let left: Vec<&JobRow> = jobs.iter().filter(|job| UNFINISHED.contains(&job.state.as_str())).collect();
                let logs: Vec<String> =
                    processes.iter().map(|p| format!("{}:\n{}", p.name(), p.stderr_text())).collect();
                panic!("jobs left after {WAIT:?}: {left:#?}\n{}", logs.join("\n"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether `process` is running a job.
    async fn running_on(&self, process: &ServeProcess) -> bool {
        let jobs = self.jobs().await;
        jobs.iter().any(|job| job.state == "running" && job.attempted_by.last().is_some_and(|id| process.owns(id)))
    }

    /// The River client id of the leader, if any.
    async fn leader(&self) -> Option<String> {
        on_db!(self, |pool| sqlx::query_scalar("SELECT leader_id FROM river_leader")
            .fetch_optional(pool)
            .await
            .expect("leader"))
    }

    /// Puts the database in the state it reaches once the killed `process` has been dead for
    /// longer than River's rescue age and its leadership lease: its running jobs started an hour
    /// ago, and it no longer leads (it was the leader when `leader` is its id). Returns the ids of
    /// those jobs: the ones the kill interrupted.
    async fn fast_forward(&self, process: &ServeProcess, leader: Option<&str>) -> Vec<i64> {
        let interrupted: Vec<i64> = self
            .jobs()
            .await
            .into_iter()
            .filter(|job| job.state == "running" && job.attempted_by.last().is_some_and(|id| process.owns(id)))
            .map(|job| job.id)
            .collect();
        for id in &interrupted {
            // The one statement whose SQL differs: date arithmetic.
            let sql = match self {
                Db::Sqlite(_) => {
                    "UPDATE river_job SET attempted_at = strftime('%Y-%m-%d %H:%M:%f', attempted_at, '-1 hour') \
                     WHERE id = $1 AND state = 'running'"
                }
                Db::Postgres(_) => {
                    "UPDATE river_job SET attempted_at = attempted_at - interval '1 hour' \
                     WHERE id = $1 AND state = 'running'"
                }
            };
            let backdated = on_db!(self, |pool| {
                sqlx::query(sql).bind(id).execute(pool).await.expect("backdate").rows_affected()
            });
            assert_eq!(backdated, 1, "job {id} of the killed process is still running");
        }
        if let Some(leader) = leader.filter(|id| process.owns(id)) {
            let ended = on_db!(self, |pool| sqlx::query("DELETE FROM river_leader WHERE leader_id = $1")
                .bind(leader)
                .execute(pool)
                .await
                .expect("lease ended")
                .rows_affected());
            assert_eq!(ended, 1, "the killed process led");
        }
        interrupted
    }

    async fn close(&self) {
        on_db!(self, |pool| pool.close().await)
    }
}
