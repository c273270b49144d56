fn main() {
    let _report = hooks_core::trigger!("UserCreated", 1_u32);
}
