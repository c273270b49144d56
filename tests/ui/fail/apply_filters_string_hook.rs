use hooks_core::apply_filters;

fn main() {
    let _ = apply_filters!("credit_amount", 10_u64);
}
