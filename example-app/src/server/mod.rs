//! The HTTP server: the modules' routes, the status and debug endpoints, startup and shutdown.

mod db;
mod debug;
mod jobs;
mod limits;
mod metrics;
mod startup;
mod state;
mod status;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use db::{DbError, connect};
pub use jobs::{JobOptions, Worker, dead_job_json, dead_jobs, retry_dead_job};

/// Why a server did not start.
#[derive(Debug)]
pub enum StartError {
    /// The listener's address is unavailable.
    Io(io::Error),
    /// The database could not be opened or migrated.
    Db(DbError),
    /// The durable-hooks engine could not be built or its workers started.
    Jobs(hooks_durable::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Io(error) => write!(f, "cannot listen: {error}"),
            StartError::Db(error) => error.fmt(f),
            StartError::Jobs(error) => write!(f, "cannot start the durable hooks: {error}"),
        }
    }
}

impl std::error::Error for StartError {}

use crate::events::Db;
use crate::http::{Env, LoginThrottle};
use crate::{user_management, wallet};
use state::AppState;

/// The largest request body accepted; larger bodies are answered 413.
pub const BODY_LIMIT: usize = 16 * 1024;

/// How a server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database URL: `sqlite:PATH` or `postgres://USER@HOST/DATABASE`.
    pub database_url: String,
    /// Whether to route `/debug/hooks`, `/debug/hooks/dead` and `/get-db-data`, which show data
    /// of every user.
    pub debug_endpoints: bool,
    /// The application's id, recorded with each user.
    pub app_id: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
    /// The durable callbacks' workers in this instance, and how they retry.
    pub jobs: JobOptions,
    /// How long a login session (its bearer token) lasts.
    pub session_ttl: Duration,
    /// The limits of failed logins, per account and per client address.
    pub login_throttle: LoginThrottle,
    /// Registrations accepted per minute from one client address; `None` (the default): no
    /// limit, since many clients may share an address behind a proxy.
    pub registrations_per_minute: Option<u32>,
    /// Whether to install a Prometheus recorder for the hooks' metrics and serve `GET /metrics`.
    pub metrics: bool,
}

impl Config {
    /// A configuration for the database at `database_url`, without debug endpoints, for the
    /// application "Credit System", with the default workers ([`JobOptions::default`]) and
    /// sessions of 24 hours.
    pub fn new(database_url: impl Into<String>) -> Config {
        Config {
            database_url: database_url.into(),
            debug_endpoints: false,
            app_id: "credit_system".to_owned(),
            app_name: "Credit System".to_owned(),
            jobs: JobOptions::default(),
            session_ttl: Duration::from_secs(24 * 60 * 60),
            login_throttle: LoginThrottle::default(),
            registrations_per_minute: None,
            metrics: false,
        }
    }
}

/// A running server. Dropping it leaves the server running until the runtime stops;
/// [`Server::stop`] shuts it down gracefully.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    db: Db,
    workers: Option<hooks_durable::Workers>,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl Server {
    /// Opens and migrates the database, installs the durable-hooks engine and starts its workers
    /// (unless `config.jobs.workers` is `None`), initializes the modules (`module_initialized`),
    /// and serves on `listener` in a background task.
    pub async fn start(listener: TcpListener, config: &Config) -> Result<Server, StartError> {
        let addr = listener.local_addr().map_err(StartError::Io)?;
        if config.metrics {
            // Before the modules start, so that their first triggers count.
            metrics::install();
        }
        let db = connect(&config.database_url).await.map_err(StartError::Db)?;
        let (engine, workers) = jobs::start(&db, &config.jobs).await.map_err(StartError::Jobs)?;
        let health = startup::initialize_modules(&db, &config.app_name).await;
        let env = Env {
            db: db.clone(),
            app_id: config.app_id.clone(),
            app_name: config.app_name.clone(),
            session_ttl: config.session_ttl,
            login_throttle: config.login_throttle,
        };
        let state = AppState { env, health: Arc::new(health), engine };
        let app = router(state, config).into_make_service_with_connect_info::<SocketAddr>();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, debug_endpoints = config.debug_endpoints, workers = config.jobs.workers, "listening");
        Ok(Server { addr, db, workers, shutdown, task })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Stops accepting connections, waits for open requests to finish, stops the workers (they
    /// take no new job and finish the running ones), and closes the database.
    pub async fn stop(self) -> io::Result<()> {
        let _ = self.shutdown.send(());
        let served = self.task.await.map_err(io::Error::other)?;
        let stopped = match self.workers {
            Some(workers) => workers.shutdown().await.map_err(io::Error::other),
            None => Ok(()),
        };
        self.db.close().await;
        served.and(stopped)
    }
}

fn router(state: AppState, config: &Config) -> Router {
    let mut registration = user_management::registration_routes();
    if let Some(per_minute) = config.registrations_per_minute {
        registration = registration.layer(limits::per_address(per_minute));
    }
    let mut app = Router::new()
        .merge(registration)
        .merge(user_management::session_routes())
        .merge(wallet::routes())
        .route("/modules/status", get(status::modules_status));
    if config.metrics {
        app = app.route("/metrics", get(metrics::render));
    }
    if config.debug_endpoints {
        app = app
            .route("/debug/hooks", get(debug::hooks))
            .route("/debug/hooks/dead", get(debug::dead_jobs))
            .route("/get-db-data", get(debug::db_data));
    }
    app.layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), record_failures))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Records the callbacks that failed while serving the request, once it is served (see
/// [`failures::recording`](crate::failures::recording)).
async fn record_failures(State(env): State<Env>, request: Request, next: Next) -> Response {
    crate::failures::recording(&env.db, next.run(request)).await
}

/// Logs method, path (not the query or body) and status of each request.
async fn log_request(request: Request, next: Next) -> Response {
    let (method, path, started) = (request.method().clone(), request.uri().path().to_owned(), Instant::now());
    let response = next.run(request).await;
    tracing::info!(%method, %path, status = response.status().as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "request");
    response
}
