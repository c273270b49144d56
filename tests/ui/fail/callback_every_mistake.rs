use hooks_core::hook_callback;

// A bad name, three bad options and a bad parameter: all five are reported at once.
#[hook_callback("UserCreated", priority = 0, context = "", order = 1)]
fn on_user_created(_: u32) {}

fn main() {
    on_user_created(1);
}
