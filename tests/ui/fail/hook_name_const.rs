use hooks_core::hook_callback;

const USER_CREATED: &str = "user_created";

#[hook_callback(USER_CREATED, priority = 5)]
fn on_user_created(_: &u32) {}

fn main() {
    let _ = USER_CREATED;
    on_user_created(&1);
}
