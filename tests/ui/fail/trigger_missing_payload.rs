fn main() {
    let _report = hooks_core::trigger!("user_created");
}
