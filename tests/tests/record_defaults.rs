//! A callback's record starts with every option at its default, and each option the attribute
//! sets changes that one field only.

use hooks_core::{Callback, hook_callback, registry};

#[hook_callback("record_defaults_plain")]
fn no_options(_: &u32) {}

#[hook_callback("record_defaults_plain", priority = 10)]
fn default_priority_spelled_out(_: &u32) {}

#[hook_callback("record_defaults_every_option", priority = 5, context = "admin", enabled = false, retry = 2, after = target)]
fn every_option(_: &u32) -> Result<(), String> {
    Ok(())
}

#[hook_callback("record_defaults_every_option", priority = 3)]
fn target(_: &u32) {}

#[hook_callback("record_defaults_context_only", context = "sms")]
fn context_only(_: &u32) {}

fn record(name: &str) -> &'static Callback {
    registry().callback(&format!("{}::{name}", module_path!())).expect("registered")
}

#[test]
fn a_callback_without_options_has_every_default() {
    for name in ["no_options", "default_priority_spelled_out"] {
        let callback = record(name);
        assert_eq!(callback.hook(), "record_defaults_plain");
        assert_eq!(callback.priority(), 10, "{name}");
        assert_eq!(callback.context(), None, "{name}");
        assert!(callback.is_enabled(), "{name}");
        assert_eq!(callback.retries(), 0, "{name}");
        assert_eq!(callback.backoff(), None, "{name}");
        assert!(callback.after().is_empty() && callback.before().is_empty(), "{name}");
        assert!(!callback.is_fallible() && !callback.is_async(), "{name}");
        assert!(callback.takes_payload::<u32>(), "{name}");
        assert!(callback.file().ends_with("record_defaults.rs"), "{name}: {}", callback.file());
    }
    // The line of the function's name.
    assert_eq!(record("no_options").line(), 7);
}

#[test]
fn each_option_set_changes_its_field() {
    let callback = record("every_option");
    assert_eq!(callback.hook(), "record_defaults_every_option");
    assert_eq!(callback.priority(), 5);
    assert_eq!(callback.context(), Some("admin"));
    assert!(!callback.is_enabled());
    assert_eq!(callback.retries(), 2);
    assert_eq!(callback.backoff(), None);
    assert_eq!(callback.after(), [format!("{}::target", module_path!())]);
    assert!(callback.before().is_empty());
    assert!(callback.is_fallible());
    assert_eq!(callback.line(), 13);
}

#[test]
fn an_option_set_without_a_priority_keeps_the_others_at_their_defaults() {
    let callback = record("context_only");
    assert_eq!(callback.priority(), 10);
    assert_eq!(callback.context(), Some("sms"));
    assert!(callback.is_enabled());
    assert_eq!(callback.retries(), 0);
    assert!(callback.after().is_empty() && callback.before().is_empty());
    assert!(!callback.is_fallible());
    assert_eq!(callback.line(), 21);
}
