use hooks_core::{declare_filter, hook_filter};

pub struct Purchase;

declare_filter! { pub credit_amount: u64, Purchase; }

#[hook_filter(credit_amount)]
fn bonus(credits: &u64, customer: &String) -> u64 {
    credits + customer.len() as u64
}

fn main() {}
