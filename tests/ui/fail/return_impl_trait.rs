use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(_: &u32) -> impl std::fmt::Display {
    0
}

fn main() {
    let _ = on_user_created(&1);
}
