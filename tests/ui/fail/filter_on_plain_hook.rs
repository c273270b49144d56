use hooks_core::{declare_hook, hook_filter};

declare_hook! { pub user_created: u64; }

#[hook_filter(user_created)]
fn bonus(credits: &u64) -> u64 {
    credits + 1
}

fn main() {}
