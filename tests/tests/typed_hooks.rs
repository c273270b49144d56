//! Typed hooks behave exactly like the string form: order, context, isolation, async, and the
//! registry; they also interoperate with string callbacks and cross crate boundaries.

use std::sync::atomic::Ordering;

use fixture_crate::{InventoryLow, REORDERS, inventory_low, purchasing};
use hooks_core::{FailureKind, TypedHook, declare_context, hook_callback, registry, trigger, trigger_async};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

#[derive(Debug)]
pub struct UserCreated {
    pub name: &'static str,
}

mod events {
    hooks_core::declare_hook! {
        /// Fired once a new user is stored.
        pub user_created: super::UserCreated;
        /// Fired when a user logs in; nobody listens.
        pub user_login: u64;
    }
}

use events::user_created;

declare_context! {
    /// The wallet module.
    wallet;
    /// The mail module.
    mail;
}

#[hook_callback(user_created, priority = 20)]
fn analytics(_: &UserCreated) {
    JOURNAL.record("analytics");
}

#[hook_callback(user_created, priority = 5, context = wallet)]
fn open_wallet(user: &UserCreated) -> Result<(), String> {
    JOURNAL.record("open_wallet");
    if user.name == "broke" { Err("no wallet for broke".into()) } else { Ok(()) }
}

#[hook_callback(events::user_created, priority = 10, context = mail)]
fn welcome(user: &UserCreated) {
    JOURNAL.record("welcome");
    if user.name == "crash" {
        panic!("mail server down");
    }
}

// A string callback on the typed hook's name is the same hook.
#[hook_callback("user_created", priority = 15, context = "wallet")]
fn by_name(_: &UserCreated) {
    JOURNAL.record("by_name");
}

#[test]
fn typed_and_string_triggers_run_the_same_callbacks_in_the_same_order() {
    let typed = trigger!(user_created, UserCreated { name: "ada" });
    let typed_order = JOURNAL.take();
    let named = trigger!("user_created", UserCreated { name: "ada" });
    assert_eq!(typed_order, ["open_wallet", "welcome", "by_name", "analytics"]);
    assert_eq!(JOURNAL.take(), typed_order);
    assert_eq!((typed.ran(), named.ran()), (4, 4));
}

#[test]
fn typed_and_string_contexts_filter_the_same_way() {
    let user = UserCreated { name: "ada" };
    let _ = trigger!(user_created, &user, context = wallet);
    assert_eq!(JOURNAL.take(), ["open_wallet", "by_name", "analytics"]);
    let _ = trigger!(user_created, &user, context = "mail");
    assert_eq!(JOURNAL.take(), ["welcome", "analytics"]);
}

#[test]
fn failures_are_isolated_on_the_typed_path() {
    std::panic::set_hook(Box::new(|_| {}));
    let report = trigger!(user_created, UserCreated { name: "broke" });
    assert_eq!(report.ran(), 4);
    assert_eq!(report.failures()[0].kind(), &FailureKind::Error("no wallet for broke".into()));
    let report = trigger!(user_created, UserCreated { name: "crash" });
    assert_eq!(report.ran(), 4);
    assert_eq!(report.failures()[0].kind(), &FailureKind::Panic("mail server down".into()));
    let _ = JOURNAL.take();
}

#[test]
fn typed_async_triggers_work_like_string_ones() {
    let waker = std::task::Waker::noop();
    let mut context = std::task::Context::from_waker(waker);
    let user = UserCreated { name: "ada" };
    let mut future = std::pin::pin!(trigger_async!(user_created, &user, context = wallet, concurrent = true));
    let std::task::Poll::Ready(report) = future.as_mut().poll(&mut context) else { panic!("all callbacks are sync") };
    assert_eq!(report.ran(), 3);
    assert_eq!(JOURNAL.take(), ["open_wallet", "by_name", "analytics"]);
}

#[test]
fn the_declaration_is_an_item_with_name_payload_and_docs() {
    assert_eq!(<user_created as TypedHook>::NAME, "user_created");
    let hook = registry().hook("user_created").unwrap();
    let declaration = hook.declaration().unwrap();
    assert_eq!(declaration.payload_type_name(), Some("typed_hooks::UserCreated"));
    assert_eq!(declaration.docs(), "Fired once a new user is stored.");
    assert!(declaration.file().ends_with("tests/tests/typed_hooks.rs"));
    let silent = trigger!(events::user_login, 1_u64);
    assert!(silent.hook_known() && silent.is_ok() && silent.ran() == 0);
    let table = registry().dump().to_string();
    assert!(
        table.contains("user_created (typed_hooks::UserCreated, declared at tests/tests/typed_hooks.rs:"),
        "{table}"
    );
}

#[test]
fn a_typed_hook_declared_in_another_crate() {
    #[hook_callback(inventory_low, priority = 1)]
    fn count_here(event: &InventoryLow) {
        assert_eq!(event.sku, "tea");
        JOURNAL.record("count_here");
    }

    let before = REORDERS.load(Ordering::SeqCst);
    let report = trigger!(inventory_low, InventoryLow { sku: "tea", left: 3 }, context = purchasing);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 2);
    assert_eq!(REORDERS.load(Ordering::SeqCst), before + 1);
    assert_eq!(JOURNAL.take(), ["count_here"]);
    let paths: Vec<&str> = registry().hook("inventory_low").unwrap().callbacks().map(|c| c.path()).collect();
    assert_eq!(paths, ["typed_hooks::count_here", "fixture_crate::reorder"]);
}

mod mismatched {
    // A string callback whose payload is not the typed hook's: rustc cannot see it, validate() can.
    #[hooks_core::hook_callback("user_created", priority = 99)]
    fn wrong_payload(_: &String) {}
}

#[test]
fn validate_checks_string_callbacks_against_typed_declarations() {
    let validation = registry().validate();
    let errors: Vec<&str> = validation.errors().map(|f| f.message()).collect();
    assert_eq!(errors.len(), 1, "{validation}");
    assert!(errors[0].contains("callback `typed_hooks::mismatched::wrong_payload`"), "{validation}");
    assert!(errors[0].contains("declared with payload `typed_hooks::UserCreated`"), "{validation}");
    // The typed trigger still reports the mismatch at runtime, as the string form does.
    let report = trigger!(user_created, UserCreated { name: "ada" });
    let _ = JOURNAL.take();
    assert_eq!(report.failures().len(), 1);
    assert!(matches!(report.failures()[0].kind(), FailureKind::PayloadMismatch { .. }));
}

#[test]
fn hook_and_context_names_stay_free_for_variables() {
    // The items live in the type namespace only.
    let user_created = "a variable";
    let wallet = 3;
    assert_eq!((user_created, wallet), ("a variable", 3));
    assert_eq!(events::user_created::NAME, "user_created");
    assert_eq!(self::wallet::NAME, "wallet");
}
