use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(x: u32) {
    let _ = x;
}

fn main() {
    on_user_created(1);
}
