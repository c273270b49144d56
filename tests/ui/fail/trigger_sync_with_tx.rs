fn main() {
    let mut tx = ();
    let _ = hooks_core::trigger!("user_created", 1_u32, tx = &mut tx);
}
