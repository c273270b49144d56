//! The demo: replays the original document's test script over real HTTP against a fresh server.
//!
//! It starts the server on an ephemeral port with a new SQLite database in a temporary
//! directory, asks for the module status, registers a user, shows each trigger and each hook
//! callback's log lines as they happen (through [`CallbackPrinter`], which the caller installs
//! as a `tracing` layer filtered by [`CallbackPrinter::filter`]), lists the jobs the
//! registration enqueued in its transaction (one per durable `user_created` callback), waits for
//! the server's workers to complete them, reads the wallet, checks the database (1 wallet,
//! 1 welcome notification, 1 transaction for the user, each module's callback once), and prints
//! the registry dump.

mod client;
mod printer;
mod style;

use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::net::TcpListener;

pub use printer::{CallbackPrinter, Seen};
pub use style::Style;
use style::say;

use crate::events::{self, user_created, wallet_opened};
use crate::server::{Config, Server};

/// The modules whose durable callbacks a registration runs, once each: the wallet and
/// communications on `user_created`, in any order, and transactions on `wallet_opened`, which the
/// wallet fires.
pub const EXPECTED_MODULES: [&str; 3] =
    [events::wallet::NAME, events::communications::NAME, events::transactions::NAME];

/// How long the demo waits for the workers to complete the registration's jobs.
const JOBS_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the demo; `Ok(true)` when every check passed. `printer` must be installed as a layer of
/// the global `tracing` subscriber, filtered by [`CallbackPrinter::filter`], for the callbacks to
/// show.
pub async fn run(style: Style, printer: &CallbackPrinter) -> Result<bool, Box<dyn Error + Send + Sync>> {
    let dir = TempDir::new()?;
    let mut config = Config::new(format!("sqlite:{}", dir.0.join("credit-system.db").display()));
    config.debug_endpoints = true;
    say(style.heading("== Credit system demo: modules that talk only through hooks =="));
    say(style.dim(&format!("database: {}", config.database_url)));
    say("");
    say(style.heading("starting the server (module_initialized, once per module)"));
    let server = Server::start(TcpListener::bind("127.0.0.1:0").await?, &config).await?;
    let addr = server.addr();
    say(style.dim(&format!("listening on http://{addr}")));
    let checks = scenario(style, printer, &server).await;
    server.stop().await?;
    let checks = checks?;

    say("");
    say(style.heading("registry dump"));
    say(hooks_core::registry().dump());
    let validation = hooks_core::registry().validate();
    say(format!("validation: {validation}"));

    say("");
    let mut all_ok = validation.is_clean();
    for (ok, what) in &checks {
        say(if *ok { style.ok(what) } else { style.fail(what) });
        all_ok &= ok;
    }
    say(if all_ok { style.ok("demo passed") } else { style.fail("demo failed") });
    Ok(all_ok)
}

/// The test script's calls; returns the checks as (passed, description).
async fn scenario(
    style: Style,
    printer: &CallbackPrinter,
    server: &Server,
) -> Result<Vec<(bool, String)>, Box<dyn Error + Send + Sync>> {
    let addr = server.addr();
    let mut checks = Vec::new();

    say("");
    say(style.heading("GET /modules/status"));
    let status = client::request(addr, "GET", "/modules/status", None).await?;
    if let Some(modules) = status.body["modules"].as_object() {
        for (name, module) in modules {
            say(format!("    {name:<15} {}", module["health"]["status"].as_str().unwrap_or("?")));
        }
    }
    checks.push((status.status == 200, format!("GET /modules/status answered {}", status.status)));

    say("");
    say(style.heading("POST /public/register"));
    let user = json!({
        "username": "ada", "email": "ada@example.com", "password": "analytical-engine",
        "first_name": "Ada", "last_name": "Lovelace", "phone": "+44 20 7946 0000",
    });
    say(style.dim("    {\"username\": \"ada\", \"email\": \"ada@example.com\", \"password\": \"<hidden>\", ...}"));
    let reply = client::request(addr, "POST", "/public/register", Some(&user)).await?;
    let user_id = reply.body["user"]["id"].as_str().unwrap_or_default().to_owned();
    say(format!("    <- {} {}", reply.status, style.dim(&format!("user {user_id}"))));
    checks.push((reply.status == 201, format!("registration answered {} (expected 201)", reply.status)));

    say("");
    say(style.heading("jobs enqueued with the user (durable user_created callbacks)"));
    say(style.dim("    (the wallet's job enqueues the opening entry's, on wallet_opened)"));
    for (id, callback, state) in jobs_of(server, &user_id).await? {
        say(format!("    job {id:<3} {callback:<45} {state}"));
    }
    say(style.heading("waiting for the workers"));
    let completed = wait_for_jobs(server, &user_id).await?;
    for (id, callback, state) in jobs_of(server, &user_id).await? {
        say(format!("    job {id:<3} {callback:<45} {state}"));
    }
    checks.push((completed, format!("the registration's {} jobs completed", EXPECTED_MODULES.len())));

    let mut modules: Vec<String> = printer
        .seen()
        .into_iter()
        .filter(|seen| {
            [user_created::NAME, wallet_opened::NAME].contains(&seen.hook.as_str()) && seen.user_id == user_id
        })
        .map(|seen| seen.module)
        .collect();
    modules.sort();
    let mut expected = EXPECTED_MODULES.map(str::to_owned).to_vec();
    expected.sort();
    checks.push((modules == expected, format!("durable callbacks ran once in each of {modules:?}")));

    say("");
    say(style.heading("POST /public/login"));
    let login = json!({ "username": "ada", "password": "analytical-engine" });
    let session = client::request(addr, "POST", "/public/login", Some(&login)).await?;
    let token = session.body["token"].as_str().unwrap_or_default().to_owned();
    say(format!(
        "    <- {} {}",
        session.status,
        style.dim(&format!("a bearer token, expires {}", session.body["expires_at"]))
    ));
    checks
        .push((session.status == 200 && !token.is_empty(), format!("login answered {} with a token", session.status)));

    say("");
    say(style.heading("GET /wallet/info (Authorization: Bearer <token>)"));
    let wallet = client::request_as(addr, Some(&token), "GET", "/wallet/info", None).await?;
    say(format!("    <- {} balance {} {}", wallet.status, wallet.body["balance"], wallet.body["currency"]));
    checks.push((wallet.status == 200 && wallet.body["balance"] == 0, "the wallet holds 0 credits".to_owned()));

    say("");
    say(style.heading("POST /wallet/purchase {\"amount\": 100, \"payment_method\": \"pm_card_visa\"}"));
    let purchase = json!({ "amount": 100, "payment_method": "pm_card_visa" });
    let bought = client::request_as(addr, Some(&token), "POST", "/wallet/purchase", Some(&purchase)).await?;
    say(format!("    <- {} balance {}", bought.status, bought.body["balance"]));
    checks.push((bought.status == 200 && bought.body["balance"] == 100, "the purchase credited 100".to_owned()));

    say("");
    say(style.heading("database check"));
    let queries = [
        ("wallet(s)", 1, "SELECT COUNT(*) FROM wallets WHERE user_id = $1"),
        ("welcome notification(s)", 1, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'welcome'"),
        ("ledger line(s): opening and purchase", 2, "SELECT COUNT(*) FROM transactions WHERE user_id = $1"),
        ("receipt(s)", 1, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'receipt'"),
    ];
    for (what, expected, sql) in queries {
        let (count,): (i64,) =
            crate::on_db!(server.db(), |pool| sqlx::query_as(sql).bind(&user_id).fetch_one(pool).await)?;
        say(format!("    {count} {what}"));
        checks.push((count == expected, format!("{count} {what} for the user (expected {expected})")));
    }
    let (failures,): (i64,) =
        crate::on_db!(server.db(), |pool| sqlx::query_as("SELECT COUNT(*) FROM hook_failures").fetch_one(pool).await)?;
    checks.push((failures == 0, format!("{failures} recorded hook failure(s)")));
    Ok(checks)
}

/// The durable-callback jobs enqueued by the registration of `user_id` (its event id), as River
/// stores them: (job id, callback path, state).
async fn jobs_of(server: &Server, user_id: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    crate::on_db!(server.db(), |pool| {
        sqlx::query_as(
            "SELECT id, args ->> 'callback', CAST(state AS TEXT) FROM river_job \
             WHERE kind = 'hooks.callback' AND args ->> 'event' = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(pool)
        .await
    })
}

/// Polls until every job of the registration of `user_id` completed; `false` after
/// [`JOBS_TIMEOUT`].
async fn wait_for_jobs(server: &Server, user_id: &str) -> Result<bool, sqlx::Error> {
    let deadline = Instant::now() + JOBS_TIMEOUT;
    loop {
        let jobs = jobs_of(server, user_id).await?;
        if jobs.len() == EXPECTED_MODULES.len() && jobs.iter().all(|(_, _, state)| state == "completed") {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("example-app-demo-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
