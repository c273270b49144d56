// A bad name, a bad context and an unknown option: all three are reported at once.
fn main() {
    let _report = hooks_core::trigger!("UserCreated", 1_u32, context = "", bogus = 1);
}
