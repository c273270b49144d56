//! Recording failures: every failed callback and every internal server error becomes a
//! [`system_error`] trigger, which the monitoring module stores in the `hook_failures` table.

use hooks_core::{TriggerReport, TypedHook};
use serde_json::{Map, Value, json};

use crate::events::{Db, SystemError, Timestamp, system_error};

/// The hook that the failure record of an internal server error names: no hook ran, a request
/// handler failed.
const INTERNAL_ERROR: &str = "http";

/// Records every failed callback of a trigger of the hook `H` through [`system_error`], and
/// returns the trigger's report as responses show it, under the hook's name:
/// `{"<hook>": {"callbacks_run": n, "failures": [{"callback", "error"}]}}`.
///
/// `summary` describes the payload the hook ran with and must not contain secrets. A failure
/// while recording a failure is logged, never recorded again (no loop).
pub async fn record<H: TypedHook>(db: &Db, report: &TriggerReport, summary: &str) -> Value {
    for failure in report.failures() {
        let event = SystemError {
            hook: H::NAME.to_owned(),
            callback: failure.callback_path().to_owned(),
            error: failure.message().to_owned(),
            payload_summary: summary.to_owned(),
            at: Timestamp::now(),
            db: db.clone(),
        };
        trigger(&event).await;
    }
    report_json::<H>(report)
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
