fn main() {
    let _report = hooks_core::trigger!("", 1_u32);
}
