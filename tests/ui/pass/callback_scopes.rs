//! Callbacks register from every scope a free function can be declared in: a module that
//! glob-imports a function of the same name, a function body, and a nested module.

use hooks_core::{hook_callback, trigger};

fn on_event(_: &u32) {}

mod child {
    use super::*;

    // Shadows the glob-imported `on_event`, as any item does.
    #[hook_callback("callback_scopes")]
    pub(crate) fn on_event(_: &u32) {}

    pub(crate) mod nested {
        #[hooks_core::hook_callback("callback_scopes")]
        pub(crate) fn on_event(_: &u32) {}
    }
}

fn main() {
    #[hook_callback("callback_scopes")]
    fn on_event(_: &u32) {}

    on_event(&1);
    crate::on_event(&1);
    child::on_event(&1);
    child::nested::on_event(&1);
    assert_eq!(trigger!("callback_scopes", 1_u32).ran(), 3);
}
