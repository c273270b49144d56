//! The demo: replays the original document's test script over real HTTP against a fresh server.
//!
//! It starts the server on an ephemeral port with a new SQLite database in a temporary
//! directory, asks for the module status, registers a user, shows each trigger and each hook
//! callback's log lines as they happen (through [`CallbackPrinter`], which the caller installs
//! as a `tracing` layer filtered by [`CallbackPrinter::filter`]), reads the
//! wallet, checks the database (1 wallet, 1 welcome notification, 1 transaction for the user,
//! callbacks in the order wallet, communications, transactions), and prints the registry dump.

mod client;
mod printer;
mod style;

use std::error::Error;
use std::path::PathBuf;

use serde_json::json;
use tokio::net::TcpListener;

pub use printer::{CallbackPrinter, Seen};
pub use style::Style;
use style::say;

use crate::events::{self, user_created};
use crate::server::{Config, Server};

/// The modules whose `user_created` callbacks must run, in this order (priorities 5, 10, 15).
pub const EXPECTED_ORDER: [&str; 3] = [events::wallet::NAME, events::communications::NAME, events::transactions::NAME];

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

    let order: Vec<String> = printer
        .seen()
        .into_iter()
        .filter(|seen| seen.hook == user_created::NAME && seen.user_id == user_id)
        .map(|seen| seen.module)
        .collect();
    checks.push((order == EXPECTED_ORDER, format!("user_created callbacks ran in the order {order:?}")));

    say("");
    say(style.heading(&format!("GET /wallet/info?user_id={user_id}")));
    let wallet = client::request(addr, "GET", &format!("/wallet/info?user_id={user_id}"), None).await?;
    say(format!("    <- {} balance {} {}", wallet.status, wallet.body["balance"], wallet.body["currency"]));
    checks.push((wallet.status == 200 && wallet.body["balance"] == 0, "the wallet holds 0 credits".to_owned()));

    say("");
    say(style.heading("database check"));
    let queries = [
        ("wallet(s)", "SELECT COUNT(*) FROM wallets WHERE user_id = $1"),
        ("welcome notification(s)", "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'welcome'"),
        ("transaction(s)", "SELECT COUNT(*) FROM transactions WHERE user_id = $1"),
    ];
    for (what, sql) in queries {
        let (count,): (i64,) = sqlx::query_as(sql).bind(&user_id).fetch_one(server.db()).await?;
        say(format!("    {count} {what}"));
        checks.push((count == 1, format!("{count} {what} for the user (expected 1)")));
    }
    let (failures,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM hook_failures").fetch_one(server.db()).await?;
    checks.push((failures == 0, format!("{failures} recorded hook failure(s)")));
    Ok(checks)
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
