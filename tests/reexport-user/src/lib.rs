//! Callbacks, declarations and triggers written against a re-export of `hooks-core`: every macro
//! takes `crate = path` for the path at which `hooks-core` is reachable.

use fixture_crate_two::hooks::{self, declare_context, declare_hook, hook_callback, trigger};

/// The payload of `renamed_event`.
#[derive(Debug)]
pub struct Renamed(pub u32);

declare_hook! {
    crate = fixture_crate_two::hooks;
    /// A typed hook declared through the re-export.
    pub renamed_event: Renamed;
}

declare_hook!(crate = fixture_crate_two::hooks; "renamed_by_string", u32);

declare_context! {
    crate = fixture_crate_two::hooks;
    /// A typed context declared through the re-export.
    pub renamed_context;
}

/// Doubles the payload into the returned error, so the test sees that it ran.
#[hook_callback(renamed_event, context = renamed_context, crate = fixture_crate_two::hooks)]
pub fn on_renamed(event: &Renamed) -> Result<(), String> {
    Err(format!("saw {}", event.0 * 2))
}

/// A string-named callback through the re-export.
#[hook_callback("renamed_by_string", priority = 3, crate = fixture_crate_two::hooks)]
pub fn on_renamed_by_string(_: &u32) {}

/// Triggers both hooks and returns their reports.
pub fn fire(value: u32) -> (hooks::TriggerReport, hooks::TriggerReport) {
    let typed = trigger!(renamed_event, Renamed(value), context = renamed_context, crate = fixture_crate_two::hooks);
    let named = trigger!("renamed_by_string", value, crate = fixture_crate_two::hooks);
    (typed, named)
}
