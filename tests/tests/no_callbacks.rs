//! A binary with no callbacks, declarations or trigger sites at all: every backend copes with
//! empty collections.

use hooks_core::registry;

#[test]
fn the_registry_is_empty_and_usable() {
    assert_eq!(registry().hooks().len(), 0);
    assert_eq!(registry().callbacks().count(), 0);
    assert_eq!(registry().declarations().len(), 0);
    assert_eq!(registry().trigger_sites().len(), 0);
    assert_eq!(registry().dump().to_string(), "no hooks registered\n");
    assert_eq!(registry().dump().to_json(), r#"{"hooks":[]}"#);
    assert!(registry().validate().findings().is_empty());
    let report = registry().trigger("anything", &1_u8);
    assert!(!report.hook_known());
    assert_eq!(report.ran(), 0);
}
