//! Turning failures into [`system_error`] triggers.

use hooks_core::TriggerReport;

use super::{Db, SystemError, Timestamp, system_error};

/// Triggers [`system_error`] once for every failed callback in `report`.
///
/// `summary` describes the payload the hook ran with and must not contain secrets. A failure
/// while recording a failure is logged, never recorded again (no loop).
pub async fn report_failures(db: &Db, hook: &str, report: &TriggerReport, summary: &str) {
    for failure in report.failures() {
        let event = SystemError {
            hook: hook.to_owned(),
            callback: failure.callback_path().to_owned(),
            error: failure.message().to_owned(),
            payload_summary: summary.to_owned(),
            at: Timestamp::now(),
            db: db.clone(),
        };
        record(&event).await;
    }
}

/// Triggers [`system_error`] for an internal error of a request handler (a 500 answer).
pub async fn record_internal_error(db: &Db, handler: &str, error: &str, summary: &str) {
    let event = SystemError {
        hook: "http".to_owned(),
        callback: handler.to_owned(),
        error: error.to_owned(),
        payload_summary: summary.to_owned(),
        at: Timestamp::now(),
        db: db.clone(),
    };
    record(&event).await;
}

async fn record(event: &SystemError) {
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

/// A report as the API shows it: `{"callbacks_run": n, "failures": [{"callback", "error"}]}`.
pub fn report_json(report: &TriggerReport) -> serde_json::Value {
    let failures: Vec<_> = report
        .failures()
        .iter()
        .map(|failure| serde_json::json!({ "callback": failure.callback_path(), "error": failure.message() }))
        .collect();
    serde_json::json!({ "callbacks_run": report.ran(), "failures": failures })
}
