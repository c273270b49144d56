use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created<T>(_: &T) {}

fn main() {
    on_user_created(&1);
}
