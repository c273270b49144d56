//! The service on PostgreSQL: the scenarios of `tests/service/both.rs` against a server whose
//! database is a PostgreSQL database of the test's own, created from `HOOKS_TEST_POSTGRES_URL`
//! and dropped afterwards. Skipped, with a printed line, when that variable is unset.
//!
//! A binary of its own: the durable-hooks engine is process-wide, so servers on PostgreSQL and on
//! SQLite do not share a test process.

#[path = "../service/both.rs"]
mod both;
#[path = "../service/support.rs"]
#[allow(dead_code)]
mod support;

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use support::{TestServer, test_jobs};

/// A PostgreSQL database created for one test, dropped when the test ends (also on failure).
struct Database {
    admin_url: String,
    name: String,
}

impl Database {
    /// A new empty database; `None` (after printing why) when `HOOKS_TEST_POSTGRES_URL` is unset.
    async fn create() -> Option<Database> {
        let Ok(admin_url) = std::env::var("HOOKS_TEST_POSTGRES_URL") else {
            println!("PostgreSQL test skipped: HOOKS_TEST_POSTGRES_URL is not set");
            return None;
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("hooks_app_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = PgConnection::connect(&admin_url).await.expect("PostgreSQL answers");
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.expect("create");
        Some(Database { admin_url, name })
    }

    /// The database's URL: the admin URL with its database name replaced.
    fn url(&self) -> String {
        let base = self.admin_url.rsplit_once('/').map_or(self.admin_url.as_str(), |(base, _)| base);
        format!("{base}/{}", self.name)
    }

    /// A server on this database, with the tests' job timings.
    async fn server(&self) -> TestServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        TestServer::start_at(&self.url(), dir, false, test_jobs()).await
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs inside the test's runtime: drop the database from a thread of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::query(AssertSqlSafe(sql)).execute(&mut admin).await.map(|_| ())
            })
        });
        if let Ok(Err(error)) = dropped.join() {
            eprintln!("could not drop the test database {}: {error}", self.name);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_registrations_give_every_user_one_of_each() {
    let Some(database) = Database::create().await else { return };
    let server = database.server().await;
    both::registrations_give_every_user_one_of_each(&server).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purchases_commit_their_credit_ledger_line_and_notice() {
    let Some(database) = Database::create().await else { return };
    let server = database.server().await;
    both::purchases_commit_their_credit_ledger_line_and_notice(&server).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_the_ledger_refuses_changes_nothing_and_its_retry_credits_once() {
    let Some(database) = Database::create().await else { return };
    let server = database.server().await;
    let refuse = [
        "CREATE FUNCTION refuse_ledger() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'ledger refuses writes'; END $$",
        "CREATE TRIGGER refuse_ledger BEFORE INSERT ON transactions FOR EACH ROW \
         WHEN (NEW.kind = 'purchase') EXECUTE FUNCTION refuse_ledger()",
    ];
    both::a_purchase_the_ledger_refuses_changes_nothing(&server, &refuse, "DROP TRIGGER refuse_ledger ON transactions")
        .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_with_one_idempotency_key_credit_once() {
    let Some(database) = Database::create().await else { return };
    let server = database.server().await;
    both::concurrent_requests_with_one_idempotency_key_credit_once(&server).await;
    server.stop().await;
}
