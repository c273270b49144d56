//! Priorities named by `u8` constants, the documented bands.

use hooks_core::{hook_callback, trigger};

const PRIO_CRITICAL: u8 = 1;
const PRIO_CORE: u8 = 10;

mod bands {
    pub const ANALYTICS: u8 = 21;
}

#[hook_callback("priority_const_checked", priority = bands::ANALYTICS)]
fn track(_: &u32) {}

#[hook_callback("priority_const_checked", priority = PRIO_CRITICAL)]
fn secure(_: &u32) {}

#[hook_callback("priority_const_checked", priority = PRIO_CORE)]
fn store(_: &u32) {}

fn main() {
    assert_eq!(trigger!("priority_const_checked", 1_u32).ran(), 3);
    let priorities: Vec<u8> = hooks_core::registry()
        .hook("priority_const_checked")
        .unwrap()
        .callbacks()
        .map(|callback| callback.priority())
        .collect();
    assert_eq!(priorities, [1, 10, 21]);
    track(&1);
    secure(&1);
    store(&1);
}
