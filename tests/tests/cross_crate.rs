//! Callbacks defined in another library crate are collected once the binary names that crate.

use std::sync::atomic::Ordering;

use fixture_crate::{CALLS, CrossCrateEvent};
use hooks_core::{registry, trigger};

#[test]
fn callbacks_of_a_named_crate_are_collected_and_run() {
    let report = trigger!("cross_crate_event", CrossCrateEvent { value: 42 }, context = "fixture");
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 1);
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);

    let hook = registry().hook("cross_crate_event").unwrap();
    let callback = hook.callbacks().next().unwrap();
    assert_eq!(callback.path(), "fixture_crate::count_cross_crate_event");
    assert_eq!(callback.priority(), 7);
    assert!(callback.file().ends_with("fixture-crate/src/lib.rs"), "{}", callback.file());
    assert_eq!(hook.declaration().unwrap().docs(), "Fired by the cross-crate tests.");
}
