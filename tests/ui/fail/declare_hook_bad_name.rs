hooks_core::declare_hook!("PaymentProcessed", u64);

fn main() {}
