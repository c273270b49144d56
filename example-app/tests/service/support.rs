//! A test server, an HTTP client, database counts, and captured logs.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use example_app::server::{Config, Server};
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
    _dir: TempDir,
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

    /// A server, with or without `--debug-endpoints`.
    pub(crate) async fn start_with(debug_endpoints: bool) -> TestServer {
        capture_logs();
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut config = Config::new(format!("sqlite:{}", dir.path().join("test.db").display()));
        config.debug_endpoints = debug_endpoints;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("ephemeral port");
        let server = Server::start(listener, &config).await.expect("server starts");
        let base = format!("http://{}", server.addr());
        TestServer { server, client: Client { base, http: reqwest::Client::new() }, _dir: dir }
    }

    /// A client for this server.
    pub(crate) fn client(&self) -> Client {
        self.client.clone()
    }

    /// The database, for checks and for setting up failures.
    pub(crate) fn db(&self) -> &sqlx::SqlitePool {
        self.server.db()
    }

    /// `POST path` with `body` as JSON.
    pub(crate) async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.client.post(path, body).await
    }

    /// `POST path` with a raw body, declared as JSON.
    pub(crate) async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        self.client.post_raw(path, body).await
    }

    /// `GET path`.
    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.client.get(path).await
    }

    /// `POST /public/register` for a user named `name` (email `<name>@example.com`).
    pub(crate) async fn register(&self, name: &str, password: &str) -> (StatusCode, Value) {
        self.client.register(name, password).await
    }

    /// A registered user's id.
    pub(crate) async fn registered(&self, name: &str) -> String {
        let (status, body) = self.register(name, "correct horse battery").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["user"]["id"].as_str().expect("user id").to_owned()
    }

    /// The single integer `sql` selects, with `bind` as `$1` when given. `sql` is written by
    /// the tests, never input.
    pub(crate) async fn count(&self, sql: &str, bind: Option<&str>) -> i64 {
        let query = sqlx::query_as::<_, (i64,)>(AssertSqlSafe(sql.to_owned()));
        let query = match bind {
            Some(value) => query.bind(value.to_owned()),
            None => query,
        };
        query.fetch_one(self.db()).await.expect("count query").0
    }

    /// Runs a statement on the database (test setup), written by the tests.
    pub(crate) async fn execute(&self, sql: &str) {
        sqlx::query(AssertSqlSafe(sql.to_owned())).execute(self.db()).await.expect("setup statement");
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
            let span = line.split("callback{").nth(1)?.split('}').next()?;
            let field = |name: &str| span.split(&format!("{name}=\"")).nth(1)?.split('"').next();
            (field("hook")? == hook).then(|| field("context").map(str::to_owned))?
        })
        .collect()
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
