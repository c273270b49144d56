use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn open_wallet(_: &u32) {}

#[hook_callback("user_created", after = [open_wallet, "audit"], before = 3)]
fn send_welcome(_: &u32) {}

fn main() {}
