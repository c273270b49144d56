//! A crate that depends on a re-export of `hooks-core`, not on `hooks-core` itself.

use fixture_crate_two::hooks::registry;

#[test]
fn macros_expand_through_the_reexport() {
    let (typed, named) = reexport_user::fire(21);
    assert_eq!(typed.ran(), 1);
    assert_eq!(typed.failures()[0].message(), "saw 42");
    assert_eq!(named.ran(), 1);
    assert!(named.is_ok());
    let validation = registry().validate();
    assert!(validation.is_clean(), "{validation}");
    assert_eq!(
        registry().hook("renamed_event").unwrap().declaration().unwrap().payload_type_name(),
        Some("reexport_user::Renamed")
    );
}
