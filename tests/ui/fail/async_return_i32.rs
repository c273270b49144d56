use hooks_core::hook_callback;

#[hook_callback("user_created")]
async fn on_user_created(_: &u32) -> i32 {
    1
}

fn main() {
    let _ = on_user_created(&1);
}
