use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn open_wallet(_: &u32) {}

#[hook_callback("user_created", durable, after = open_wallet)]
async fn send_welcome(_: &u32, _: &mut u8) {}

fn main() {}
