use hooks_core::hook_callback;

#[derive(Debug)]
struct NotDisplay;

#[hook_callback("user_created")]
fn on_user_created(_: &u32) -> Result<(), NotDisplay> {
    Err(NotDisplay)
}

fn main() {
    let _ = on_user_created(&1);
}
