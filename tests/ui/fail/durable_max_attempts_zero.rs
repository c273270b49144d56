use hooks_core::hook_callback;

#[hook_callback("user_created", durable, max_attempts = 0)]
async fn open_wallet(_: &u32, _: &mut u8) {}

fn main() {}
