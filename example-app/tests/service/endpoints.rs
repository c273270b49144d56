//! The status and debug endpoints, and the registry they show.

use reqwest::StatusCode;

use crate::support::TestServer;

#[tokio::test]
async fn modules_status_lists_each_module_its_health_and_callbacks() {
    let server = TestServer::start().await;
    let (status, reply) = server.get("/modules/status").await;
    assert_eq!(status, StatusCode::OK);
    let modules = reply["modules"].as_object().expect("modules object");
    let names: Vec<&str> = modules.keys().map(String::as_str).collect();
    assert_eq!(names, ["communications", "monitoring", "payments", "transactions", "user_management", "wallet"]);
    for (name, module) in modules {
        assert_eq!(module["health"]["status"], "healthy", "{name}");
    }
    let wallet: Vec<(String, u64)> = modules["wallet"]["callbacks"]
        .as_array()
        .expect("callbacks")
        .iter()
        .map(|callback| {
            (callback["callback"].as_str().unwrap_or_default().to_owned(), callback["priority"].as_u64().unwrap_or(0))
        })
        .collect();
    let expected = [
        ("example_app::wallet::ready", 1),
        ("example_app::wallet::credit", 5),
        ("example_app::wallet::open_wallet", 10),
    ];
    assert_eq!(wallet, expected.map(|(path, priority)| (path.to_owned(), priority)));
}

#[tokio::test]
async fn debug_endpoints_are_off_unless_enabled() {
    let server = TestServer::start().await;
    for path in ["/debug/hooks", "/get-db-data"] {
        assert_eq!(server.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }

    let server = TestServer::start_with(true).await;
    let (status, dump) = server.get("/debug/hooks").await;
    assert_eq!(status, StatusCode::OK);
    let text = dump.to_string();
    for name in ["user_created", "credit_purchase", "system_error", "example_app::wallet::open_wallet"] {
        assert!(text.contains(name), "{name} missing from the dump {text}");
    }
    server.registered("debugged").await;
    let (status, data) = server.get("/get-db-data").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(data["users"].as_array().map(Vec::len), Some(1));
    let text = data.to_string();
    assert!(!text.contains("password") && !text.contains("argon2"), "{text}");
}

#[test]
fn the_registry_is_valid_and_every_hook_has_its_callbacks() {
    let registry = hooks_core::registry();
    let validation = registry.validate();
    assert!(validation.is_clean(), "{validation}");
    let callbacks = |hook: &str| -> Vec<(u8, Option<&str>)> {
        registry.hook(hook).map(|h| h.callbacks().map(|c| (c.priority(), c.context())).collect()).unwrap_or_default()
    };
    assert_eq!(callbacks("credit_purchase"), [(1, Some("payments"))]);
    let paid = [(5, Some("wallet")), (10, Some("communications")), (10, Some("transactions"))];
    assert_eq!(callbacks("payment_processed"), paid);
    // The ledger line runs after the wallet's credit by a constraint, not by its priority.
    let ledger = registry.callback("example_app::transactions::record_purchase").expect("the ledger callback");
    assert_eq!(ledger.after(), ["example_app::wallet::credit"]);
    assert_eq!(callbacks("payment_failed"), [(10, Some("communications"))]);
    assert_eq!(callbacks("user_logout"), [(10, Some("communications"))]);
    assert_eq!(callbacks("system_error"), [(1, Some("monitoring"))]);
    assert_eq!(callbacks("module_initialized").len(), 6);
    assert_eq!(callbacks("job_failed"), [(1, Some("monitoring"))]);
    // The callbacks of user_created and wallet_opened are durable (no order between them: the
    // default priority); every other callback is async and in-process.
    let durable = |hook: &str| -> Vec<(Option<&str>, u16)> {
        let mut durable: Vec<_> = registry
            .hook(hook)
            .map(|hook| hook.callbacks().filter_map(|c| Some((c.context(), c.durable()?.max_attempts()))).collect())
            .unwrap_or_default();
        durable.sort();
        durable
    };
    assert_eq!(durable("user_created"), [(Some("communications"), 10), (Some("wallet"), 10)]);
    assert_eq!(callbacks("user_created").len(), 2);
    assert_eq!(durable("wallet_opened"), [(Some("transactions"), 10)]);
    assert_eq!(callbacks("wallet_opened").len(), 1);
    // Failed callbacks reach the failure record through hooks-core's callback_failed, collected
    // by a sync callback (it runs for sync and async triggers alike).
    assert_eq!(callbacks("callback_failed"), [(10, None)]);
    // The promotions module's filter raises the credits of large purchases.
    assert_eq!(callbacks("credit_amount"), [(5, None)]);
    assert_eq!(registry.hook("credit_amount").map(|hook| hook.kind()), Some(hooks_core::HookKind::Filter));
    let in_process: Vec<_> = registry
        .callbacks()
        .filter(|callback| callback.durable().is_none() && callback.hook() != "callback_failed")
        .filter(|callback| callback.kind() == hooks_core::HookKind::Callbacks)
        .collect();
    assert!(in_process.iter().all(|c| c.is_async()));
    let expected = "6 module_initialized, credit_purchase, 3 payment_processed, payment_failed, user_login, user_logout, \
                    system_error, job_failed";
    assert_eq!(in_process.len(), 15, "{expected}");
}

#[tokio::test]
async fn metrics_are_served_only_with_the_flag() {
    let server = TestServer::start().await;
    assert_eq!(server.get("/metrics").await.0, StatusCode::NOT_FOUND);

    let server = TestServer::start_with_config(|config| config.metrics = true).await;
    let (_, token) = server.signed_in("metered").await;
    assert_eq!(server.post_as(&token, "/wallet/purchase", &serde_json::json!({ "amount": 2 })).await.0, StatusCode::OK);
    let response = reqwest::get(format!("http://{}/metrics", server.addr())).await.expect("GET /metrics");
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.expect("text");
    // The recorder is the process's: other tests' servers report into it too, so the lines are
    // checked, not their counts.
    for line in [
        "hooks_triggers_total{hook=\"module_initialized\",context=\"wallet\"}",
        "hooks_triggers_total{hook=\"credit_purchase\",context=\"\"}",
        "hooks_callback_calls_total{hook=\"user_login\",callback=\"example_app::user_management::record_login\",outcome=\"ok\"}",
        "hooks_callback_calls_total{hook=\"payment_processed\",callback=\"example_app::wallet::credit\",outcome=\"ok\"}",
        "hooks_callback_duration_seconds_count{hook=\"credit_purchase\",callback=\"example_app::payments::charge\"}",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "{line} missing from\n{text}");
    }
}
