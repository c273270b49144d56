fn main() {
    let _report = hooks_core::trigger!("user_created", 1_u32, priority = 5);
}
