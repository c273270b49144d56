use hooks_core::{apply_filters, declare_filter};

declare_filter! { pub credit_amount: u64, String; }

fn main() {
    let _ = apply_filters!(credit_amount, 10);
}
