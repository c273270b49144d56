//! Sessions: login hands out a bearer token, the wallet routes require it, logout revokes it, and
//! a caller acts on their own account only.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{TestServer, callback_order};

/// The 401 answers of the wallet routes for the `Authorization` header `header` (`None`: absent).
async fn refused(server: &TestServer, header: Option<&str>) -> Vec<(StatusCode, String)> {
    let client = reqwest::Client::new();
    let base = format!("http://{}", server.addr());
    let mut answers = Vec::new();
    for request in [client.get(format!("{base}/wallet/info")), client.post(format!("{base}/wallet/purchase"))] {
        let request = match header {
            Some(value) => request.header("authorization", value),
            None => request,
        };
        let response = request.header("content-type", "application/json").body(r#"{"amount": 5}"#).send().await;
        let response = response.expect("request sent");
        let status = response.status();
        let body: serde_json::Value = response.json().await.expect("a JSON error");
        answers.push((status, body["error"].as_str().unwrap_or_default().to_owned()));
    }
    answers
}

/// A 401 with `message` from both wallet routes.
fn unauthorized(message: &str) -> Vec<(StatusCode, String)> {
    vec![(StatusCode::UNAUTHORIZED, message.to_owned()); 2]
}

#[tokio::test]
async fn login_hands_out_a_token_that_opens_the_callers_own_wallet() {
    let server = TestServer::start().await;
    let user_id = server.registered("holder").await;
    let (status, reply) = server.client().login("holder", "correct horse battery").await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let token = reply["token"].as_str().expect("token");
    // 256 bits, base64url without padding.
    assert_eq!(token.len(), 43, "{token}");
    assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{token}");
    let expires_at = reply["expires_at"].as_str().expect("expires_at");
    assert!(expires_at.ends_with('Z') && expires_at.len() == "2026-01-01T00:00:00.000Z".len(), "{expires_at}");
    assert_eq!(reply["user"]["id"], user_id.as_str());
    // A second login is a second session with a different token.
    assert_ne!(server.client().token("holder").await, token);

    let (status, wallet) = server.get_as(token, "/wallet/info").await;
    assert_eq!(
        (status, wallet["user_id"].as_str(), wallet["balance"].as_i64()),
        (StatusCode::OK, Some(user_id.as_str()), Some(0))
    );
    // Naming oneself is fine.
    let (status, _) = server.get_as(token, &format!("/wallet/info?user_id={user_id}")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn missing_malformed_and_unknown_tokens_are_401_with_what_is_wrong() {
    let server = TestServer::start().await;
    let missing = "Missing Authorization header: expected Bearer <token>";
    let malformed = "Malformed Authorization header: expected Bearer <token>";
    assert_eq!(refused(&server, None).await, unauthorized(missing));
    for header in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "token-without-scheme"] {
        assert_eq!(refused(&server, Some(header)).await, unauthorized(malformed), "{header}");
    }
    let unknown = unauthorized("Unknown token");
    assert_eq!(refused(&server, Some("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).await, unknown);
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let server = TestServer::start_with_config(|config| config.session_ttl = Duration::from_millis(300)).await;
    let (_, token) = server.signed_in("brief").await;
    assert_eq!(server.get_as(&token, "/wallet/info").await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let expired = unauthorized("Token expired");
    assert_eq!(refused(&server, Some(&format!("Bearer {token}"))).await, expired);
}

#[tokio::test]
async fn logout_revokes_the_token_and_triggers_user_logout() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("leaving").await;
    let other_session = server.client().token("leaving").await;
    let (status, body) = server.post_as(&token, "/public/logout", &json!({})).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, json!("")));
    let revoked = unauthorized("Token revoked");
    assert_eq!(refused(&server, Some(&format!("Bearer {token}"))).await, revoked);
    // Logging out twice: the token is already revoked.
    assert_eq!(server.post_as(&token, "/public/logout", &json!({})).await.0, StatusCode::UNAUTHORIZED);
    // Only that session ended.
    assert_eq!(server.get_as(&other_session, "/wallet/info").await.0, StatusCode::OK);

    assert_eq!(callback_order("user_logout", &user_id), ["communications"]);
    let notes = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'session_end'";
    assert_eq!(server.count(notes, Some(&user_id)).await, 1);
    assert_eq!(server.post("/public/logout", &json!({})).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_users_id_in_the_query_or_the_body_is_403_and_changes_nothing() {
    let server = TestServer::start().await;
    let (_, token) = server.signed_in("mallory").await;
    let victim = server.registered("victim").await;
    let forbidden = "You can only act on your own account";
    let (status, reply) = server.get_as(&token, &format!("/wallet/info?user_id={victim}")).await;
    assert_eq!((status, reply["error"].as_str()), (StatusCode::FORBIDDEN, Some(forbidden)));
    assert!(!reply.to_string().contains("balance"), "{reply}");
    let body = json!({ "user_id": victim, "amount": 1_000_000 });
    let (status, reply) = server.post_as(&token, "/wallet/purchase", &body).await;
    assert_eq!((status, reply["error"].as_str()), (StatusCode::FORBIDDEN, Some(forbidden)));
    assert_eq!(server.count("SELECT balance FROM wallets WHERE user_id = $1", Some(&victim)).await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM transactions WHERE kind = 'purchase'", None).await, 0);
}
