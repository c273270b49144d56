//! `example-app`: the credit-system service, its demo, and its registry dump.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use example_app::demo::{self, CallbackPrinter, Style};
use example_app::http::LoginThrottle;
use example_app::server::{self, Config, JobOptions, Server, Worker};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The credit system of the original hook-system document: an HTTP service whose modules
/// (user management, wallet, communications, transactions, monitoring) talk only through hooks.
///
/// Without a command, runs the demo.
#[derive(Debug, Parser)]
#[command(name = "example-app", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a server on an ephemeral port with a fresh database, register a user over HTTP,
    /// show each hook callback as it runs, check the database, print the registry (the default).
    Demo,
    /// Run the HTTP service.
    Serve(ServeArgs),
    /// Run only workers: the durable callbacks of the jobs in the database, no HTTP.
    Worker {
        /// The database URL: `sqlite:PATH` (created if missing) or `postgres://USER@HOST/DATABASE`;
        /// migrated if needed.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite:credit-system.db")]
        database: String,
        /// How many jobs this process runs at once.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
        workers: u16,
        /// Run again, after this many seconds, the jobs left running by a dead instance.
        #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
        rescue_after: u64,
    },
    /// Print the hook registry: every hook, its callbacks in execution order, and where they are;
    /// or list and retry the durable callbacks' dead jobs.
    Hooks {
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        jobs: Option<DeadJobs>,
    },
}

/// The options of `serve`.
#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8081")]
    addr: SocketAddr,
    /// The database URL: `sqlite:PATH` (created if missing) or `postgres://USER@HOST/DATABASE`;
    /// migrated if needed.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:credit-system.db")]
    database: String,
    /// Also serve /debug/hooks and /get-db-data, which show data of every user.
    #[arg(long)]
    debug_endpoints: bool,
    /// How many durable-callback jobs this instance runs at once.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    workers: u16,
    /// Run no workers: an API-only instance, whose jobs a `worker` process (or another
    /// instance) runs.
    #[arg(long, conflicts_with = "workers")]
    no_workers: bool,
    /// Run again, after this many seconds, the jobs left running by a dead instance.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    rescue_after: u64,
    /// How long a login session (its bearer token) lasts, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 86_400, value_parser = clap::value_parser!(u64).range(1..))]
    session_ttl: u64,
    /// Failed logins of one account, or from one address, after which its logins are refused
    /// (429) until the oldest failure is older than --login-window.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    login_max_failures: u32,
    /// How long a failed login counts, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    login_window: u64,
    /// Limit registrations from one client address to N a minute (off by default: clients
    /// behind one proxy share its address).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    registrations_per_minute: Option<u32>,
    /// Serve the hooks' metrics (triggers, callback calls by outcome, durations, retries) at
    /// GET /metrics, in the Prometheus text format.
    #[arg(long)]
    metrics: bool,
}

/// The durable callbacks' dead jobs: jobs whose every attempt failed.
#[derive(Debug, Subcommand)]
enum DeadJobs {
    /// List the dead jobs, one JSON object a line: id, hook, callback, event, attempts, errors.
    Dead {
        /// The database URL: `sqlite:PATH` or `postgres://USER@HOST/DATABASE`.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite:credit-system.db")]
        database: String,
    },
    /// Make a dead job available again, once its cause is fixed; a worker attempts it once more.
    Retry {
        /// The job's id, as `hooks dead` lists it.
        id: i64,
        /// The database URL: `sqlite:PATH` or `postgres://USER@HOST/DATABASE`.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite:credit-system.db")]
        database: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().command.unwrap_or(Command::Demo) {
        Command::Demo => run_demo().await,
        Command::Serve(args) => serve(args).await,
        Command::Worker { database, workers, rescue_after } => {
            let jobs = JobOptions {
                workers: Some(usize::from(workers)),
                rescue_after: Duration::from_secs(rescue_after),
                ..JobOptions::default()
            };
            work(database, jobs).await
        }
        Command::Hooks { jobs: Some(jobs), .. } => dead_jobs(jobs).await,
        Command::Hooks { json, jobs: None } => {
            let dump = hooks_core::registry().dump();
            if json {
                println!("{}", dump.to_json())
            } else {
                print!("{dump}")
            }
            ExitCode::SUCCESS
        }
    }
}

async fn dead_jobs(command: DeadJobs) -> ExitCode {
    let outcome = match command {
        DeadJobs::Dead { database } => server::dead_jobs(&database).await.map(|dead| {
            for job in &dead {
                println!("{}", server::dead_job_json(job));
            }
        }),
        DeadJobs::Retry { id, database } => {
            server::retry_dead_job(&database, id).await.map(|()| println!("job {id} is available again"))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run_demo() -> ExitCode {
    let style = Style::detect();
    let printer = CallbackPrinter::new(style);
    let warnings = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(EnvFilter::new("warn,example_app::demo=off"));
    tracing_subscriber::registry().with(printer.clone().with_filter(CallbackPrinter::filter())).with(warnings).init();
    match demo::run(style, &printer).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("demo failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info,sqlx=warn`).
fn init_logs() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
}

async fn serve(args: ServeArgs) -> ExitCode {
    init_logs();
    let shutdown = ShutdownSignal::listen();
    let addr = args.addr;
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut config = Config::new(args.database);
    config.debug_endpoints = args.debug_endpoints;
    config.jobs = JobOptions {
        workers: (!args.no_workers).then_some(usize::from(args.workers)),
        rescue_after: Duration::from_secs(args.rescue_after),
        ..JobOptions::default()
    };
    config.session_ttl = Duration::from_secs(args.session_ttl);
    config.login_throttle =
        LoginThrottle { max_failures: args.login_max_failures, window: Duration::from_secs(args.login_window) };
    config.registrations_per_minute = args.registrations_per_minute;
    config.metrics = args.metrics;
    let server = match Server::start(listener, &config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("credit system listening on http://{}", server.addr());
    shutdown.received().await;
    match server.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn work(database: String, jobs: JobOptions) -> ExitCode {
    init_logs();
    let shutdown = ShutdownSignal::listen();
    let workers = jobs.workers.unwrap_or(1);
    let worker = match Worker::start(&database, jobs).await {
        Ok(worker) => worker,
        Err(error) => {
            eprintln!("cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("credit system worker running {workers} job(s) at once");
    shutdown.received().await;
    match worker.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("worker error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// SIGTERM (on Unix) and Ctrl-C, listened to from the moment it is created: a role creates it
/// before it starts, so a signal sent as soon as the role says it is ready is not lost (it would
/// otherwise kill the process with the default action, skipping the graceful stop).
struct ShutdownSignal {
    #[cfg(unix)]
    signals: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl ShutdownSignal {
    fn listen() -> ShutdownSignal {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
                (Ok(terminate), Ok(interrupt)) => ShutdownSignal { signals: Some((terminate, interrupt)) },
                (Err(error), _) | (_, Err(error)) => {
                    eprintln!("cannot listen for SIGTERM: {error}");
                    ShutdownSignal { signals: None }
                }
            }
        }
        #[cfg(not(unix))]
        ShutdownSignal {}
    }

    /// Resolves on the first SIGTERM or Ctrl-C.
    async fn received(self) {
        #[cfg(unix)]
        if let Some((mut terminate, mut interrupt)) = self.signals {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
            }
            return;
        }
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("cannot wait for Ctrl-C: {error}");
        }
    }
}
