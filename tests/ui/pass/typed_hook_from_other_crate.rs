//! A typed hook and context declared in another crate, imported with `use`.

use fixture_crate::{InventoryLow, inventory_low, purchasing};
use hooks_core::{hook_callback, trigger};

#[hook_callback(inventory_low, context = purchasing)]
fn log_low_stock(event: &InventoryLow) {
    let _ = event.left;
}

#[hook_callback(fixture_crate::inventory_low, priority = 50)]
fn by_full_path(_: &InventoryLow) {}

fn main() {
    let event = InventoryLow { sku: "tea", left: 2 };
    let report = trigger!(inventory_low, &event, context = purchasing);
    assert!(report.is_ok());
    let _ = trigger!(fixture_crate::inventory_low, event);
}
