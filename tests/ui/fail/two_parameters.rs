use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(_: &u32, _: &str) {}

fn main() {
    on_user_created(&1, "");
}
