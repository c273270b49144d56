use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created() {}

fn main() {
    on_user_created();
}
