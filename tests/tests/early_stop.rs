//! Early stop: a callback returning `ControlFlow::Break(())` skips the rest of its trigger, and
//! the report names it; on the fast path, the traced path and under `trigger_async!`.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU32, Ordering};

use hooks_core::{CallbackFailed, hook_callback, registry, trigger, trigger_async};
use hooks_tests::capture::Capture;
use hooks_tests::{Journal, block_on};
use tracing::Level;

static JOURNAL: Journal = Journal::new();

#[derive(Debug)]
pub struct Withdrawal {
    pub cents: u64,
}

#[hook_callback("early_stop_withdrawal", priority = 1)]
fn fraud_check(withdrawal: &Withdrawal) -> ControlFlow<()> {
    JOURNAL.record("fraud_check");
    if withdrawal.cents > 100_000 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
}

#[hook_callback("early_stop_withdrawal", priority = 2)]
fn debit(_: &Withdrawal) -> Result<ControlFlow<()>, String> {
    JOURNAL.record("debit");
    Ok(ControlFlow::Continue(()))
}

/// A monitoring callback at the end of the chain: a stop starves it too.
#[hook_callback("early_stop_withdrawal", priority = 50)]
fn metrics(_: &Withdrawal) {
    JOURNAL.record("metrics");
}

fn ends_with(path: Option<&str>, name: &str) -> bool {
    path.is_some_and(|path| path.ends_with(&format!("::{name}")))
}

#[test]
fn break_skips_the_remaining_callbacks_and_the_report_names_the_callback() {
    let report = trigger!("early_stop_withdrawal", Withdrawal { cents: 500_000 });
    assert_eq!(JOURNAL.take(), ["fraud_check"], "the monitoring callback is starved too");
    assert_eq!(report.ran(), 1);
    assert!(report.is_ok(), "a stop is not a failure: {report}");
    assert!(ends_with(report.stopped_by().map(|c| c.path()), "fraud_check"));
    assert!(report.to_string().contains("stopped by"), "{report}");

    let report = trigger!("early_stop_withdrawal", Withdrawal { cents: 10_00 });
    assert_eq!(JOURNAL.take(), ["fraud_check", "debit", "metrics"]);
    assert_eq!((report.ran(), report.stopped_by().is_none()), (3, true));
}

#[test]
fn the_traced_path_stops_the_same_way() {
    let (report, records) =
        Capture::run(Level::DEBUG, || trigger!("early_stop_withdrawal", Withdrawal { cents: 500_000 }));
    assert_eq!(JOURNAL.take(), ["fraud_check"]);
    assert!(ends_with(report.stopped_by().map(|c| c.path()), "fraud_check"));
    let finished: Vec<_> = records.iter().filter(|r| r.name == "callback finished").collect();
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].field("outcome"), Some("ok"));
}

#[test]
fn the_runtime_name_entry_point_stops_the_same_way() {
    let report = registry().trigger("early_stop_withdrawal", &Withdrawal { cents: 500_000 });
    assert_eq!((JOURNAL.take(), report.ran()), (vec!["fraud_check"], 1));
}

static STOPPER_CALLS: AtomicU32 = AtomicU32::new(0);

#[hook_callback("early_stop_retried", retry = 3)]
fn stops_at_once(_: &u8) -> Result<ControlFlow<()>, String> {
    STOPPER_CALLS.fetch_add(1, Ordering::SeqCst);
    Ok(ControlFlow::Break(()))
}

#[hook_callback("early_stop_retried", priority = 20)]
fn after_the_stop(_: &u8) {
    JOURNAL.record("after_the_stop");
}

#[test]
fn a_stop_is_not_retried() {
    let report = trigger!("early_stop_retried", 1_u8);
    assert_eq!(STOPPER_CALLS.load(Ordering::SeqCst), 1);
    assert!(JOURNAL.take().is_empty());
    assert_eq!(report.failures().len(), 0);
}

#[hook_callback("early_stop_erroring", priority = 1)]
fn errs(_: &u8) -> Result<ControlFlow<()>, String> {
    JOURNAL.record("errs");
    Err("no decision".into())
}

#[hook_callback("early_stop_erroring", priority = 2)]
fn next_in_line(_: &u8) {
    JOURNAL.record("next_in_line");
}

static ANNOUNCED: AtomicU32 = AtomicU32::new(0);

#[hook_callback(hooks_core::callback_failed)]
fn count_failures(failed: &CallbackFailed) {
    if failed.hook().starts_with("early_stop_") {
        ANNOUNCED.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn an_error_of_a_control_flow_callback_is_a_failure_and_the_trigger_goes_on() {
    let before = ANNOUNCED.load(Ordering::SeqCst);
    let report = trigger!("early_stop_erroring", 1_u8);
    assert_eq!(JOURNAL.take(), ["errs", "next_in_line"]);
    assert_eq!(report.failures()[0].message(), "no decision");
    assert!(report.stopped_by().is_none());
    assert!(ANNOUNCED.load(Ordering::SeqCst) > before, "the error is announced to callback_failed");
}

#[hook_callback("early_stop_async", priority = 1)]
async fn async_gate(amount: &u64) -> ControlFlow<()> {
    JOURNAL.record("async_gate");
    if *amount > 10 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
}

#[hook_callback("early_stop_async", priority = 2)]
async fn async_after(_: &u64) {
    JOURNAL.record("async_after");
}

#[hook_callback("early_stop_async", priority = 3)]
fn sync_after(_: &u64) {
    JOURNAL.record("sync_after");
}

#[test]
fn an_async_callback_stops_an_async_trigger() {
    let report = block_on(trigger_async!("early_stop_async", 100_u64));
    assert_eq!(JOURNAL.take(), ["async_gate"]);
    assert!(ends_with(report.stopped_by().map(|c| c.path()), "async_gate"));
    let report = block_on(trigger_async!("early_stop_async", 1_u64));
    assert_eq!(JOURNAL.take(), ["async_gate", "async_after", "sync_after"]);
    assert!(report.stopped_by().is_none());
}

#[hook_callback("early_stop_batch", priority = 1)]
async fn batch_a(_: &u8) -> ControlFlow<()> {
    JOURNAL.record("batch_a");
    ControlFlow::Break(())
}

#[hook_callback("early_stop_batch", priority = 1)]
async fn batch_b(_: &u8) {
    JOURNAL.record("batch_b");
}

#[hook_callback("early_stop_batch", priority = 2)]
async fn batch_later(_: &u8) {
    JOURNAL.record("batch_later");
}

#[test]
fn a_stop_in_a_concurrent_batch_takes_effect_after_the_batch() {
    let report = block_on(trigger_async!("early_stop_batch", 1_u8, concurrent = true));
    assert_eq!(JOURNAL.take(), ["batch_a", "batch_b"]);
    assert!(ends_with(report.stopped_by().map(|c| c.path()), "batch_a"));
    assert_eq!(report.ran(), 2);
}
