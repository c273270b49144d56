use hooks_core::hook_callback;

mod wallet {
    #[hooks_core::hook_callback("user_created")]
    pub fn open_wallet(_: &u32) {}
}

#[hook_callback("user_created", after = wallet::open_walet)]
fn send_welcome(_: &u32) {}

fn main() {
    send_welcome(&1);
}
