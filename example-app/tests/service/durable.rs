//! Registration and its durable callbacks: the user row and the jobs commit together, and the
//! workers (of the server, or of a separate worker process) give every user exactly one wallet,
//! one welcome notification and one opening transaction.

use example_app::server::{JobOptions, Worker};
use reqwest::StatusCode;
use tokio::task::JoinSet;

use crate::both::{self, INCOMPLETE_USERS};
use crate::support::{REGISTRATION_JOBS, TestServer, USER_CREATED_JOBS, database_url, test_jobs};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_registrations_give_every_user_one_of_each() {
    let server = TestServer::start().await;
    both::registrations_give_every_user_one_of_each(&server).await;
    server.stop().await;
}

#[tokio::test]
async fn a_registration_whose_transaction_fails_after_the_user_insert_leaves_neither_user_nor_jobs() {
    let server = TestServer::start().await;
    // The job table refuses inserts: the trigger fails after the user row was inserted in the
    // same transaction.
    server
        .execute(
            "CREATE TRIGGER refuse_jobs BEFORE INSERT ON river_job BEGIN SELECT RAISE(ABORT, 'job table full'); END",
        )
        .await;
    let (status, reply) = server.register("rolled", "correct horse battery").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{reply}");
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 0, "the user was rolled back");
    assert!(server.job_states(None).await.is_empty(), "no job was enqueued");
    let (hook, error): (String, String) = sqlx::query_as("SELECT hook, error FROM hook_failures")
        .fetch_one(server.db())
        .await
        .expect("the internal error is recorded");
    assert_eq!(hook, "http");
    assert!(error.contains("job table full"), "{error}");

    // Once the job table accepts inserts again, the same registration succeeds: nothing of the
    // failed one was left behind.
    server.execute("DROP TRIGGER refuse_jobs").await;
    let user_id = server.registered("rolled").await;
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 1);
    assert_eq!(server.job_states(None).await.len(), REGISTRATION_JOBS);
    assert_eq!(server.count("SELECT COUNT(*) FROM wallets WHERE user_id = $1", Some(&user_id)).await, 1);
    assert_eq!(server.count(INCOMPLETE_USERS, None).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_api_only_server_enqueues_and_a_worker_process_gives_every_user_one_of_each() {
    // `serve --no-workers`: registrations commit their jobs, nobody runs them yet.
    let server = TestServer::start_configured(false, None).await;
    let mut requests = JoinSet::new();
    for i in 0..20 {
        let client = server.client();
        requests.spawn(async move { client.register(&format!("member{i}"), "correct horse battery").await.0 });
        // A second registration of some usernames: refused, and rolled back with its jobs.
        if i % 5 == 0 {
            let client = server.client();
            requests.spawn(async move {
                let body = serde_json::json!({
                    "username": format!("member{i}"), "email": format!("other{i}@example.com"),
                    "password": "correct horse battery",
                });
                client.post("/public/register", &body).await.0
            });
        }
    }
    let statuses = requests.join_all().await;
    let created = statuses.iter().filter(|status| **status == StatusCode::CREATED).count();
    let refused = statuses.iter().filter(|status| **status == StatusCode::CONFLICT).count();
    assert_eq!((created, refused), (20, 4), "{statuses:?}");
    let states = server.job_states(None).await;
    assert_eq!(states.len(), 20 * USER_CREATED_JOBS);
    assert!(states.iter().all(|state| state == "available"), "{states:?}");
    assert_eq!(server.count("SELECT COUNT(*) FROM wallets", None).await, 0, "no worker ran");

    // `example-app worker` on the same database runs them.
    let options = JobOptions { workers: Some(2), ..test_jobs() };
    let worker = Worker::start(&database_url(&server.database_path()), options).await.expect("worker starts");
    server.jobs_completed(None, 20 * REGISTRATION_JOBS).await;
    worker.stop().await.expect("worker stops");

    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 20);
    assert_eq!(server.count(INCOMPLETE_USERS, None).await, 0);
    for table in ["wallets", "notifications", "transactions"] {
        assert_eq!(server.count(&format!("SELECT COUNT(*) FROM {table}"), None).await, 20, "{table}");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM hook_failures", None).await, 0);
}
