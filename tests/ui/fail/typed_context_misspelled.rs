hooks_core::declare_context! {
    /// The wallet module.
    pub wallet;
}

#[hooks_core::hook_callback("user_created", context = walet)]
fn open_wallet(_: &u64) {}

fn main() {
    open_wallet(&1);
}
