//! Throttling: failed logins per account and per client address, and the optional per-address
//! registration limit.

use std::time::Duration;

use example_app::http::LoginThrottle;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestServer;

/// `POST path` with `body`: status, `Retry-After` (seconds) and body.
async fn post(server: &TestServer, path: &str, body: &Value) -> (StatusCode, Option<u64>, Value) {
    let response = reqwest::Client::new()
        .post(format!("http://{}{path}", server.addr()))
        .json(body)
        .send()
        .await
        .expect("request sent");
    let retry_after = response.headers().get("retry-after").and_then(|value| value.to_str().ok()?.parse().ok());
    (response.status(), retry_after, response.json().await.unwrap_or(Value::Null))
}

fn login(name: &str, password: &str) -> Value {
    json!({ "username": name, "password": password })
}

const RIGHT: &str = "correct horse battery";

/// Three failures in a window of `window`.
async fn throttled_server(window: Duration) -> TestServer {
    TestServer::start_with_config(|config| config.login_throttle = LoginThrottle { max_failures: 3, window }).await
}

#[tokio::test]
async fn failed_logins_of_an_account_are_throttled_until_the_window_passes() {
    // Long enough for three password checks on a loaded machine to fit in one window.
    let server = throttled_server(Duration::from_secs(5)).await;
    server.registered("target").await;
    for _ in 0..3 {
        let (status, _, reply) = post(&server, "/public/login", &login("target", "guess")).await;
        assert_eq!((status, reply["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("Invalid username or password")));
    }
    // Throttled now, even with the right password, with the wait in Retry-After.
    let (status, retry_after, reply) = post(&server, "/public/login", &login("target", RIGHT)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{reply}");
    assert_eq!(reply["error"], "Too many failed logins: try again later");
    assert!(retry_after.is_some_and(|seconds| (1..=5).contains(&seconds)), "{retry_after:?}");
    assert!(reply.get("token").is_none());

    // Once the window passed, the right password works, and clears the account's failures.
    tokio::time::sleep(Duration::from_millis(5100)).await;
    let (status, _, reply) = post(&server, "/public/login", &login("target", RIGHT)).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(server.count("SELECT COUNT(*) FROM login_failures WHERE key = 'account:target'", None).await, 0);
}

#[tokio::test]
async fn failed_logins_from_one_address_are_throttled_across_accounts() {
    let server = throttled_server(Duration::from_secs(60)).await;
    server.registered("bystander").await;
    for name in ["alice", "bob", "carol"] {
        assert_eq!(post(&server, "/public/login", &login(name, "guess")).await.0, StatusCode::UNAUTHORIZED);
    }
    // Another account, never failed, from the same address: throttled by the address.
    let (status, retry_after, _) = post(&server, "/public/login", &login("bystander", RIGHT)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after.is_some_and(|seconds| (1..=60).contains(&seconds)), "{retry_after:?}");
    let failures = "SELECT COUNT(*) FROM login_failures WHERE key = 'address:127.0.0.1'";
    assert_eq!(server.count(failures, None).await, 3);
}

#[tokio::test]
async fn registrations_per_address_are_limited_only_when_enabled() {
    let server = TestServer::start_with_config(|config| config.registrations_per_minute = Some(2)).await;
    let user = |name: &str| json!({ "username": name, "email": format!("{name}@example.com"), "password": RIGHT });
    assert_eq!(post(&server, "/public/register", &user("first")).await.0, StatusCode::CREATED);
    assert_eq!(post(&server, "/public/register", &user("second")).await.0, StatusCode::CREATED);
    let (status, retry_after, reply) = post(&server, "/public/register", &user("third")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{reply}");
    assert_eq!(reply["error"], "Too many registrations from this address: try again later");
    assert!(retry_after.is_some_and(|seconds| (1..=30).contains(&seconds)), "{retry_after:?}");
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 2);
    // Logins are not limited by it.
    assert_eq!(post(&server, "/public/login", &login("first", RIGHT)).await.0, StatusCode::OK);
}
