//! Two library crates contribute callbacks to the same hooks; both are collected, in one order.

use std::sync::atomic::Ordering;

use fixture_crate::{CrossCrateEvent, InventoryLow, REORDERS, inventory_low};
use fixture_crate_two::AUDITS;
use hooks_core::{registry, trigger};

#[test]
fn callbacks_from_two_crates_run_in_one_priority_order() {
    let hook = registry().hook("inventory_low").unwrap();
    let order: Vec<(u8, &str)> = hook.callbacks().map(|c| (c.priority(), c.path())).collect();
    assert_eq!(order, [(3, "fixture_crate::reorder"), (9, "fixture_crate_two::audit_low_stock")]);

    let report = trigger!(inventory_low, InventoryLow { sku: "tea", left: 1 });
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 2);
    assert_eq!(REORDERS.load(Ordering::SeqCst), 1);
    assert_eq!(AUDITS.load(Ordering::SeqCst), 1);

    let report = trigger!("cross_crate_event", CrossCrateEvent { value: 42 });
    assert_eq!(report.ran(), 2);
    let paths: Vec<&str> = registry().hook("cross_crate_event").unwrap().callbacks().map(|c| c.path()).collect();
    assert_eq!(paths, ["fixture_crate::count_cross_crate_event", "fixture_crate_two::echo_cross_crate_event"]);
}
