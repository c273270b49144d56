//! The original document's scenario end to end.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{REGISTRATION_JOBS, TestServer, job_callbacks};

#[tokio::test]
async fn registration_sets_up_wallet_notification_and_transaction_through_durable_jobs() {
    let server = TestServer::start().await;
    let body = json!({
        "username": "grace", "email": "grace@example.com", "password": "cobol-1959",
        "first_name": "Grace", "last_name": "Hopper", "phone": "555-0199",
    });
    let (status, reply) = server.post("/public/register", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let user = &reply["user"];
    let user_id = user["id"].as_str().expect("user id");
    assert_eq!(user["username"], "grace");
    assert_eq!(user["email"], "grace@example.com");
    assert_eq!(user["first_name"], "Grace");
    assert_eq!(user["phone"], "555-0199");
    assert_eq!(user["modules"]["wallet"]["enabled"], true);
    assert_eq!(user["modules"]["wallet"]["balance"], 0);
    assert_eq!(user["modules"]["wallet"]["currency"], "credits");
    // No in-process callback: the two durable ones were enqueued with the user.
    assert_eq!(reply["hooks"]["user_created"], json!({ "callbacks_run": 0, "failures": [] }));
    server.jobs_completed(Some(user_id), REGISTRATION_JOBS).await;

    let one = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1");
    assert_eq!(server.count(&one("wallets"), Some(user_id)).await, 1);
    assert_eq!(server.count(&one("transactions"), Some(user_id)).await, 1);
    let welcome = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'welcome' AND \
                   title = 'Welcome to Credit System!' AND priority = 'normal' AND status = 'unread'";
    assert_eq!(server.count(welcome, Some(user_id)).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM hook_failures", None).await, 0);
    let balance = "SELECT COUNT(*) FROM wallets WHERE user_id = $1 AND balance = 0 AND currency = 'credits'";
    assert_eq!(server.count(balance, Some(user_id)).await, 1);
    let opening = "SELECT COUNT(*) FROM transactions WHERE user_id = $1 AND kind = 'opening' AND amount = 0";
    assert_eq!(server.count(opening, Some(user_id)).await, 1);

    // Each module's durable callback ran in a worker and logged there: the wallet and the welcome
    // notification on user_created, in no particular order, the opening entry on wallet_opened.
    assert_eq!(
        job_callbacks("user_created", user_id),
        ["example_app::communications::send_welcome", "example_app::wallet::open_wallet"]
    );
    assert_eq!(job_callbacks("wallet_opened", user_id), ["example_app::transactions::record_opening"]);

    // The welcome notification's metadata names the source, the app and the address.
    let (metadata,): (String,) = sqlx::query_as("SELECT metadata FROM notifications WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(server.db())
        .await
        .expect("notification");
    let metadata: serde_json::Value = serde_json::from_str(&metadata).expect("metadata is JSON");
    assert_eq!(metadata, json!({ "source": "public_api", "app_name": "Credit System", "email": "grace@example.com" }));
}

#[tokio::test]
async fn login_checks_the_password_and_triggers_user_login() {
    let server = TestServer::start().await;
    let user_id = server.registered("linus").await;
    let (status, reply) =
        server.post("/public/login", &json!({ "username": "linus", "password": "wrong password" })).await;
    assert_eq!((status, reply["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("Invalid username or password")));
    let (status, reply) =
        server.post("/public/login", &json!({ "username": "nobody", "password": "correct horse battery" })).await;
    assert_eq!((status, reply["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("Invalid username or password")));
    let logged_in = "SELECT COUNT(*) FROM users WHERE id = $1 AND last_login_at IS NOT NULL";
    assert_eq!(server.count(logged_in, Some(&user_id)).await, 0);

    let (status, reply) = server
        .post("/public/login", &json!({ "email": "LINUS@example.com", "password": "correct horse battery" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["user"]["id"], user_id.as_str());
    assert_eq!(reply["hooks"]["user_login"]["callbacks_run"], 1);
    assert_eq!(server.count(logged_in, Some(&user_id)).await, 1);
}
