//! The service on PostgreSQL: the scenarios of `tests/service/both.rs` against a server whose
//! database is a PostgreSQL database of the test's own, created from `HOOKS_TEST_POSTGRES_URL`
//! and dropped afterwards. Skipped, with a printed line, when that variable is unset.
//!
//! A binary of its own: the durable-hooks engine is process-wide, so servers on PostgreSQL and on
//! SQLite do not share a test process.

#[path = "../service/both.rs"]
mod both;
#[path = "../service/pg_database.rs"]
mod pg_database;
#[path = "../service/support.rs"]
#[allow(dead_code)]
mod support;

use pg_database::PgDatabase;
use support::{TestServer, test_jobs};

/// A server on a PostgreSQL database of the test's own (`None` when the variable is unset).
async fn server(test: &str) -> Option<(TestServer, PgDatabase)> {
    let database = PgDatabase::create(test).await?;
    let dir = tempfile::tempdir().expect("temporary directory");
    let server = TestServer::start_at(&database.url, dir, false, test_jobs()).await;
    Some((server, database))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_registrations_give_every_user_one_of_each() {
    let Some((server, _database)) = server(module_path!()).await else { return };
    both::registrations_give_every_user_one_of_each(&server).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purchases_commit_their_credit_ledger_line_and_notice() {
    let Some((server, _database)) = server(module_path!()).await else { return };
    both::purchases_commit_their_credit_ledger_line_and_notice(&server).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_the_ledger_refuses_changes_nothing_and_its_retry_credits_once() {
    let Some((server, _database)) = server(module_path!()).await else { return };
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
    let Some((server, _database)) = server(module_path!()).await else { return };
    both::concurrent_requests_with_one_idempotency_key_credit_once(&server).await;
    server.stop().await;
}
