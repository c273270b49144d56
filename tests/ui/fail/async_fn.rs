use hooks_core::hook_callback;

#[hook_callback("user_created")]
async fn on_user_created(_: &u32) {}

fn main() {
    let _future = on_user_created(&1);
}
