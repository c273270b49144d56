//! `after` and `before` with a typed hook, the list form and paths across modules.

use hooks_core::{declare_hook, hook_callback, registry, trigger};

pub struct Signup {
    pub user: u32,
}

declare_hook! { pub user_signed_up: Signup; }

#[hook_callback(user_signed_up, priority = 1, after = [accounts::create, audit])]
fn welcome(_: &Signup) {}

#[hook_callback("user_signed_up", priority = 30)]
fn audit(_: &Signup) {}

mod accounts {
    use super::Signup;

    #[hooks_core::hook_callback(super::user_signed_up, priority = 20, before = super::audit)]
    pub(crate) fn create(signup: &Signup) {
        let _ = signup.user;
    }

    pub(crate) mod nested {
        #[hooks_core::hook_callback(crate::user_signed_up, after = super::create, before = r#loop)]
        fn notify(_: &crate::Signup) {}

        #[hooks_core::hook_callback(crate::user_signed_up)]
        fn r#loop(_: &crate::Signup) {}
    }
}

fn main() {
    assert_eq!(trigger!(user_signed_up, Signup { user: 1 }).ran(), 5);
    let order: Vec<&str> =
        registry().hook("user_signed_up").unwrap().callbacks().map(|c| c.path().rsplit("::").next().unwrap()).collect();
    assert_eq!(order, ["create", "notify", "loop", "audit", "welcome"]);
    assert!(registry().validate().is_clean());
}
