//! What `validate()` says about trigger sites that would run less than their author expects: a
//! declared hook whose callbacks are not linked, and a misspelled or unused context.

use hooks_core::{Severity, declare_hook, hook_callback, registry, trigger};

declare_hook! {
    /// Declared here; its callbacks would live in a plugins crate that this binary does not name.
    pub stock_reserved: u32;
}

declare_hook!("mail_queued", String);

#[hook_callback("mail_queued", context = "mailing")]
fn send(_: &String) {}

#[hook_callback("mail_queued")]
fn archive(_: &String) {}

#[hook_callback("sms_queued", context = "texting")]
fn text(_: &u8) {}

/// Never called: trigger sites are registered at link time, whether they run or not.
#[allow(dead_code)]
fn sites() {
    let _ = trigger!(stock_reserved, 7);
    let _ = trigger!("mail_queued", String::new(), context = "mailng");
    let _ = trigger!("mail_queued", String::new(), context = "mailing");
    let _ = trigger!("mail_queued", String::new(), context = "texting");
    let _ = trigger!("mail_queued", String::new(), context = "audit");
}

fn findings_about(hook: &str) -> Vec<(Severity, String, Option<&'static str>)> {
    let validation = registry().validate();
    validation
        .findings()
        .iter()
        .filter(|f| f.hook() == hook)
        .map(|f| (f.severity(), f.message().to_owned(), f.suggestion()))
        .collect()
}

#[test]
fn a_declared_hook_triggered_without_callbacks_is_a_warning_naming_the_site_and_the_remedy() {
    let findings = findings_about("stock_reserved");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let (severity, message, _) = &findings[0];
    assert_eq!(*severity, Severity::Warning);
    assert!(message.starts_with("trigger! at tests/tests/validate_sites.rs:"), "{message}");
    assert!(message.contains("triggers hook `stock_reserved`, which is declared but has no callback"), "{message}");
    assert!(message.contains("`use that_crate as _;`"), "{message}");
    assert!(message.contains("unused_crate_dependencies"), "{message}");
}

#[test]
fn a_misspelled_context_is_an_error_with_a_suggestion_and_an_unused_one_a_warning() {
    let findings = findings_about("mail_queued");
    assert_eq!(findings.len(), 2, "{findings:#?}");

    let (severity, message, suggestion) = &findings[0];
    assert_eq!(*severity, Severity::Error);
    assert_eq!(*suggestion, Some("mailing"));
    assert!(
        message.contains("uses context `mailng`, which no callback declares: did you mean `mailing`?"),
        "{message}"
    );

    let (severity, message, suggestion) = &findings[1];
    assert_eq!(*severity, Severity::Warning);
    assert_eq!(*suggestion, None);
    assert!(
        message.ends_with(
            "uses context `audit`, which no callback declares: only the global callbacks of hook `mail_queued` run"
        ),
        "{message}"
    );
}

#[test]
fn a_context_used_by_other_hooks_callbacks_is_fine() {
    // `texting` has no callback of `mail_queued`, but it is a real context of the program.
    let findings = findings_about("mail_queued");
    assert!(findings.iter().all(|(_, message, _)| !message.contains("`texting`")), "{findings:#?}");
}
