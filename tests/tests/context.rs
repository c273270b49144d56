//! A trigger with a context runs that context's callbacks and the global ones, in one order.

use hooks_core::{hook_callback, registry, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

struct Event;

#[hook_callback("account_event", priority = 5, context = "wallet")]
fn wallet_early(_: &Event) {
    JOURNAL.record("wallet_early");
}

#[hook_callback("account_event", priority = 10)]
fn global(_: &Event) {
    JOURNAL.record("global");
}

#[hook_callback("account_event", priority = 10, context = "communications")]
fn communications(_: &Event) {
    JOURNAL.record("communications");
}

#[hook_callback("account_event", priority = 15, context = "wallet")]
fn wallet_late(_: &Event) {
    JOURNAL.record("wallet_late");
}

#[hook_callback("account_event", priority = 20)]
fn global_late(_: &Event) {
    JOURNAL.record("global_late");
}

#[test]
fn without_context_every_callback_runs() {
    let report = trigger!("account_event", Event);
    assert_eq!(report.ran(), 5);
    assert_eq!(JOURNAL.take(), ["wallet_early", "communications", "global", "wallet_late", "global_late"]);
}

#[test]
fn context_runs_its_callbacks_merged_with_globals() {
    let report = trigger!("account_event", Event, context = "wallet");
    assert_eq!(report.ran(), 4);
    assert_eq!(JOURNAL.take(), ["wallet_early", "global", "wallet_late", "global_late"]);

    let report = trigger!("account_event", Event, context = "communications");
    assert_eq!(report.ran(), 3);
    assert_eq!(JOURNAL.take(), ["communications", "global", "global_late"]);
}

#[test]
fn a_context_nobody_uses_runs_only_globals() {
    let report = trigger!("account_event", Event, context = "transactions");
    assert!(report.hook_known());
    assert_eq!(report.ran(), 2);
    assert_eq!(JOURNAL.take(), ["global", "global_late"]);
}

#[test]
fn runtime_triggers_filter_the_same_way() {
    let report = registry().trigger_in_context("account_event", "wallet", &Event);
    assert_eq!(report.ran(), 4);
    assert_eq!(JOURNAL.take(), ["wallet_early", "global", "wallet_late", "global_late"]);

    let hook = registry().hook("account_event").unwrap();
    let listed: Vec<&str> = hook.callbacks_in_context("communications").map(|c| c.path()).collect();
    assert_eq!(listed, ["context::communications", "context::global", "context::global_late"]);
}
