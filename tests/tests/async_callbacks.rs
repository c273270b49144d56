//! `trigger_async!`: sync and async callbacks in one priority order, context filtering, failure
//! isolation, and what the sync `trigger!`, the dump and `validate()` say about async callbacks.

use hooks_core::{FailureKind, Severity, hook_callback, registry, trigger, trigger_async};
use hooks_tests::capture::Capture;
use tokio::sync::Mutex;
use tracing::Level;

/// Entries from async callbacks: a task may move between threads, so no thread-local journal.
static JOURNAL: Mutex<Vec<&'static str>> = Mutex::const_new(Vec::new());

async fn record(entry: &'static str) {
    // Yield first, so an async callback really suspends before it records.
    tokio::task::yield_now().await;
    JOURNAL.lock().await.push(entry);
}

async fn take_journal() -> Vec<&'static str> {
    std::mem::take(&mut *JOURNAL.lock().await)
}

/// One test at a time: they share the journal.
static SERIAL: Mutex<()> = Mutex::const_new(());

struct Signup {
    user: &'static str,
}

#[hook_callback("signup", priority = 1)]
async fn create_account(_: &Signup) {
    record("create_account (async, 1)").await;
}

#[hook_callback("signup", priority = 5, context = "wallet")]
fn open_wallet(_: &Signup) {
    JOURNAL.try_lock().expect("no async callback is running").push("open_wallet (sync, 5)");
}

#[hook_callback("signup", priority = 10, context = "communications")]
async fn send_welcome(signup: &Signup) -> Result<(), String> {
    record("send_welcome (async, 10)").await;
    if signup.user == "bounce" { Err(format!("mailbox of {} is full", signup.user)) } else { Ok(()) }
}

#[hook_callback("signup", priority = 15)]
async fn record_opening(signup: &Signup) {
    record("record_opening (async, 15)").await;
    if signup.user == "crash" {
        panic!("ledger offline");
    }
}

#[hook_callback("signup", priority = 20)]
fn analytics(_: &Signup) {
    JOURNAL.try_lock().expect("no async callback is running").push("analytics (sync, 20)");
}

#[tokio::test]
async fn sync_and_async_callbacks_run_in_one_priority_order() {
    let _serial = SERIAL.lock().await;
    let report = trigger_async!("signup", Signup { user: "ada" }).await;
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 5);
    assert_eq!(
        take_journal().await,
        [
            "create_account (async, 1)",
            "open_wallet (sync, 5)",
            "send_welcome (async, 10)",
            "record_opening (async, 15)",
            "analytics (sync, 20)",
        ]
    );
}

#[tokio::test]
async fn context_filters_async_callbacks_too() {
    let _serial = SERIAL.lock().await;
    let signup = Signup { user: "ada" };
    let report = trigger_async!("signup", &signup, context = "communications").await;
    assert_eq!(report.ran(), 4);
    assert_eq!(
        take_journal().await,
        ["create_account (async, 1)", "send_welcome (async, 10)", "record_opening (async, 15)", "analytics (sync, 20)"]
    );
    let report = registry().trigger_async_in_context("signup", "wallet", &signup).await;
    assert_eq!(report.ran(), 4);
    assert_eq!(take_journal().await[1], "open_wallet (sync, 5)");
}

#[tokio::test]
async fn errors_and_panics_in_async_callbacks_are_isolated_and_logged() {
    let _serial = SERIAL.lock().await;
    std::panic::set_hook(Box::new(|_| {}));
    let bounce = trigger_async!("signup", Signup { user: "bounce" }).await;
    assert_eq!(bounce.ran(), 5);
    assert_eq!(bounce.failures().len(), 1);
    assert_eq!(bounce.failures()[0].callback_path(), "async_callbacks::send_welcome");
    assert_eq!(bounce.failures()[0].kind(), &FailureKind::Error("mailbox of bounce is full".into()));
    assert_eq!(take_journal().await.len(), 5, "the callbacks after the error still ran");

    // The capture is per thread, and a current-thread runtime polls on this thread.
    let future = trigger_async!("signup", Signup { user: "crash" });
    let (report, records) = Capture::run(Level::ERROR, || futures_lite_block_on(future));
    assert_eq!(report.ran(), 5);
    assert_eq!(report.failures().len(), 1);
    assert_eq!(report.failures()[0].callback_path(), "async_callbacks::record_opening");
    assert_eq!(report.failures()[0].kind(), &FailureKind::Panic("ledger offline".into()));
    assert_eq!(take_journal().await.last(), Some(&"analytics (sync, 20)"), "the callback after the panic ran");
    let errors: Vec<_> = records.iter().filter(|r| r.level == Level::ERROR).collect();
    assert_eq!(errors.len(), 1, "{records:#?}");
    assert_eq!(errors[0].field("callback"), Some("async_callbacks::record_opening"));
    assert_eq!(errors[0].field("priority"), Some("15"));
}

/// Polls a future to completion on this thread; the callbacks here only ever yield once.
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

#[tokio::test]
async fn the_sync_trigger_reports_async_callbacks_instead_of_running_them() {
    let _serial = SERIAL.lock().await;
    let report = trigger!("signup", Signup { user: "ada" });
    assert_eq!(report.ran(), 2, "only the sync callbacks ran");
    assert_eq!(take_journal().await, ["open_wallet (sync, 5)", "analytics (sync, 20)"]);
    let skipped: Vec<&str> = report.failures().iter().map(|f| f.callback_path()).collect();
    assert_eq!(
        skipped,
        ["async_callbacks::create_account", "async_callbacks::send_welcome", "async_callbacks::record_opening"]
    );
    assert!(report.failures().iter().all(|f| f.kind() == &FailureKind::AsyncCallback));
    assert_eq!(
        report.failures()[0].to_string(),
        "async_callbacks::create_account was not called: async callback not run by the sync `trigger!`: use `trigger_async!`"
    );
}

#[tokio::test]
async fn the_future_is_send_and_can_be_spawned() {
    let _serial = SERIAL.lock().await;
    let handle = tokio::spawn(async {
        let signup = Signup { user: "ada" };
        trigger_async!("signup", signup, concurrent = true).await.ran()
    });
    assert_eq!(handle.await.unwrap(), 5);
    assert_eq!(take_journal().await.len(), 5);
}

#[tokio::test]
async fn dump_and_validate_show_async_callbacks() {
    let hook = registry().hook("signup").unwrap();
    let kinds: Vec<(&str, bool)> = hook.callbacks().map(|c| (c.path(), c.is_async())).collect();
    assert_eq!(
        kinds,
        [
            ("async_callbacks::create_account", true),
            ("async_callbacks::open_wallet", false),
            ("async_callbacks::send_welcome", true),
            ("async_callbacks::record_opening", true),
            ("async_callbacks::analytics", false),
        ]
    );
    let table = registry().dump().to_string();
    let row = table.lines().find(|l| l.contains("async_callbacks::send_welcome")).unwrap();
    assert!(
        row.split_whitespace().eq([
            "10",
            "communications",
            "async",
            "async_callbacks::send_welcome",
            row.split_whitespace().last().unwrap()
        ]),
        "{row}"
    );
    let json: serde_json::Value = serde_json::from_str(&registry().dump().to_json()).unwrap();
    let hooks = json["hooks"].as_array().unwrap();
    let signup = hooks.iter().find(|hook| hook["name"] == "signup").expect("signup in the dump");
    let callbacks = signup["callbacks"].as_array().unwrap();
    assert_eq!(callbacks[2]["async"], true);
    assert_eq!(callbacks[2]["fallible"], true);
    assert_eq!(callbacks[3]["fallible"], false);

    // The one sync `trigger!` of "signup" in this file cannot run its three async callbacks.
    let validation = registry().validate();
    let errors: Vec<&str> = validation.errors().map(|f| f.message()).collect();
    assert_eq!(errors.len(), 3, "{validation}");
    assert!(errors.iter().all(|e| e.starts_with("trigger! at tests/tests/async_callbacks.rs:")), "{validation}");
    assert!(errors[0].contains("cannot run async callback `async_callbacks::create_account`"), "{validation}");
    assert!(errors[0].ends_with("of hook `signup`: use trigger_async!"), "{validation}");
    assert!(validation.findings().iter().all(|f| f.severity() == Severity::Error));
}
