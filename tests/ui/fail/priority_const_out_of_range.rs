use hooks_core::hook_callback;

const PRIO_ANALYTICS: u8 = 150;

#[hook_callback("user_created", priority = PRIO_ANALYTICS)]
fn track_signup(_: &u32) {}

fn main() {
    track_signup(&1);
}
