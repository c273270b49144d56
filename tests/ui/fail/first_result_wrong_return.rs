use hooks_core::{declare_first_result, hook_first_result};

declare_first_result! { pub shipping_quote: u32 -> u64; }

#[hook_first_result(shipping_quote)]
fn courier(grams: &u32) -> u64 {
    u64::from(*grams)
}

fn main() {}
