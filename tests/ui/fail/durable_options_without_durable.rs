use hooks_core::hook_callback;

#[hook_callback("user_created", max_attempts = 3, queue = "mail")]
async fn open_wallet(_: &u32) {}

fn main() {}
