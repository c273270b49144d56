use hooks_core::hook_callback;

#[hook_callback("order_placed")]
fn reserve_stock(_: &u32) {}

#[hook_callback("user_created", before = reserve_stock)]
fn send_welcome(_: &u32) {}

fn main() {
    send_welcome(&1);
}
