use hooks_core::hook_callback;

#[hook_callback("user_created", priority = "5")]
fn on_user_created(_: &u32) {}

fn main() {
    // The function is still emitted after the error: no "cannot find function" follows.
    on_user_created(&1);
}
