//! Priorities named by `u8` constants order callbacks exactly like the same literals.

use hooks_core::{hook_callback, registry, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

/// The documented bands, as a crate would name them.
mod bands {
    pub(crate) const CRITICAL: u8 = 1;
    pub(crate) const CORE: u8 = 6;
    pub(crate) const NOTIFICATIONS: u8 = 11;
    pub(crate) const ANALYTICS: u8 = 21;
}

const PRIO_AUDIT: u8 = bands::NOTIFICATIONS + 1;

struct Signup;

#[hook_callback("priority_constants_signup", priority = bands::ANALYTICS)]
fn track(_: &Signup) {
    JOURNAL.record("track (21)");
}

#[hook_callback("priority_constants_signup", priority = PRIO_AUDIT)]
fn audit(_: &Signup) {
    JOURNAL.record("audit (12)");
}

#[hook_callback("priority_constants_signup", priority = bands::CRITICAL)]
fn secure(_: &Signup) {
    JOURNAL.record("secure (1)");
}

#[hook_callback("priority_constants_signup", priority = 8)]
fn literal(_: &Signup) {
    JOURNAL.record("literal (8)");
}

#[hook_callback("priority_constants_signup", priority = bands::CORE)]
fn store(_: &Signup) {
    JOURNAL.record("store (6)");
}

#[test]
fn named_priorities_order_the_callbacks() {
    assert_eq!(trigger!("priority_constants_signup", Signup).ran(), 5);
    assert_eq!(JOURNAL.take(), ["secure (1)", "store (6)", "literal (8)", "audit (12)", "track (21)"]);
}

#[test]
fn the_registry_records_the_constant_value() {
    let priorities: Vec<u8> =
        registry().hook("priority_constants_signup").unwrap().callbacks().map(|callback| callback.priority()).collect();
    assert_eq!(priorities, [1, 6, 8, 12, 21]);
}
