//! Every registration rule, with its status code and message, in the documented order.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{REGISTRATION_JOBS, TestServer, logs};

const PASSWORD: &str = "s3cret-Pa55word-validation";

async fn refused(server: &TestServer, body: Value) -> (StatusCode, String) {
    let (status, reply) = server.post("/public/register", &body).await;
    assert!(!reply.to_string().contains(PASSWORD), "the password leaked into {reply}");
    (status, reply["error"].as_str().unwrap_or_default().to_owned())
}

fn bad(message: &str) -> (StatusCode, String) {
    (StatusCode::BAD_REQUEST, message.to_owned())
}

#[tokio::test]
async fn registration_rules_in_order() {
    let server = TestServer::start().await;
    let valid = json!({ "username": "ada", "email": "ada@example.com", "password": PASSWORD });
    let with = |key: &str, value: Value| {
        let mut body = valid.clone();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = valid.clone();
        body.as_object_mut().map(|object| object.remove(key));
        body
    };

    // Missing fields, in the order username, email, password; null and blank count as missing.
    assert_eq!(refused(&server, json!({})).await, bad("Missing required field: username"));
    assert_eq!(refused(&server, without("username")).await, bad("Missing required field: username"));
    assert_eq!(refused(&server, without("email")).await, bad("Missing required field: email"));
    assert_eq!(refused(&server, without("password")).await, bad("Missing required field: password"));
    assert_eq!(refused(&server, with("email", Value::Null)).await, bad("Missing required field: email"));
    assert_eq!(refused(&server, with("username", json!("   "))).await, bad("Missing required field: username"));
    assert_eq!(refused(&server, json!({ "password": "short" })).await, bad("Missing required field: username"));
    assert_eq!(refused(&server, with("username", json!(42))).await, bad("Field username must be a string"));

    // Email format before password length.
    for email in ["ada", "ada@", "@example.com", "ada@example", "ada @example.com", "a@b@c.d"] {
        assert_eq!(refused(&server, with("email", json!(email))).await, bad("Invalid email format"), "{email}");
    }
    let both = json!({ "username": "ada", "email": "not-an-email", "password": "short" });
    assert_eq!(refused(&server, both).await, bad("Invalid email format"));
    assert_eq!(
        refused(&server, with("password", json!("1234567"))).await,
        bad("Password must be at least 8 characters long")
    );
    assert_eq!(refused(&server, with("first_name", json!(["Ada"]))).await, bad("Field first_name must be a string"));
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 0);

    // Exactly 8 characters is enough; then the email and the username are taken (email first).
    let (status, reply) = server.post("/public/register", &with("password", json!("12345678"))).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    server.jobs_completed(reply["user"]["id"].as_str(), REGISTRATION_JOBS).await;
    let conflict = |message: &str| (StatusCode::CONFLICT, message.to_owned());
    let same_email = json!({ "username": "other", "email": "ADA@example.com", "password": PASSWORD });
    assert_eq!(refused(&server, same_email).await, conflict("Email already registered"));
    let same_username = json!({ "username": "ada", "email": "other@example.com", "password": PASSWORD });
    assert_eq!(refused(&server, same_username).await, conflict("Username already taken"));
    assert_eq!(refused(&server, valid.clone()).await, conflict("Email already registered"));
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM wallets", None).await, 1);
}

#[tokio::test]
async fn bodies_that_are_not_json_objects() {
    let server = TestServer::start().await;
    for body in ["{\"username\": \"ada\",", "not json", ""] {
        let (status, reply) = server.post_raw("/public/register", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:?}");
        assert!(reply["error"].as_str().is_some_and(|error| error.starts_with("Invalid JSON")), "{reply}");
    }
    for body in ["[1, 2]", "\"ada\"", "42", "null"] {
        let (status, reply) = server.post_raw("/public/register", body).await;
        assert_eq!(
            (status, reply["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("Request body must be a JSON object"))
        );
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let server = TestServer::start().await;
    let padding = "x".repeat(example_app::server::BODY_LIMIT + 1);
    let body = json!({ "username": "ada", "email": "ada@example.com", "password": PASSWORD, "first_name": padding });
    let (status, reply) = server.post("/public/register", &body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{reply}");
    assert_eq!(reply["error"], "Request body too large");
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 0);
    // The session is checked first; a signed-in caller's oversized purchase is a 413 too.
    assert_eq!(server.post("/wallet/purchase", &body).await.0, StatusCode::UNAUTHORIZED);
    let (_, token) = server.signed_in("ada").await;
    assert_eq!(server.post_as(&token, "/wallet/purchase", &body).await.0, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_password_and_the_session_token_never_appear_in_responses_logs_or_the_database() {
    let server = TestServer::start_with(true).await;
    let password = "Never-Log-Me-7f3a9c";
    let body = json!({ "username": "secretive", "email": "secretive@example.com", "password": password });
    let mut replies = Vec::new();
    replies.push(server.post("/public/register", &body).await);
    replies.push(server.post("/public/register", &body).await);
    let mut short = body.clone();
    short["password"] = json!("Never-7");
    short["username"] = json!("other");
    replies.push(server.post("/public/register", &short).await);
    replies.push(server.post("/public/login", &json!({ "username": "secretive", "password": password })).await);
    replies.push(server.post("/public/login", &json!({ "username": "secretive", "password": "Never-Wrong" })).await);
    replies.push(server.get("/get-db-data").await);
    replies.push(server.get("/debug/hooks").await);
    let user_id = replies[0].1["user"]["id"].as_str().expect("registered").to_owned();
    let token = replies[3].1["token"].as_str().expect("the login's token").to_owned();
    replies.push(server.get_as(&token, "/wallet/info").await);
    replies.push(server.post_as(&token, "/wallet/purchase", &json!({ "amount": 3 })).await);
    replies.push(server.post_as(&token, "/public/logout", &json!({})).await);
    replies.push(server.get("/get-db-data").await);
    let statuses: Vec<u16> = replies.iter().map(|(status, _)| status.as_u16()).collect();
    assert_eq!(statuses, [201, 409, 400, 200, 401, 200, 200, 200, 200, 204, 200]);

    for (index, (_, reply)) in replies.iter().enumerate() {
        let text = reply.to_string();
        assert!(!text.contains("Never-"), "a password leaked into {text}");
        assert!(!text.contains("password_hash") && !text.contains("$argon2"), "a hash leaked into {text}");
        assert!(index == 3 || !text.contains(&token), "the token leaked into {text}");
    }
    let logs = logs();
    assert!(logs.contains(&user_id), "the registration was logged");
    assert!(!logs.contains("Never-"), "a password leaked into the logs");
    assert!(!logs.contains("$argon2"), "a hash leaked into the logs");
    assert!(!logs.contains(&token), "the token leaked into the logs");
    // Only the token's hash is stored.
    let (hash,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions WHERE user_id = $1")
        .bind(&user_id)
        .fetch_one(server.db())
        .await
        .expect("the session");
    assert_ne!(hash, token);
    let dump = server.dump_database().await;
    assert!(dump.contains(&user_id) && dump.contains(&hash), "the dump reads the stored text");
    assert!(!dump.contains(&token) && !dump.contains("Never-"), "a secret is stored");

    // Stored as an argon2id hash only.
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(&user_id)
        .fetch_one(server.db())
        .await
        .expect("user");
    assert!(hash.starts_with("$argon2id$") && !hash.contains(password), "{hash}");
}
