use hooks_core::trigger_async;

fn main() {
    let _future = trigger_async!("user_created", 1_u32, parallel = true);
}
