fn main() {
    let payload = 1_u32;
    let _report = hooks_core::trigger!("a_hook", payload, bogus = 1, other = 2);
}
