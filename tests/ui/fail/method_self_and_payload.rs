use hooks_core::hook_callback;

struct Wallet;

impl Wallet {
    #[hook_callback("user_created")]
    fn open(&self, _user: &u32) {}
}

fn main() {
    Wallet.open(&1);
}
