use std::cell::Cell;
use std::future::Future;

use hooks_core::{hook_callback, trigger_async};

// A sync callback may take a payload that is not `Sync`...
#[hook_callback("counter_changed")]
fn on_change(_: &Cell<u32>) {}

fn require_send<F: Future + Send>(future: F) -> F {
    future
}

fn main() {
    let counter = Cell::new(0);
    // ...but then the trigger's future borrows it and is not `Send`.
    let _ = require_send(trigger_async!("counter_changed", counter));
}
