//! A test server, an HTTP client, database counts, and captured logs.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use example_app::database::Db;
use example_app::on_db;
use example_app::server::{Config, JobOptions, Server};
use hooks_durable::Backoff;
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::AssertSqlSafe;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// A running server with its own database, stopped when the test ends.
pub(crate) struct TestServer {
    server: Server,
    client: Client,
    dir: TempDir,
}

/// An HTTP client for one server; cheap to clone into spawned tasks.
#[derive(Clone)]
pub(crate) struct Client {
    base: String,
    http: reqwest::Client,
}

impl TestServer {
    /// A server without the debug endpoints.
    pub(crate) async fn start() -> TestServer {
        TestServer::start_with(false).await
    }

    /// A server, with or without `--debug-endpoints`, with two workers.
    pub(crate) async fn start_with(debug_endpoints: bool) -> TestServer {
        TestServer::start_configured(debug_endpoints, Some(2)).await
    }

    /// A server with `workers` workers (`None`: an API-only instance, `serve --no-workers`).
    pub(crate) async fn start_configured(debug_endpoints: bool, workers: Option<usize>) -> TestServer {
        TestServer::start_with_jobs(debug_endpoints, JobOptions { workers, ..test_jobs() }).await
    }

    /// A server whose durable callbacks run with `jobs`.
    pub(crate) async fn start_with_jobs(debug_endpoints: bool, jobs: JobOptions) -> TestServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = database_url(&dir.path().join("test.db"));
        TestServer::start_at(&url, dir, debug_endpoints, jobs).await
    }

    /// A server on a fresh SQLite file with the tests' job timings, configured by `configure`.
    pub(crate) async fn start_with_config(configure: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut config = Config::new(database_url(&dir.path().join("test.db")));
        config.jobs = test_jobs();
        configure(&mut config);
        TestServer::start_from(config, dir).await
    }

    /// A server on the database at `url`, with two workers (`dir` is kept while it runs).
    pub(crate) async fn start_at(url: &str, dir: TempDir, debug_endpoints: bool, jobs: JobOptions) -> TestServer {
        let mut config = Config::new(url);
        config.debug_endpoints = debug_endpoints;
        config.jobs = jobs;
        TestServer::start_from(config, dir).await
    }

    async fn start_from(config: Config, dir: TempDir) -> TestServer {
        capture_logs();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("ephemeral port");
        let server = Server::start(listener, &config).await.expect("server starts");
        let base = format!("http://{}", server.addr());
        TestServer { server, client: Client { base, http: reqwest::Client::new() }, dir }
    }

    /// Stops the server gracefully (its workers finish their jobs) and closes its database.
    pub(crate) async fn stop(self) {
        self.server.stop().await.expect("server stops");
    }

    /// The server's address.
    pub(crate) fn addr(&self) -> std::net::SocketAddr {
        self.server.addr()
    }

    /// A client for this server.
    pub(crate) fn client(&self) -> Client {
        self.client.clone()
    }

    /// The database (a SQLite file), for checks and for setting up failures.
    pub(crate) fn db(&self) -> &sqlx::SqlitePool {
        match self.server.db() {
            Db::Sqlite(pool) => pool,
            Db::Postgres(_) => unreachable!("test servers run on SQLite"),
        }
    }

    /// `POST path` with `body` as JSON.
    pub(crate) async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.client.post(path, body).await
    }

    /// `POST path` with a raw body, declared as JSON.
    pub(crate) async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        self.client.post_raw(path, body).await
    }

    /// `GET path` with the bearer `token`.
    pub(crate) async fn get_as(&self, token: &str, path: &str) -> (StatusCode, Value) {
        self.client.get_as(token, path).await
    }

    /// `POST path` with `body` as JSON and the bearer `token`.
    pub(crate) async fn post_as(&self, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        self.client.post_as(token, path, body).await
    }

    /// A registered user, whose jobs completed, logged in: (user id, bearer token).
    pub(crate) async fn signed_in(&self, name: &str) -> (String, String) {
        let user_id = self.registered(name).await;
        (user_id, self.client.token(name).await)
    }

    /// `GET path`.
    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.client.get(path).await
    }

    /// `POST /public/register` for a user named `name` (email `<name>@example.com`).
    pub(crate) async fn register(&self, name: &str, password: &str) -> (StatusCode, Value) {
        self.client.register(name, password).await
    }

    /// A registered user's id, once the workers completed the jobs of its registration.
    pub(crate) async fn registered(&self, name: &str) -> String {
        let (status, body) = self.register(name, "correct horse battery").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let user_id = body["user"]["id"].as_str().expect("user id").to_owned();
        self.jobs_completed(Some(&user_id), REGISTRATION_JOBS).await;
        user_id
    }

    /// The path of the server's database file.
    pub(crate) fn database_path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    /// The states of the durable-callback jobs, of the registration of `user_id` when given (its
    /// event id), as River stores them, by job id.
    pub(crate) async fn job_states(&self, user_id: Option<&str>) -> Vec<String> {
        let sql = "SELECT CAST(state AS TEXT) FROM river_job WHERE kind = 'hooks.callback' \
                   AND (CAST($1 AS TEXT) IS NULL OR args ->> 'event' = $1) ORDER BY id";
        on_db!(self.server.db(), |pool| sqlx::query_scalar(sql).bind(user_id).fetch_all(pool).await)
            .expect("job states")
    }

    /// Waits (polling, with a timeout) until there are `jobs` durable-callback jobs, of the
    /// registration of `user_id` when given, and all completed.
    pub(crate) async fn jobs_completed(&self, user_id: Option<&str>, jobs: usize) {
        eventually(&format!("{jobs} completed job(s) for {user_id:?}"), || async {
            let states = self.job_states(user_id).await;
            (states.len() == jobs && states.iter().all(|state| state == "completed")).then_some(())
        })
        .await
    }

    /// The single integer `sql` selects, with `bind` as `$1` when given. `sql` is written by
    /// the tests, never input.
    pub(crate) async fn count(&self, sql: &str, bind: Option<&str>) -> i64 {
        let count = on_db!(self.server.db(), |pool| {
            let query = sqlx::query_as::<_, (i64,)>(AssertSqlSafe(sql.to_owned()));
            let query = match bind {
                Some(value) => query.bind(value.to_owned()),
                None => query,
            };
            query.fetch_one(pool).await
        });
        count.expect("count query").0
    }

    /// Every text value of every table of the database (SQLite), one per line.
    pub(crate) async fn dump_database(&self) -> String {
        let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(self.db())
            .await
            .expect("tables");
        let mut dump = String::new();
        for table in tables {
            let rows = sqlx::query(AssertSqlSafe(format!("SELECT * FROM \"{table}\""))).fetch_all(self.db()).await;
            for row in rows.expect("rows") {
                for column in 0..sqlx::Row::len(&row) {
                    if let Ok(Some(text)) = sqlx::Row::try_get::<Option<String>, _>(&row, column) {
                        dump.push_str(&text);
                        dump.push('\n');
                    }
                }
            }
        }
        dump
    }

    /// Runs a statement on the database (test setup), written by the tests.
    pub(crate) async fn execute(&self, sql: &str) {
        on_db!(self.server.db(), |pool| sqlx::query(AssertSqlSafe(sql.to_owned())).execute(pool).await.map(|_| ()))
            .expect("setup statement");
    }
}

/// The jobs a registration enqueues: one per durable `user_created` callback (wallet,
/// communications).
pub(crate) const USER_CREATED_JOBS: usize = 2;

/// The jobs of a registration once its wallet is open: those of `user_created`, and the opening
/// entry's, enqueued by the wallet's job on `wallet_opened` (with the user id as event id too).
pub(crate) const REGISTRATION_JOBS: usize = 3;

/// The `sqlite:` URL of a database file.
pub(crate) fn database_url(path: &std::path::Path) -> String {
    format!("sqlite:{}", path.display())
}

/// The tests' job timings: fast polling and a short backoff, so that a retried job (the opening
/// transaction before its wallet exists) does not slow them down.
pub(crate) fn test_jobs() -> JobOptions {
    JobOptions {
        workers: Some(2),
        poll_interval: Duration::from_millis(50),
        backoff: Backoff::new(Duration::from_millis(50), 2, Duration::from_millis(500)),
        ..JobOptions::default()
    }
}

/// How long [`eventually`] polls before failing.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Polls `check` every 25 ms until it returns `Some`, and returns its value; panics with `what`
/// after [`TIMEOUT`].
pub(crate) async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out after {TIMEOUT:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

impl Client {
    /// `POST path` with `body` as JSON.
    pub(crate) async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.post_raw(path, body.to_string()).await
    }

    /// `POST path` with a raw body, declared as JSON.
    pub(crate) async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        let request = self.http.post(format!("{}{path}", self.base)).header("content-type", "application/json");
        read(request.body(body).send().await.expect("request sent")).await
    }

    /// `GET path`.
    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        read(self.http.get(format!("{}{path}", self.base)).send().await.expect("request sent")).await
    }

    /// `GET path` with the bearer `token`.
    pub(crate) async fn get_as(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let request = self.http.get(format!("{}{path}", self.base)).bearer_auth(token);
        read(request.send().await.expect("request sent")).await
    }

    /// `POST path` with `body` as JSON and the bearer `token`.
    pub(crate) async fn post_as(&self, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        self.post_with(path, body, &[("authorization", &format!("Bearer {token}"))]).await
    }

    /// `POST path` with `body` as JSON and the given headers.
    pub(crate) async fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut request = self.http.post(format!("{}{path}", self.base)).header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.body(body.to_string()).send().await.expect("request sent")).await
    }

    /// `POST /public/login` for the user named `name` (registered by [`Client::register`]).
    pub(crate) async fn login(&self, name: &str, password: &str) -> (StatusCode, Value) {
        self.post("/public/login", &serde_json::json!({ "username": name, "password": password })).await
    }

    /// The bearer token of a login of `name` with the tests' password.
    pub(crate) async fn token(&self, name: &str) -> String {
        let (status, reply) = self.login(name, "correct horse battery").await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        reply["token"].as_str().expect("a token").to_owned()
    }

    /// `POST /public/register` for a user named `name` (email `<name>@example.com`).
    pub(crate) async fn register(&self, name: &str, password: &str) -> (StatusCode, Value) {
        let body = serde_json::json!({
            "username": name, "email": format!("{name}@example.com"), "password": password,
            "first_name": "Test", "last_name": "User", "phone": "555-0100",
        });
        self.post("/public/register", &body).await
    }
}

/// Status and JSON body (`Value::String` of the text when the body is not JSON).
async fn read(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("response body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

/// Everything logged in this test process, at every level down to `debug`.
static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

fn capture_logs() {
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let writer = Capture(Arc::clone(&logs));
        tracing_subscriber::fmt().with_env_filter(EnvFilter::new("debug")).with_ansi(false).with_writer(writer).init();
        logs
    });
}

/// The captured log text so far.
pub(crate) fn logs() -> String {
    let logs = LOGS.get().expect("logs are captured once a server started");
    String::from_utf8_lossy(&logs.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
}

/// The modules whose `hook` callbacks logged for `user_id`, in the order they logged: the
/// `context` of the `callback` span that hooks-core opens around each callback, as the log line
/// shows it (`callback{hook="user_created" context="wallet" callback="..." priority=5}: ...`).
pub(crate) fn callback_order(hook: &str, user_id: &str) -> Vec<String> {
    let user = format!("user_id={user_id}");
    logs()
        .lines()
        .filter(|line| line.split_whitespace().any(|field| field == user))
        .filter_map(|line| {
            // The innermost callback span: a callback's own trigger nests its callbacks' spans.
            let span = line.rsplit_once("callback{")?.1.split('}').next()?;
            let field = |name: &str| span.split(&format!("{name}=\"")).nth(1)?.split('"').next();
            (field("hook")? == hook).then(|| field("context").map(str::to_owned))?
        })
        .collect()
}

/// The durable callbacks whose worker logged for `user_id` (inside hooks-durable's `hooks.job`
/// span, `hooks.job{... hook="user_created" callback="example_app::wallet::open_wallet" ...}`),
/// sorted: durable callbacks have no order.
pub(crate) fn job_callbacks(hook: &str, user_id: &str) -> Vec<String> {
    let user = format!("user_id={user_id}");
    let mut callbacks: Vec<String> = logs()
        .lines()
        .filter(|line| line.split_whitespace().any(|field| field == user))
        .filter_map(|line| {
            let span = line.split("hooks.job{").nth(1)?.split('}').next()?;
            let field = |name: &str| span.split(&format!(" {name}=\"")).nth(1)?.split('"').next();
            (field("hook")? == hook).then(|| field("callback").map(str::to_owned))?
        })
        .collect();
    callbacks.sort();
    callbacks
}

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

/// The recorded failures: (callback, error), oldest first.
pub(crate) async fn failures(server: &TestServer) -> Vec<(String, String)> {
    on_db!(server.server.db(), |pool| {
        sqlx::query_as("SELECT callback, error FROM hook_failures ORDER BY occurred_at, id").fetch_all(pool).await
    })
    .expect("hook failures")
}
