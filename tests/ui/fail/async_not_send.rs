use std::rc::Rc;

use hooks_core::hook_callback;

async fn wait() {}

#[hook_callback("user_created")]
async fn holds_rc_across_await(_: &u32) {
    let shared = Rc::new(1);
    wait().await;
    drop(shared);
}

fn main() {
    let _ = holds_rc_across_await(&1);
}
