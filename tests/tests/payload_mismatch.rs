//! A callback whose payload type is not the trigger's is not called; the failure names both types.

use hooks_core::{FailureKind, declare_hook, hook_callback, registry, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

#[hook_callback("mixed", priority = 1)]
fn takes_number(value: &u32) {
    assert_eq!(*value, 7);
    JOURNAL.record("takes_number");
}

#[hook_callback("mixed", priority = 2)]
fn takes_text(_: &String) {
    JOURNAL.record("takes_text");
}

declare_hook!("typed", u32);

#[hook_callback("typed")]
fn wrong_for_declaration(_: &i64) {
    JOURNAL.record("wrong_for_declaration");
}

#[test]
fn mismatched_callback_is_not_called_and_reported() {
    let report = trigger!("mixed", 7_u32);
    assert_eq!(JOURNAL.take(), ["takes_number"]);
    assert_eq!(report.ran(), 1);
    assert_eq!(report.failures().len(), 1);
    let failure = &report.failures()[0];
    assert_eq!(failure.callback_path(), "payload_mismatch::takes_text");
    assert_eq!(failure.kind(), &FailureKind::PayloadMismatch { expected: "alloc::string::String", found: "u32" });
    assert_eq!(
        failure.message(),
        "payload type mismatch: callback takes `&alloc::string::String`, trigger passed `u32`"
    );
}

#[test]
fn a_trigger_with_no_matching_callback_runs_nothing() {
    let report = trigger!("mixed", 7_u64);
    assert!(JOURNAL.take().is_empty());
    assert_eq!(report.ran(), 0);
    assert_eq!(report.failures().len(), 2);
}

#[test]
fn validate_reports_callbacks_that_differ_from_the_declaration() {
    let validation = registry().validate();
    let errors: Vec<_> = validation.errors().collect();
    assert_eq!(errors.len(), 1, "{validation}");
    assert_eq!(errors[0].hook(), "typed");
    let message = errors[0].message();
    assert!(message.contains("payload_mismatch::wrong_for_declaration"), "{message}");
    assert!(message.contains("takes `&i64`"), "{message}");
    assert!(message.contains("declared with payload `u32`"), "{message}");
}

#[test]
fn generic_call_sites_check_each_instantiation() {
    fn fire<T: 'static>(payload: &T) -> hooks_core::TriggerReport {
        trigger!("mixed", payload)
    }
    let report = fire(&7_u32);
    assert_eq!((report.ran(), report.failures().len()), (1, 1));
    let report = fire(&String::from("x"));
    assert_eq!((report.ran(), report.failures().len()), (1, 1));
    assert_eq!(report.failures()[0].callback_path(), "payload_mismatch::takes_number");
    assert_eq!(JOURNAL.take(), ["takes_number", "takes_text"]);
}
