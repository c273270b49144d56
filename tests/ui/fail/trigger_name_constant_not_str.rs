const USER_CREATED: u32 = 1;

fn main() {
    let _report = hooks_core::trigger!(USER_CREATED, 1_u32);
}
