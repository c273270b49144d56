use hooks_core::hook_callback;

fn helper(_: &u32) {}

#[hook_callback("user_created", after = helper)]
fn send_welcome(value: &u32) {
    helper(value);
}

fn main() {
    send_welcome(&1);
}
