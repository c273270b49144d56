use hooks_core::hook_callback;

struct UserCreated;

#[hook_callback("user_created")]
fn open_wallet(_: &u32) {}

// Only the hook is wrong: the constraint adds no error of its own.
#[hook_callback(UserCreated, after = open_wallet)]
fn send_welcome(_: &u32) {}

fn main() {}
