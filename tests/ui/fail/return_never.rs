use hooks_core::hook_callback;

#[hook_callback("user_created")]
fn on_user_created(_: &u32) -> ! {
    panic!("never returns")
}

fn main() {
    if false {
        on_user_created(&1);
    }
}
