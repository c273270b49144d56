//! Real failures: a durable callback refused by the database, and an internal error.

use std::time::Duration;

use example_app::server::JobOptions;
use hooks_durable::Backoff;
use reqwest::StatusCode;

use crate::support::{REGISTRATION_JOBS, TestServer, eventually, test_jobs};

#[tokio::test]
async fn a_failing_durable_callback_is_retried_until_its_cause_is_fixed_and_its_effect_happens_once() {
    // A backoff long enough that the welcome job is still retried (10 attempts over about 11 s)
    // when the test fixes its cause.
    let backoff = Backoff::new(Duration::from_millis(100), 2, Duration::from_secs(2));
    let server = TestServer::start_with_jobs(false, JobOptions { backoff, ..test_jobs() }).await;
    // The database refuses every notification, so the communications callback fails for real.
    server
        .execute("CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'mail server down'); END")
        .await;
    let (status, reply) = server.register("unlucky", "correct horse battery").await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let user_id = reply["user"]["id"].as_str().expect("user id");
    assert_eq!(reply["hooks"]["user_created"]["failures"], serde_json::json!([]), "the jobs run later");

    // The other callbacks' jobs complete; the welcome job fails, and is retried, with its error
    // stored in the job's row.
    let of_user = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1");
    let welcome_job = "SELECT attempt, state, json(errors) FROM river_job \
                       WHERE json_extract(args, '$.callback') = 'example_app::communications::send_welcome'";
    let (attempt, errors) = eventually("the welcome job failed twice and the others completed", || async {
        let (attempt, state, errors): (i64, String, Option<String>) =
            sqlx::query_as(welcome_job).fetch_one(server.db()).await.expect("the welcome job");
        let others = server.count(&of_user("wallets"), Some(user_id)).await
            + server.count(&of_user("transactions"), Some(user_id)).await;
        (attempt >= 2 && state != "completed" && others == 2).then_some((attempt, errors.unwrap_or_default()))
    })
    .await;
    assert!(errors.contains("mail server down"), "attempt {attempt}: {errors}");
    assert_eq!(server.count(&of_user("notifications"), Some(user_id)).await, 0);
    // Each failed attempt is also recorded in hook_failures, through hooks_durable::job_failed.
    let recorded = "SELECT COUNT(*) FROM hook_failures WHERE hook = 'user_created' \
                    AND callback = 'example_app::communications::send_welcome' AND error LIKE '%mail server down%' \
                    AND payload_summary LIKE 'job=% event_id=' || $1 || ' attempt=%/10'";
    // Recorded after the attempt's row is updated: waited for, as the attempts are.
    eventually("two failed attempts recorded in hook_failures", || async {
        (server.count(recorded, Some(user_id)).await >= 2).then_some(())
    })
    .await;

    // The cause is fixed: the next attempt sends the notification, once.
    server.execute("DROP TRIGGER refuse_notifications").await;
    server.jobs_completed(Some(user_id), REGISTRATION_JOBS).await;
    assert_eq!(server.count(&of_user("notifications"), Some(user_id)).await, 1);
    assert_eq!(server.count(&of_user("wallets"), Some(user_id)).await, 1);
    assert_eq!(server.count(&of_user("transactions"), Some(user_id)).await, 1);
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
    assert!(server.job_states(None).await.is_empty(), "no job without a user");
}
