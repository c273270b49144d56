use hooks_core::hook_filter;

#[hook_filter("credit_amount")]
fn bonus(credits: &u64) -> u64 {
    credits + 1
}

fn main() {}
