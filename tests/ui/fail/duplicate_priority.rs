use hooks_core::hook_callback;

#[hook_callback("user_created", priority = 5, priority = 6)]
fn on_user_created(_: &u32) {}

fn main() {
    on_user_created(&1);
}
