//! The payload may be a value or a reference expression; it is borrowed, never moved.

use std::hint::black_box;

use hooks_core::{hook_callback, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

#[derive(Debug, PartialEq)]
struct Profile {
    name: String,
}

#[hook_callback("profile_updated")]
fn on_profile(profile: &Profile) {
    assert_eq!(profile.name, "ada");
    JOURNAL.record("on_profile");
}

#[test]
fn value_reference_and_opaque_reference_expressions() {
    let profile = Profile { name: "ada".into() };
    let by_value = trigger!("profile_updated", profile);
    let by_reference = trigger!("profile_updated", &profile);
    let through_black_box = trigger!("profile_updated", black_box(&profile));
    let reference = &profile;
    let through_binding = trigger!("profile_updated", reference);
    let temporary = trigger!("profile_updated", Profile { name: "ada".into() });
    for report in [by_value, by_reference, through_black_box, through_binding, temporary] {
        assert!(report.is_ok(), "{report}");
        assert_eq!(report.ran(), 1);
    }
    assert_eq!(JOURNAL.take().len(), 5);
    // Still owned here: the trigger never moved it.
    assert_eq!(profile, Profile { name: "ada".into() });
}

#[test]
fn payload_inside_a_generic_function() {
    fn fire<P: 'static>(payload: P) -> usize {
        trigger!("profile_updated", payload).ran()
    }
    assert_eq!(fire(Profile { name: "ada".into() }), 1);
    assert_eq!(JOURNAL.take(), ["on_profile"]);
}
