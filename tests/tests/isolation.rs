//! An `Err` or a panic in one callback is logged and reported; every later callback still runs.

use std::fmt;

use hooks_core::{FailureKind, hook_callback, trigger};
use hooks_tests::Journal;
use hooks_tests::capture::Capture;
use tracing::Level;

static JOURNAL: Journal = Journal::new();

struct Payment {
    amount: u64,
}

#[derive(Debug)]
struct Declined(u64);

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "card declined for {} credits", self.0)
    }
}

#[hook_callback("payment", priority = 1)]
fn first(_: &Payment) {
    JOURNAL.record("first");
}

#[hook_callback("payment", priority = 2, context = "billing")]
fn declines(payment: &Payment) -> Result<(), Declined> {
    JOURNAL.record("declines");
    Err(Declined(payment.amount))
}

#[hook_callback("payment", priority = 3)]
fn panics(payment: &Payment) {
    JOURNAL.record("panics");
    panic!("ledger unavailable for {}", payment.amount);
}

#[hook_callback("payment", priority = 4)]
fn after_panic(_: &Payment) -> Result<(), String> {
    JOURNAL.record("after_panic");
    Ok(())
}

#[hook_callback("payment", priority = 5)]
fn panics_with_non_string(_: &Payment) {
    JOURNAL.record("panics_with_non_string");
    std::panic::panic_any(17_u8);
}

#[hook_callback("payment", priority = 6)]
fn last(_: &Payment) {
    JOURNAL.record("last");
}

fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

#[test]
fn failures_are_reported_and_the_rest_still_runs() {
    quiet_panics();
    let report = trigger!("payment", Payment { amount: 30 });
    assert_eq!(JOURNAL.take(), ["first", "declines", "panics", "after_panic", "panics_with_non_string", "last"]);
    assert_eq!(report.ran(), 6);
    assert!(!report.is_ok());

    let failures: Vec<(&str, &FailureKind)> = report.failures().iter().map(|f| (f.callback_path(), f.kind())).collect();
    assert_eq!(
        failures,
        [
            ("isolation::declines", &FailureKind::Error("card declined for 30 credits".into())),
            ("isolation::panics", &FailureKind::Panic("ledger unavailable for 30".into())),
            (
                "isolation::panics_with_non_string",
                &FailureKind::Panic("callback panicked with a non-string payload".into())
            ),
        ]
    );
    assert_eq!(report.failures()[0].callback().unwrap().priority(), 2);
    let text = report.to_string();
    assert!(text.contains("isolation::declines returned an error: card declined for 30 credits"), "{text}");
    assert!(text.contains("isolation::panics panicked: ledger unavailable for 30"), "{text}");
}

#[test]
fn failures_are_logged_at_error_level_with_hook_callback_priority_and_context() {
    quiet_panics();
    let (report, records) = Capture::run(Level::ERROR, || trigger!("payment", Payment { amount: 5 }));
    let _ = JOURNAL.take();
    assert_eq!(report.failures().len(), 3);
    let errors: Vec<_> = records.iter().filter(|r| r.level == Level::ERROR).collect();
    assert_eq!(errors.len(), 3, "{records:#?}");
    let declined = errors[0];
    assert_eq!(declined.field("hook"), Some("payment"));
    assert_eq!(declined.field("callback"), Some("isolation::declines"));
    assert_eq!(declined.field("priority"), Some("2"));
    assert_eq!(declined.field("context"), Some("billing"));
    assert!(declined.name.contains("card declined for 5 credits"), "{}", declined.name);
    assert_eq!(errors[1].field("callback"), Some("isolation::panics"));
    assert!(errors[1].name.contains("ledger unavailable for 5"));
}

#[test]
fn the_same_failures_are_reported_on_the_traced_path() {
    quiet_panics();
    let (report, _) = Capture::run(Level::TRACE, || trigger!("payment", Payment { amount: 9 }));
    assert_eq!(JOURNAL.take(), ["first", "declines", "panics", "after_panic", "panics_with_non_string", "last"]);
    assert_eq!(report.ran(), 6);
    let paths: Vec<&str> = report.failures().iter().map(|f| f.callback_path()).collect();
    assert_eq!(paths, ["isolation::declines", "isolation::panics", "isolation::panics_with_non_string"]);
}

/// A hook whose callbacks all return `()`: the fast path calls the functions themselves.
struct Receipt;

#[hook_callback("receipt", priority = 1)]
fn prints(_: &Receipt) {
    JOURNAL.record("prints");
}

#[hook_callback("receipt", priority = 2)]
fn jams(_: &Receipt) {
    JOURNAL.record("jams");
    panic!("paper jam");
}

#[hook_callback("receipt", priority = 3)]
fn archives(_: &Receipt) {
    JOURNAL.record("archives");
}

#[test]
fn a_panic_among_callbacks_that_all_return_unit_is_reported_and_the_rest_still_runs() {
    quiet_panics();
    for _ in 0..2 {
        let report = trigger!("receipt", Receipt);
        assert_eq!(JOURNAL.take(), ["prints", "jams", "archives"]);
        assert_eq!(report.ran(), 3);
        let failures: Vec<(&str, &FailureKind)> =
            report.failures().iter().map(|f| (f.callback_path(), f.kind())).collect();
        assert_eq!(failures, [("isolation::jams", &FailureKind::Panic("paper jam".into()))]);
    }
}
