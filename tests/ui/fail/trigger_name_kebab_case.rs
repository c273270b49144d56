fn main() {
    let _report = hooks_core::trigger!("user-created", 1_u32);
}
