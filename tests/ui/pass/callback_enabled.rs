//! `enabled = false` starts a callback disabled; `enabled = true` is the default.
use hooks_core::{hook_callback, registry};

#[hook_callback("ui_enabled", enabled = false)]
fn dark(_: &u32) {}

#[hook_callback("ui_enabled", enabled = true, priority = 2)]
fn lit(_: &u32) {}

#[hook_callback("ui_enabled", priority = 3)]
fn default(_: &u32) {}

fn main() {
    let enabled: Vec<bool> = registry().hook("ui_enabled").unwrap().callbacks().map(|c| c.is_enabled()).collect();
    assert_eq!(enabled, [true, true, false]);
}
