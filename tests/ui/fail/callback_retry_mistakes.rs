use hooks_core::hook_callback;

#[hook_callback("user_created", retry = 0)]
fn never(_: &u32) -> Result<(), String> {
    Ok(())
}

#[hook_callback("user_created", retry = 2, backoff = "soon")]
async fn vague(_: &u32) -> Result<(), String> {
    Ok(())
}

#[hook_callback("user_created", backoff = "50ms")]
async fn no_retry(_: &u32) -> Result<(), String> {
    Ok(())
}

fn main() {}
