use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(x: &mut u32) {
    *x += 1;
}

fn main() {
    on_user_created(&mut 1);
}
