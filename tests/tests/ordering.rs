//! Callbacks run by ascending priority (default 10); ties run in the order of their paths.

use hooks_core::{hook_callback, registry, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

struct Signup;

#[hook_callback("signup", priority = 20)]
fn analytics(_: &Signup) {
    JOURNAL.record("analytics (20)");
}

#[hook_callback("signup", priority = 1)]
fn security(_: &Signup) {
    JOURNAL.record("security (1)");
}

#[hook_callback("signup")]
fn core_logic(_: &Signup) {
    JOURNAL.record("core_logic (default)");
}

#[hook_callback("signup", priority = 100)]
fn last(_: &Signup) {
    JOURNAL.record("last (100)");
}

#[hook_callback("signup", priority = 5)]
fn setup(_: &Signup) {
    JOURNAL.record("setup (5)");
}

// Three callbacks of equal priority, declared out of path order, in different modules.
mod zebra {
    #[hooks_core::hook_callback("signup", priority = 7)]
    pub(crate) fn tie(_: &super::Signup) {
        super::JOURNAL.record("zebra::tie (7)");
    }
}

#[hook_callback("signup", priority = 7)]
fn b_tie(_: &Signup) {
    JOURNAL.record("b_tie (7)");
}

#[hook_callback("signup", priority = 7)]
fn a_tie(_: &Signup) {
    JOURNAL.record("a_tie (7)");
}

const EXPECTED: [&str; 8] = [
    "security (1)",
    "setup (5)",
    "a_tie (7)",
    "b_tie (7)",
    "zebra::tie (7)",
    "core_logic (default)",
    "analytics (20)",
    "last (100)",
];

#[test]
fn runs_by_priority_then_path() {
    let report = trigger!("signup", Signup);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 8);
    assert_eq!(JOURNAL.take(), EXPECTED);
}

#[test]
fn registry_lists_execution_order_with_default_priority_ten() {
    let hook = registry().hook("signup").expect("signup is registered");
    let listed: Vec<(u8, &str)> = hook.callbacks().map(|c| (c.priority(), c.path())).collect();
    assert_eq!(
        listed,
        [
            (1, "ordering::security"),
            (5, "ordering::setup"),
            (7, "ordering::a_tie"),
            (7, "ordering::b_tie"),
            (7, "ordering::zebra::tie"),
            (10, "ordering::core_logic"),
            (20, "ordering::analytics"),
            (100, "ordering::last"),
        ]
    );
}

#[test]
fn the_order_is_the_same_for_every_trigger_form() {
    let _ = JOURNAL.take();
    let _ = registry().trigger("signup", &Signup);
    let runtime = JOURNAL.take();
    let _ = trigger!("signup", &Signup, context = "any");
    let in_context = JOURNAL.take();
    assert_eq!(runtime, EXPECTED);
    assert_eq!(in_context, EXPECTED, "all callbacks are global, so a context runs them all");
}

#[test]
fn callbacks_stay_ordinary_functions() {
    let _ = JOURNAL.take();
    a_tie(&Signup);
    zebra::tie(&Signup);
    assert_eq!(JOURNAL.take(), ["a_tie (7)", "zebra::tie (7)"]);
}

#[test]
fn this_binary_validates_clean() {
    let validation = registry().validate();
    assert!(validation.is_clean(), "{validation}");
    // The one warning is the deliberate trigger with a context that only global callbacks serve.
    let warnings: Vec<String> = validation.warnings().map(|w| w.message().to_owned()).collect();
    assert_eq!(warnings.len(), 1, "{validation}");
    assert!(
        warnings[0].ends_with(
            "uses context `any`, which no callback declares: only the global callbacks of hook `signup` run"
        )
    );
}
