//! The linking caveat: a binary that never names a library crate gets none of its callbacks,
//! although the crate is a dependency. `cross_crate.rs` shows the remedy (naming the crate).

use hooks_core::registry;

#[test]
fn callbacks_of_an_unnamed_crate_are_absent() {
    assert!(registry().hook("cross_crate_event").is_none(), "{}", registry().dump());
    assert_eq!(registry().callbacks().count(), 0);
}
