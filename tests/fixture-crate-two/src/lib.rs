//! A second library crate that contributes callbacks to hooks of `fixture_crate`, and re-exports
//! `hooks-core` under another name for crates that depend on this one alone.

use std::sync::atomic::{AtomicUsize, Ordering};

use fixture_crate::{CrossCrateEvent, InventoryLow, inventory_low};

/// `hooks-core`, re-exported: dependents reach the macros as `fixture_crate_two::hooks`.
pub use hooks_core as hooks;

/// How many times [`audit_low_stock`] ran.
pub static AUDITS: AtomicUsize = AtomicUsize::new(0);

/// A second callback on the typed hook of `fixture_crate`.
#[hooks_core::hook_callback(inventory_low, priority = 9)]
pub fn audit_low_stock(_: &InventoryLow) {
    AUDITS.fetch_add(1, Ordering::SeqCst);
}

/// A second callback on the string hook of `fixture_crate`.
#[hooks_core::hook_callback("cross_crate_event", priority = 8)]
pub fn echo_cross_crate_event(event: &CrossCrateEvent) {
    assert_eq!(event.value, 42);
}
