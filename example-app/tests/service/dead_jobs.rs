//! Dead jobs: a durable callback that fails every attempt is kept with its errors, listed by
//! `GET /debug/hooks/dead` and `example-app hooks dead`, and retried by hand with
//! `example-app hooks retry ID` once its cause is fixed; its effect then happens once.

use std::process::Command;
use std::time::Duration;

use example_app::server::JobOptions;
use hooks_durable::Backoff;
use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{REGISTRATION_JOBS, TestServer, database_url, eventually, test_jobs};

const SEND_WELCOME: &str = "example_app::communications::send_welcome";

#[tokio::test]
async fn a_callback_failing_every_attempt_is_dead_listed_and_retried_by_hand() {
    // A backoff so short that the welcome job's 10 attempts run out in well under a second.
    let backoff = Backoff::new(Duration::from_millis(1), 1, Duration::from_millis(1));
    let server = TestServer::start_with_jobs(true, JobOptions { backoff, ..test_jobs() }).await;
    server
        .execute("CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'mail server down'); END")
        .await;
    let (status, reply) = server.register("unlucky", "correct horse battery").await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let user_id = reply["user"]["id"].as_str().expect("user id").to_owned();

    let dead = eventually("the welcome job is dead", || async {
        let (status, dead) = server.get("/debug/hooks/dead").await;
        assert_eq!(status, StatusCode::OK, "{dead}");
        dead.as_array().filter(|jobs| !jobs.is_empty()).cloned()
    })
    .await;
    assert_eq!(dead.len(), 1, "{dead:#?}");
    let job = &dead[0];
    assert_eq!(job["callback"], SEND_WELCOME);
    assert_eq!(job["hook"], "user_created");
    assert_eq!(job["event_id"], user_id.as_str());
    assert_eq!(job["attempts"], 10);
    assert_eq!(job["max_attempts"], 10);
    let errors = job["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 10, "one error per attempt: {errors:#?}");
    assert!(errors.iter().all(|e| e["error"].as_str().unwrap_or_default().contains("mail server down")), "{errors:#?}");
    let id = job["id"].as_i64().expect("job id");
    assert_eq!(server.count("SELECT COUNT(*) FROM notifications WHERE user_id = $1", Some(&user_id)).await, 0);

    // The command line lists the same job.
    let database = database_url(&server.database_path());
    let listed = Command::new(env!("CARGO_BIN_EXE_example-app"))
        .args(["hooks", "dead", "--database", &database])
        .output()
        .expect("runs");
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let lines: Vec<Value> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["id"], id);
    assert_eq!(lines[0]["callback"], SEND_WELCOME);

    // The cause is fixed; the job is retried by hand, and the notification is sent once.
    server.execute("DROP TRIGGER refuse_notifications").await;
    let retried = Command::new(env!("CARGO_BIN_EXE_example-app"))
        .args(["hooks", "retry", &id.to_string(), "--database", &database])
        .output()
        .expect("runs");
    assert!(retried.status.success(), "{}", String::from_utf8_lossy(&retried.stderr));
    server.jobs_completed(Some(&user_id), REGISTRATION_JOBS).await;
    assert_eq!(server.count("SELECT COUNT(*) FROM notifications WHERE user_id = $1", Some(&user_id)).await, 1);
    let (_, dead) = server.get("/debug/hooks/dead").await;
    assert_eq!(dead, serde_json::json!([]));

    // A job that is not dead cannot be retried by hand.
    let again = Command::new(env!("CARGO_BIN_EXE_example-app"))
        .args(["hooks", "retry", &id.to_string(), "--database", &database])
        .output()
        .expect("runs");
    assert!(!again.status.success(), "a completed job is not retried");
}
