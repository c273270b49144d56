//! `validate()` finds typos, payload mismatches and conflicting declarations before anything runs.

use hooks_core::{Severity, declare_hook, hook_callback, registry};

declare_hook!(
    /// A user was stored.
    "user_created", u64
);
declare_hook!("order_placed", String);
declare_hook!("order_placed", u32);
declare_hook!("refund_issued");
declare_hook!("refund_issued");

#[hook_callback("user_created")]
fn fine(_: &u64) {}

#[hook_callback("user_craeted")]
fn typo(_: &u64) {}

#[hook_callback("user_created", priority = 3)]
fn wrong_payload(_: &String) {}

#[hook_callback("audit_trail")]
fn undeclared_elsewhere(_: &u64) {}

#[hook_callback("refund_issued")]
fn any_payload_is_fine_without_a_declared_type(_: &Vec<u8>) {}

#[test]
fn reports_each_problem_once_errors_first() {
    let validation = registry().validate();
    assert!(!validation.is_clean());
    let summary: Vec<(Severity, &str, Option<&str>)> =
        validation.findings().iter().map(|f| (f.severity(), f.hook(), f.suggestion())).collect();
    assert_eq!(
        summary,
        [
            (Severity::Error, "order_placed", None),
            (Severity::Error, "user_craeted", Some("user_created")),
            (Severity::Error, "user_created", None),
            (Severity::Warning, "audit_trail", None),
            (Severity::Warning, "refund_issued", None),
        ],
        "{validation}"
    );
}

#[test]
fn messages_name_the_callback_types_and_locations() {
    let validation = registry().validate();
    let text = validation.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("error: hook `order_placed` declared twice with different payload types"), "{text}");
    assert!(lines[0].contains("`alloc::string::String` at tests/tests/validate.rs:"), "{text}");
    assert!(lines[1].starts_with("error: callback `validate::typo` at tests/tests/validate.rs:"), "{text}");
    assert!(lines[1].ends_with("uses undeclared hook `user_craeted`: did you mean `user_created`?"), "{text}");
    assert!(lines[2].contains("callback `validate::wrong_payload`"), "{text}");
    assert!(
        lines[2].contains("takes `&alloc::string::String`, but hook `user_created` is declared with payload `u64`")
    );
    assert!(lines[3].starts_with("warning: callback `validate::undeclared_elsewhere`"), "{text}");
    assert!(lines[3].ends_with("uses hook `audit_trail`, which is not declared"), "{text}");
    assert!(lines[4].starts_with("warning: hook `refund_issued` declared twice: "), "{text}");
    assert_eq!(validation.errors().count(), 3);
    assert_eq!(validation.warnings().count(), 2);
}

#[test]
fn declarations_keep_docs_and_locations() {
    let hook = registry().hook("user_created").unwrap();
    let declaration = hook.declaration().unwrap();
    assert_eq!(declaration.docs(), "A user was stored.");
    assert_eq!(declaration.payload_type_name(), Some("u64"));
    assert!(declaration.file().ends_with("validate.rs"));
    assert_eq!(registry().declarations().filter(|d| d.name() == "order_placed").count(), 2);
}
