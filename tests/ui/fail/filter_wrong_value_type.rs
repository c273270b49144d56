use hooks_core::{declare_filter, hook_filter};

declare_filter! { pub credit_amount: u64; }

#[hook_filter(credit_amount)]
fn bonus(credits: &u32) -> u32 {
    credits + 1
}

fn main() {}
