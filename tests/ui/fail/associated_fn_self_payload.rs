use hooks_core::hook_callback;

struct Wallet;

impl Wallet {
    #[hook_callback("wallet_opened")]
    fn log(_wallet: &Self) {}
}

fn main() {
    Wallet::log(&Wallet);
}
