use std::ops::ControlFlow;

use hooks_core::hook_callback;

#[hook_callback("withdrawal")]
fn gate(_: &u64) -> ControlFlow<u8> {
    ControlFlow::Break(1)
}

fn main() {}
