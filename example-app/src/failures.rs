//! Recording failures: every failed callback and every internal server error becomes a
//! [`system_error`] trigger, which the monitoring module stores in the `hook_failures` table.
//!
//! Failed callbacks are not wired trigger by trigger: hooks-core fires `callback_failed` for each,
//! `collect` gathers them for the request being served, and [`recording`] (a middleware around
//! every request, and around each startup step) records them once the request's work is done.

use std::cell::RefCell;
use std::future::Future;

use hooks_core::{CallbackFailed, TriggerReport, TypedHook, hook_callback};
use serde_json::{Map, Value, json};

use crate::events::{Db, SystemError, Timestamp, system_error};

/// The hook that the failure record of an internal server error names: no hook ran, a request
/// handler failed.
const INTERNAL_ERROR: &str = "http";

tokio::task_local! {
    /// The failed callbacks of the triggers of the request (or startup step) being run, with
    /// what the code that triggered said of the payload.
    static PENDING: RefCell<Pending>;
}

/// What [`collect`] gathered inside one [`recording`].
#[derive(Default)]
struct Pending {
    summary: String,
    failed: Vec<(CallbackFailed, String)>,
}

/// Runs `work` (a request's handler, a startup step) collecting every callback that finally
/// failed in its triggers (hooks-core fires `callback_failed` for each), then records them
/// through [`system_error`] on `db`, once `work` is done: after its transactions ended (on
/// SQLite a transaction holds the only write lock, which the record would wait on).
pub async fn recording<F: Future>(db: &Db, work: F) -> F::Output {
    let (output, pending) = PENDING
        .scope(RefCell::new(Pending::default()), async {
            let output = work.await;
            (output, PENDING.with(|pending| std::mem::take(&mut *pending.borrow_mut())))
        })
        .await;
    for (failed, payload_summary) in pending.failed {
        let event = SystemError {
            hook: failed.hook().to_owned(),
            callback: failed.callback().to_owned(),
            error: failed.message().to_owned(),
            payload_summary,
            at: Timestamp::now(),
            db: db.clone(),
        };
        trigger(&event).await;
    }
    output
}

/// Says what the failure records of the triggers that follow keep of their payload (ids and
/// names, never secrets), inside a [`recording`].
pub fn describe(summary: impl Into<String>) {
    let _ = PENDING.try_with(|pending| pending.borrow_mut().summary = summary.into());
}

/// Collects a callback that finally failed, for its [`recording`] to record. A failure outside
/// one (a callback of a task spawned by a callback) is only logged.
#[hook_callback(hooks_core::callback_failed)]
fn collect(failed: &CallbackFailed) {
    let collected = PENDING.try_with(|pending| {
        let mut pending = pending.borrow_mut();
        let summary = pending.summary.clone();
        pending.failed.push((failed.clone(), summary));
    });
    if collected.is_err() {
        tracing::warn!(
            hook = failed.hook(),
            callback = failed.callback(),
            "a callback failed outside a request: not recorded"
        );
    }
}

/// A trigger's report of the hook `H` as responses show it, under the hook's name:
/// `{"<hook>": {"callbacks_run": n, "failures": [{"callback", "error"}]}}`.
pub fn report_json<H: TypedHook>(report: &TriggerReport) -> Value {
    let failures: Vec<Value> = report
        .failures()
        .iter()
        .map(|failure| json!({ "callback": failure.callback_path(), "error": failure.message() }))
        .collect();
    let mut hooks = Map::new();
    hooks.insert(H::NAME.to_owned(), json!({ "callbacks_run": report.ran(), "failures": failures }));
    Value::Object(hooks)
}

/// Triggers [`system_error`] for an internal error of a request handler (a 500 answer).
pub async fn record_internal_error(db: &Db, handler: &str, error: &str, summary: &str) {
    let event = SystemError {
        hook: INTERNAL_ERROR.to_owned(),
        callback: handler.to_owned(),
        error: error.to_owned(),
        payload_summary: summary.to_owned(),
        at: Timestamp::now(),
        db: db.clone(),
    };
    trigger(&event).await;
}

async fn trigger(event: &SystemError) {
    let report = hooks_core::trigger_async!(system_error, event).await;
    for failure in report.failures() {
        tracing::error!(
            hook = %event.hook,
            callback = %event.callback,
            recorder = failure.callback_path(),
            error = %failure.message(),
            "could not record a failure"
        );
    }
}
