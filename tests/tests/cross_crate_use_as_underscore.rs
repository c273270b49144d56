//! The remedy for the linking caveat: `use fixture_crate as _;` links a crate whose items the
//! binary never uses otherwise.

use fixture_crate as _;
use hooks_core::registry;

#[test]
fn naming_the_crate_links_its_callbacks() {
    let hook = registry().hook("cross_crate_event").expect("the fixture crate's hook is collected");
    assert_eq!(hook.callbacks().len(), 1);
    assert!(hook.declaration().is_some());
}
