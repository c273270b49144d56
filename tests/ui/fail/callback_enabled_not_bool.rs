use hooks_core::hook_callback;

#[hook_callback("user_created", enabled = 0)]
fn open_wallet(_: &u32) {}

fn main() {}
