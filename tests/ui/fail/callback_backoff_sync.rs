use hooks_core::hook_callback;

#[hook_callback("user_created", retry = 3, backoff = "50ms")]
fn sync_with_backoff(_: &u32) -> Result<(), String> {
    Ok(())
}

fn main() {}
