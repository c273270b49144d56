fn main() {
    let context = "wallet";
    let _report = hooks_core::trigger!("user_created", 1_u32, context = context);
}
