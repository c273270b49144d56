//! Hooks and contexts named by `&'static str` constants (SCREAMING_CASE paths), in the attribute
//! and in the trigger (`tests/constant_names.rs` covers `trigger_async!`).

use hooks_core::{hook_callback, trigger};

const USER_CREATED: &str = "user_created";
const WALLET: &str = "wallet";

mod names {
    pub const ORDER_PLACED: &str = "order_placed";
}

#[hook_callback(USER_CREATED, priority = 5)]
fn on_user_created(_: &u32) {}

#[hook_callback(USER_CREATED, context = WALLET)]
fn open_wallet(_: &u32) {}

#[hook_callback(names::ORDER_PLACED, context = "wallet")]
fn on_order_placed(_: &u32) {}

fn main() {
    assert_eq!(trigger!(USER_CREATED, 1_u32).ran(), 2);
    assert_eq!(trigger!("user_created", 1_u32, context = WALLET).ran(), 2);
    assert_eq!(trigger!(names::ORDER_PLACED, 1_u32, context = WALLET).ran(), 1);
    on_user_created(&1);
    open_wallet(&1);
    on_order_placed(&1);
}
