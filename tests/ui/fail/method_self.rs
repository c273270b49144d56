use hooks_core::hook_callback;

struct Wallet;

impl Wallet {
    #[hook_callback("user_created")]
    fn open(&self) {}
}

fn main() {
    Wallet.open();
}
