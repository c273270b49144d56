fn main() {
    let payload = 1_u32;
    let _future = hooks_core::trigger_async!("a_hook", payload, bogus = 1, other = 2);
}
