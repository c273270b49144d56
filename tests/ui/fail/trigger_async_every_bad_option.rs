// Every bad option is reported at once.
fn main() {
    let _future = hooks_core::trigger_async!("user_created", 1_u32, concurrent = "yes", context = 5, crate = 1);
}
