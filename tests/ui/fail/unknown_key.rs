use hooks_core::hook_callback;

#[hook_callback("user_created", order = 5)]
fn on_user_created(_: &u32) {}

fn main() {
    on_user_created(&1);
}
