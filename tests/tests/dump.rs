//! The dump lists every callback in execution order; its JSON form carries the same information.

use hooks_core::{declare_hook, hook_callback, registry};
use serde_json::Value;

declare_hook!(
    /// A user was stored.
    /// Second line of docs with "quotes".
    "user_created", u32
);
declare_hook!("nobody_listens");

#[hook_callback("user_created", priority = 15, context = "transactions")]
fn record_transaction(_: &u32) -> Result<(), String> {
    Ok(())
}

#[hook_callback("user_created", priority = 5, context = "wallet")]
fn open_wallet(_: &u32) {}

#[hook_callback("user_created", priority = 10, context = "communications")]
fn send_welcome(_: &u32) {}

#[hook_callback("audit")]
fn audit(_: &String) {}

#[test]
fn table_lists_hooks_by_name_and_callbacks_in_order() {
    let table = registry().dump().to_string();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "audit (undeclared)");
    assert!(lines[1].split_whitespace().eq(["priority", "context", "kind", "callback", "location"]), "{table}");
    assert!(lines[2].split_whitespace().take(4).eq(["10", "-", "sync", "dump::audit"]), "{table}");
    assert!(lines[3].starts_with("nobody_listens (any payload, declared at tests/tests/dump.rs:"), "{table}");
    assert_eq!(lines[4], "  (no callbacks)");
    assert!(lines[5].starts_with("user_created (u32, declared at tests/tests/dump.rs:"), "{table}");
    assert_eq!(lines[6], "  docs: A user was stored. Second line of docs with \"quotes\".");
    let rows: Vec<Vec<&str>> = lines[8..].iter().map(|l| l.split_whitespace().collect()).collect();
    let line_of = |name: &str| {
        let source = include_str!("dump.rs");
        source.lines().position(|l| l.starts_with(&format!("fn {name}("))).unwrap() + 1
    };
    assert_eq!(
        rows,
        [
            vec![
                "5",
                "wallet",
                "sync",
                "dump::open_wallet",
                &format!("tests/tests/dump.rs:{}", line_of("open_wallet"))
            ],
            vec![
                "10",
                "communications",
                "sync",
                "dump::send_welcome",
                &format!("tests/tests/dump.rs:{}", line_of("send_welcome"))
            ],
            vec![
                "15",
                "transactions",
                "sync",
                "dump::record_transaction",
                &format!("tests/tests/dump.rs:{}", line_of("record_transaction"))
            ],
        ]
    );
}

#[test]
fn json_round_trips_the_registry() {
    let json: Value = serde_json::from_str(&registry().dump().to_json()).expect("the dump is valid JSON");
    let hooks = json["hooks"].as_array().unwrap();
    assert_eq!(hooks.len(), registry().hooks().len());
    for (parsed, hook) in hooks.iter().zip(registry().hooks()) {
        assert_eq!(parsed["name"], hook.name());
        let declaration = hook.declaration();
        assert_eq!(parsed["declared"], declaration.is_some());
        assert_eq!(parsed["payload"].as_str(), declaration.and_then(|d| d.payload_type_name()));
        assert_eq!(parsed["docs"].as_str(), declaration.map(|d| d.docs()));
        let callbacks = parsed["callbacks"].as_array().unwrap();
        assert_eq!(callbacks.len(), hook.callbacks().len());
        for (parsed, callback) in callbacks.iter().zip(hook.callbacks()) {
            assert_eq!(parsed["path"], callback.path());
            assert_eq!(parsed["priority"], callback.priority());
            assert_eq!(parsed["context"].as_str(), callback.context());
            assert_eq!(parsed["file"], callback.file());
            assert_eq!(parsed["line"], callback.line());
            assert_eq!(parsed["payload"], callback.payload_type_name());
            assert_eq!(parsed["fallible"], callback.is_fallible());
            assert_eq!(parsed["async"], callback.is_async());
        }
    }
    let user_created = &hooks[2];
    assert_eq!(user_created["docs"], "A user was stored.\nSecond line of docs with \"quotes\".");
    let order: Vec<&str> =
        user_created["callbacks"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(order, ["dump::open_wallet", "dump::send_welcome", "dump::record_transaction"]);
}
