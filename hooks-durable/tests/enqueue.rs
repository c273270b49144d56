//! Enqueueing in the caller's transaction: nothing on rollback, invisible until commit, one job
//! per (event, callback), and a trigger whose payload a durable callback does not take.

#[macro_use]
mod support;

use hooks_durable::Job;
use riverqueue::JobState;
use support::signup::{Signup, in_process_runs, is_welcome, signup};
use support::{Db, record_effect};

#[hooks_core::hook_callback("durable_two_callbacks", durable, max_attempts = 3)]
async fn open_wallet(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await
}

#[hooks_core::hook_callback("durable_two_callbacks", durable, max_attempts = 3)]
async fn send_welcome(_: &Signup, job: &mut Job<'_>) -> Result<(), hooks_durable::sqlx::Error> {
    record_effect(job).await
}

on_both_databases!(
    rolled_back_transaction_enqueues_nothing,
    job_is_invisible_until_commit,
    same_event_twice_is_one_job,
    payload_of_another_type_is_refused,
    each_callback_has_a_job_of_the_same_event,
);

async fn rolled_back_transaction_enqueues_nothing(db: Db) {
    let (_engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    tx.insert_user("ada").await;
    let report =
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx()).await.expect("trigger");
    assert_eq!(report.ran(), 1, "the in-process callback ran: {report:?}");
    tx.rollback().await;

    assert!(db.jobs().await.is_empty(), "a rolled-back trigger leaves no job");
    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 0);

    // A committed trigger afterwards runs: the workers were there to run the first one.
    let mut tx = db.begin().await;
    assert!(
        hooks_core::trigger_async!("durable_signup", &signup("bob"), tx = tx.as_trigger_tx())
            .await
            .expect("trigger")
            .is_ok()
    );
    tx.commit().await;
    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1, "only the committed event had an effect");
    assert_eq!(job.attempt, 1);
    workers.unwrap().shutdown().await.expect("shutdown");
}

async fn job_is_invisible_until_commit(db: Db) {
    let (_engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    tx.insert_user("ada").await;
    assert!(
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx())
            .await
            .expect("trigger")
            .is_ok()
    );

    // Another connection sees neither the caller's row nor the job before the commit.
    assert!(db.jobs().await.is_empty(), "the job is invisible before the commit");
    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 0);

    tx.commit().await;
    let job = db.only_job_in(JobState::Completed).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(db.count("SELECT COUNT(*) FROM effects").await, 1);
    let args: serde_json::Value = job.decode_args().expect("job arguments");
    assert_eq!(args["hook"], "durable_signup");
    assert!(is_welcome(args["callback"].as_str().expect("callback path")));
    assert_eq!(args["payload"]["name"], "ada");
    uuid::Uuid::parse_str(args["event"].as_str().expect("event id")).expect("the event id is a UUID");
    workers.unwrap().shutdown().await.expect("shutdown");
}

async fn same_event_twice_is_one_job(db: Db) {
    let (_engine, workers) = db.installed_engine(true).await;
    // Twice in one transaction, then once more in a later one.
    let mut tx = db.begin().await;
    tx.insert_user("ada").await;
    assert!(
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx(), event = "signup-ada")
            .await
            .expect("first trigger")
            .is_ok()
    );
    assert!(
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx(), event = "signup-ada")
            .await
            .expect("a duplicate is skipped without an error")
            .is_ok()
    );
    tx.commit().await;
    assert_eq!(db.jobs().await.len(), 1);

    let job = db.only_job_in(JobState::Completed).await;
    let mut tx = db.begin().await;
    tx.insert_user("ada again").await;
    let edited = signup("ada, edited");
    assert!(
        hooks_core::trigger_async!(
            "durable_signup",
            &edited,
            tx = tx.as_trigger_tx(),
            event = String::from("signup-ada")
        )
        .await
        .expect("a duplicate of a completed job is skipped without an error")
        .is_ok()
    );
    tx.commit().await;

    assert_eq!(db.count("SELECT COUNT(*) FROM users").await, 2, "both caller transactions committed");
    let jobs = db.jobs().await;
    assert_eq!(jobs.len(), 1, "one job for the event");
    assert_eq!((jobs[0].id, jobs[0].state), (job.id, JobState::Completed));
    assert_eq!(db.count("SELECT COUNT(*) FROM effects WHERE event = 'signup-ada'").await, 1);
    workers.unwrap().shutdown().await.expect("shutdown");
}

async fn payload_of_another_type_is_refused(db: Db) {
    let (_engine, _) = db.installed_engine(false).await;
    let before = in_process_runs();
    let mut tx = db.begin().await;
    let error = hooks_core::trigger_async!("durable_signup", &42_u32, tx = tx.as_trigger_tx()).await.unwrap_err();
    let hooks_durable::Error::PayloadType { callback, payload: "u32", .. } = error else { panic!("{error:?}") };
    assert!(is_welcome(callback));
    assert!(error.to_string().contains("does not take the trigger's payload `u32`"), "{error}");
    tx.rollback().await;
    assert_eq!(in_process_runs(), before, "no callback ran");
    assert!(db.jobs().await.is_empty());
}

async fn each_callback_has_a_job_of_the_same_event(db: Db) {
    let (_engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    let report = hooks_core::trigger_async!("durable_two_callbacks", &signup("ada"), tx = tx.as_trigger_tx()).await;
    assert!(report.expect("trigger").is_ok());
    tx.commit().await;

    let jobs = support::eventually("both jobs completed", || async {
        let jobs = db.jobs().await;
        jobs.iter().all(|job| job.state == JobState::Completed).then_some(jobs)
    })
    .await;
    let mut pairs: Vec<(String, String)> = jobs
        .iter()
        .map(|job| {
            let args: serde_json::Value = job.decode_args().expect("job arguments");
            let callback = args["callback"].as_str().expect("callback").rsplit("::").next().expect("name").to_owned();
            (args["event"].as_str().expect("event").to_owned(), callback)
        })
        .collect();
    pairs.sort();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0].0, pairs[1].0, "one event id for the trigger");
    assert_eq!([pairs[0].1.as_str(), pairs[1].1.as_str()], ["open_wallet", "send_welcome"]);
    assert_eq!(db.count("SELECT COUNT(DISTINCT callback) FROM effects").await, 2);
    workers.unwrap().shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn the_trigger_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let db = Db::sqlite().await;
    let mut tx = db.begin().await;
    let payload = signup("ada");
    let future = hooks_core::trigger_async!("durable_signup", &payload, tx = tx.as_trigger_tx());
    assert_send(&future);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transaction_of_another_database_is_refused() {
    let _exclusive = support::exclusive().await;
    let Some(postgres) = Db::postgres().await else { return };
    let sqlite = Db::sqlite().await;
    let (_engine, _) = sqlite.installed_engine(false).await;
    let mut tx = postgres.begin().await;
    let error =
        hooks_core::trigger_async!("durable_signup", &signup("ada"), tx = tx.as_trigger_tx()).await.unwrap_err();
    assert!(matches!(error, hooks_durable::Error::WrongDatabase { engine: "SQLite", transaction: "PostgreSQL" }));
    tx.rollback().await;
    assert!(sqlite.jobs().await.is_empty());
}
