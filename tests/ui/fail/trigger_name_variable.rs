fn main() {
    let hook = "user_created";
    let _report = hooks_core::trigger!(hook, 1_u32);
}
