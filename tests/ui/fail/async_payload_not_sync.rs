use std::cell::Cell;

use hooks_core::hook_callback;

// An async callback's future holds the payload reference, so the payload must be `Sync`.
#[hook_callback("counter_changed")]
async fn on_change(counter: &Cell<u32>) {
    counter.set(1);
}

fn main() {
    let _ = on_change(&Cell::new(0));
}
