//! Concurrent registrations: the database's unique constraints decide.

use reqwest::StatusCode;
use serde_json::json;
use tokio::task::JoinSet;

use crate::support::{REGISTRATION_JOBS, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_registrations_of_distinct_users() {
    let server = TestServer::start().await;
    let mut requests = JoinSet::new();
    for i in 0..50 {
        let client = server.client();
        requests.spawn(async move { client.register(&format!("parallel{i}"), "correct horse battery").await.0 });
    }
    let statuses = requests.join_all().await;
    assert!(statuses.iter().all(|status| *status == StatusCode::CREATED), "{statuses:?}");
    server.jobs_completed(None, 50 * REGISTRATION_JOBS).await;
    for table in ["users", "wallets", "notifications", "transactions"] {
        assert_eq!(server.count(&format!("SELECT COUNT(*) FROM {table}"), None).await, 50, "{table}");
    }
    assert_eq!(server.count("SELECT COUNT(DISTINCT user_id) FROM wallets", None).await, 50);
    assert_eq!(server.count("SELECT COUNT(*) FROM hook_failures", None).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_registrations_of_one_username() {
    let server = TestServer::start().await;
    let mut requests = JoinSet::new();
    for i in 0..20 {
        let client = server.client();
        let email = format!("contender{i}@example.com");
        let body = json!({ "username": "contested", "email": email, "password": "correct horse battery" });
        requests.spawn(async move { client.post("/public/register", &body).await });
    }
    let replies = requests.join_all().await;
    let created = replies.iter().filter(|(status, _)| *status == StatusCode::CREATED).count();
    let conflicts: Vec<_> = replies.iter().filter(|(status, _)| *status == StatusCode::CONFLICT).collect();
    assert_eq!((created, conflicts.len()), (1, 19), "{replies:?}");
    assert!(conflicts.iter().all(|(_, reply)| reply["error"] == "Username already taken"));
    // The refused registrations rolled back: only the winner's jobs exist.
    server.jobs_completed(None, REGISTRATION_JOBS).await;
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM wallets", None).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM notifications", None).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM transactions", None).await, 1);
}
