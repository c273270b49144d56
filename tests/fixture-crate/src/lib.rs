//! Callbacks defined in a separate library crate, collected only by binaries that name this crate.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many times [`count_cross_crate_event`] ran.
pub static CALLS: AtomicUsize = AtomicUsize::new(0);

/// The payload of the `cross_crate_event` hook.
#[derive(Debug)]
pub struct CrossCrateEvent {
    /// A value the callback checks.
    pub value: u32,
}

hooks_core::declare_hook!(
    /// Fired by the cross-crate tests.
    "cross_crate_event", CrossCrateEvent
);

/// Counts each `cross_crate_event`.
#[hooks_core::hook_callback("cross_crate_event", priority = 7, context = "fixture")]
pub fn count_cross_crate_event(event: &CrossCrateEvent) {
    assert_eq!(event.value, 42);
    CALLS.fetch_add(1, Ordering::SeqCst);
}
