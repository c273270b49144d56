use hooks_core::hook_callback;

const PRIO_AUDIT: u32 = 15;

#[hook_callback("user_created", priority = PRIO_AUDIT)]
fn audit(_: &u32) {}

fn main() {
    audit(&1);
}
