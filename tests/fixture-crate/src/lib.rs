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

/// The payload of the typed `inventory_low` hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryLow {
    /// The article that runs low.
    pub sku: &'static str,
    /// How many are left.
    pub left: u32,
}

hooks_core::declare_hook! {
    /// Fired when stock of an article runs low; declared here, used by other crates.
    pub inventory_low: InventoryLow;
}

hooks_core::declare_context! {
    /// Callbacks of the purchasing department.
    pub purchasing;
}

/// How many times [`reorder`] ran.
pub static REORDERS: AtomicUsize = AtomicUsize::new(0);

/// Reorders an article that runs low.
#[hooks_core::hook_callback(inventory_low, priority = 3, context = purchasing)]
pub fn reorder(event: &InventoryLow) {
    assert!(event.left < 10, "{event:?}");
    REORDERS.fetch_add(1, Ordering::SeqCst);
}
