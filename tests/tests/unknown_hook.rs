//! Triggering an unknown hook warns (once per call site, with a suggestion) and reports it;
//! a declared hook without callbacks is silent.

use hooks_core::{declare_hook, hook_callback, registry, trigger};
use hooks_tests::capture::{Capture, Record};
use tracing::Level;

#[hook_callback("user_created")]
fn on_user_created(_: &u32) {}

declare_hook!(
    /// Declared, but nothing listens yet.
    "invoice_paid", u32
);

fn warnings(records: &[Record]) -> Vec<&Record> {
    records.iter().filter(|r| r.level == Level::WARN).collect()
}

#[test]
fn misspelled_hook_warns_with_a_suggestion_and_reports_unknown() {
    let (report, records) = Capture::run(Level::TRACE, || trigger!("user_craeted", 1_u32));
    assert!(!report.hook_known());
    assert_eq!(report.ran(), 0);
    assert!(report.is_ok(), "an unknown hook is not a callback failure");
    assert_eq!(report.to_string(), "unknown hook: no callback ran");
    let warnings = warnings(&records);
    assert_eq!(warnings.len(), 1, "{records:#?}");
    assert_eq!(warnings[0].name, "unknown hook `user_craeted`: did you mean `user_created`?");
    assert_eq!(warnings[0].field("hook"), Some("user_craeted"));
    assert_eq!(warnings[0].field("suggestion"), Some("user_created"));
}

#[test]
fn a_call_site_warns_once() {
    let (reports, records) = Capture::run(Level::WARN, || {
        (0..3).map(|_| trigger!("shipment_dispatched", 1_u32).hook_known()).collect::<Vec<_>>()
    });
    assert_eq!(reports, [false, false, false]);
    let warnings = warnings(&records);
    assert_eq!(warnings.len(), 1, "{records:#?}");
    assert_eq!(warnings[0].name, "unknown hook `shipment_dispatched`: no callback or declaration has this name");
}

#[test]
fn runtime_names_warn_on_every_call() {
    let (_, records) = Capture::run(Level::WARN, || {
        for _ in 0..2 {
            assert!(!registry().trigger("user_createdd", &1_u32).hook_known());
        }
    });
    let warnings = warnings(&records);
    assert_eq!(warnings.len(), 2);
    assert!(warnings.iter().all(|w| w.field("suggestion") == Some("user_created")));
}

#[test]
fn a_declared_hook_without_callbacks_is_silent() {
    let (report, records) = Capture::run(Level::TRACE, || trigger!("invoice_paid", 5_u32));
    assert!(report.hook_known());
    assert_eq!(report.ran(), 0);
    assert!(report.is_ok());
    assert!(warnings(&records).is_empty(), "{records:#?}");
    assert!(registry().hook("invoice_paid").unwrap().declaration().is_some());
}
