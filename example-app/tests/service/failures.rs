//! Real failures: a callback refused by the database, and an internal error.

use reqwest::StatusCode;

use crate::support::TestServer;

#[tokio::test]
async fn a_failing_callback_leaves_the_registration_and_the_other_callbacks_and_is_recorded() {
    let server = TestServer::start().await;
    // The database refuses every notification, so the communications callback fails for real.
    server
        .execute("CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'mail server down'); END")
        .await;
    let (status, reply) = server.register("unlucky", "correct horse battery").await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let user_id = reply["user"]["id"].as_str().expect("user id");
    let report = &reply["hooks"]["user_created"];
    assert_eq!(report["callbacks_run"], 3);
    assert_eq!(report["failures"].as_array().map(Vec::len), Some(1), "{report}");
    assert_eq!(report["failures"][0]["callback"], "example_app::communications::send_welcome");

    let of_user = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1");
    assert_eq!(server.count(&of_user("wallets"), Some(user_id)).await, 1);
    assert_eq!(server.count(&of_user("transactions"), Some(user_id)).await, 1);
    assert_eq!(server.count(&of_user("notifications"), Some(user_id)).await, 0);

    let (hook, callback, error, occurred_at, summary): (String, String, String, String, String) =
        sqlx::query_as("SELECT hook, callback, error, occurred_at, payload_summary FROM hook_failures")
            .fetch_one(server.db())
            .await
            .expect("exactly one failure recorded");
    assert_eq!(hook, "user_created");
    assert_eq!(callback, "example_app::communications::send_welcome");
    assert!(error.contains("mail server down"), "{error}");
    assert!(occurred_at.ends_with('Z') && occurred_at.len() == "2024-01-01T12:00:00.000Z".len(), "{occurred_at}");
    assert!(summary.contains(user_id) && summary.contains("unlucky"), "{summary}");
    assert!(!summary.contains("correct horse") && !summary.contains("argon2"), "{summary}");
}

#[tokio::test]
async fn an_internal_error_answers_500_and_is_recorded() {
    let server = TestServer::start().await;
    server
        .execute("CREATE TRIGGER read_only BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
        .await;
    let (status, reply) = server.register("doomed", "correct horse battery").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(reply["error"], "Internal server error", "the cause stays on the server");
    let (hook, callback, error, summary): (String, String, String, String) =
        sqlx::query_as("SELECT hook, callback, error, payload_summary FROM hook_failures")
            .fetch_one(server.db())
            .await
            .expect("exactly one failure recorded");
    assert_eq!((hook.as_str(), callback.as_str()), ("http", "user_management::register"));
    assert!(error.contains("disk on fire"), "{error}");
    assert_eq!(summary, "username=doomed email=doomed@example.com");
    assert_eq!(server.count("SELECT COUNT(*) FROM wallets", None).await, 0);
}
