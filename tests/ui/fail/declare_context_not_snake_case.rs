hooks_core::declare_context! {
    pub Wallet;
}

fn main() {}
