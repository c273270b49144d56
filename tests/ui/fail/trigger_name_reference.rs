fn main() {
    let name = String::from("user_created");
    let _report = hooks_core::trigger!(&name, 1_u32);
}
