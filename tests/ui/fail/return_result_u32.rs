use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(x: &u32) -> Result<u32, String> {
    Ok(*x)
}

fn main() {
    let _ = on_user_created(&1);
}
