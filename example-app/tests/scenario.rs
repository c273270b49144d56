//! The credit system scenario end to end: one registration through the typed `user_created`
//! hook, what each module left in the store, and what the registry shows.
//!
//! Tests run in parallel in one process and share its store, so each looks only at its own
//! user's records, and the demo (which registers `ada`) runs once for all of them.

use std::sync::OnceLock;

use example_app::events::{self, Timestamp, UserCreated, UserData, UserModules, WalletSection, user_created};
use example_app::store;
use example_app::user_management::{NewUser, RegistrationError, register_user};
use example_app::{DemoSummary, EXPECTED_COUNTS, run_demo};

/// The demo's summary and printed output, from its one run in this process.
fn demo() -> &'static (DemoSummary, String) {
    static DEMO: OnceLock<(DemoSummary, String)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let mut output = Vec::new();
        let result = run_demo(&mut output);
        let output = String::from_utf8(output).expect("the demo prints UTF-8");
        match result {
            Ok(summary) => (summary, output),
            Err(error) => panic!("demo failed: {error}\n--- output ---\n{output}"),
        }
    })
}

fn new_user(username: &str) -> NewUser {
    NewUser {
        username: username.to_owned(),
        email: format!("{username}@example.com"),
        first_name: "Test".to_owned(),
        last_name: "User".to_owned(),
        app_id: "scenario".to_owned(),
        app_name: "Scenario App".to_owned(),
        source: "test".to_owned(),
    }
}

#[test]
fn callbacks_run_in_priority_order_and_each_leaves_one_record() {
    let (summary, _) = demo();
    assert!(summary.report.is_ok(), "{}", summary.report);
    assert_eq!(summary.report.ran(), 3);
    assert!(summary.report.hook_known());
    assert_eq!(summary.execution_order, ["wallet", "communications", "transactions"]);
    assert_eq!(summary.counts, EXPECTED_COUNTS);

    let wallet = summary.wallet.as_ref().expect("a wallet");
    assert_eq!(
        (wallet.user_id.as_str(), wallet.balance, wallet.currency.as_str()),
        (summary.user.user_id.as_str(), 0, "credits")
    );

    let [transaction] = summary.transactions.as_slice() else { panic!("one transaction: {:?}", summary.transactions) };
    assert_eq!(transaction.kind, "opening");
    assert_eq!(transaction.amount, 0);
    assert_eq!(transaction.balance_after, 0);
    assert_eq!(transaction.wallet_id, wallet.id);
    assert_eq!(transaction.currency, "credits");
}

#[test]
fn the_welcome_notification_has_the_documented_fields() {
    let (summary, _) = demo();
    let [notification] = summary.notifications.as_slice() else {
        panic!("one notification: {:?}", summary.notifications)
    };
    assert_eq!(notification.user_id, summary.user.user_id);
    assert_eq!(notification.kind, "welcome");
    assert_eq!(notification.title, "Welcome to Credit Demo!");
    assert!(notification.message.contains("Ada"), "{}", notification.message);
    assert_eq!(notification.priority, "normal");
    assert_eq!(notification.status, "unread");
    assert!(notification.created_at >= summary.user.created_at);
    assert_eq!(notification.metadata.source, "external_app");
    assert_eq!(notification.metadata.app_name, "Credit Demo");
    assert_eq!(notification.metadata.email, "ada@example.com");
}

#[test]
fn the_payload_mirrors_the_original_hook_data() {
    let (summary, _) = demo();
    let user = &summary.user;
    assert_eq!((user.username.as_str(), user.email.as_str()), ("ada", "ada@example.com"));
    assert_eq!(
        (user.app_id.as_str(), user.app_name.as_str(), user.source.as_str()),
        ("credit_demo", "Credit Demo", "external_app")
    );
    assert_eq!(user.user_data.first_name, "Ada");
    assert_eq!(user.user_data.status, "active");
    let wallet = &user.user_data.modules.wallet;
    assert!(wallet.enabled);
    assert_eq!((wallet.balance, wallet.currency.as_str()), (0, "credits"));
    assert!(user.created_at.to_string().ends_with('Z'));
}

#[test]
fn the_dump_lists_the_three_callbacks_in_priority_order() {
    let (summary, output) = demo();
    assert!(summary.validation.is_clean(), "{}", summary.validation);
    assert!(summary.validation.findings().is_empty(), "{}", summary.validation);

    let lines: Vec<&str> = summary.dump.lines().collect();
    let header = lines.iter().position(|line| line.starts_with("user_created ")).expect("a user_created section");
    assert!(lines[header].contains("example_app::events::UserCreated"), "{}", lines[header]);
    // The section header, optional `docs:` lines, the column header, then one row per callback;
    // the columns are found by name, so new columns do not break the test.
    let columns = header
        + lines[header..].iter().position(|line| line.trim_start().starts_with("priority")).expect("a column header");
    let names: Vec<&str> = lines[columns].split_whitespace().collect();
    let column = |name: &str| names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("a {name} column"));
    let wanted = [column("priority"), column("context"), column("callback")];
    let rows: Vec<Vec<&str>> = lines[columns + 1..columns + 4]
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            wanted.iter().map(|&index| cells[index]).collect()
        })
        .collect();
    let expected = [
        ["5", "wallet", "example_app::wallet::open_wallet"],
        ["10", "communications", "example_app::communications::send_welcome"],
        ["15", "transactions", "example_app::transactions::record_opening"],
    ];
    for (row, expected) in rows.iter().zip(expected) {
        assert_eq!(row[..], expected, "{}", summary.dump);
    }

    let json = hooks_core::registry().dump().to_json();
    let positions: Vec<usize> = ["open_wallet", "send_welcome", "record_opening"]
        .iter()
        .map(|name| json.find(name).unwrap_or_else(|| panic!("{name} in {json}")))
        .collect();
    assert!(positions.is_sorted(), "{json}");

    assert!(output.contains(&summary.dump), "the demo prints the dump");
    assert!(output.contains("validation: hooks: validation clean"), "{output}");
    assert!(output.contains("checks: ok"), "{output}");
}

#[test]
fn each_registration_gets_its_own_account() {
    let registration = register_user(new_user("grace")).expect("grace registers");
    assert!(registration.report.is_ok(), "{}", registration.report);
    let user_id = &registration.event.user_id;
    let store = store::lock();
    assert_eq!(store.counts_of(user_id), EXPECTED_COUNTS);
    assert_eq!(store.execution_order_of(user_id), ["wallet", "communications", "transactions"]);
    assert_eq!(store.notifications_of(user_id).next().unwrap().title, "Welcome to Scenario App!");
}

#[test]
fn invalid_or_duplicate_registrations_are_refused_before_the_hook() {
    let mut missing = new_user("nobody");
    missing.app_name = " ".to_owned();
    assert_eq!(register_user(missing).unwrap_err(), RegistrationError::MissingField("app_name"));

    let mut bad_email = new_user("linus");
    bad_email.email = "linus-at-example.com".to_owned();
    assert!(matches!(register_user(bad_email), Err(RegistrationError::InvalidEmail(_))));

    assert!(matches!(register_user(new_user("x")), Err(RegistrationError::InvalidUsername(_))));

    assert!(register_user(new_user("barbara")).expect("first registration").report.is_ok());
    assert_eq!(register_user(new_user("barbara")).unwrap_err(), RegistrationError::UsernameTaken("barbara".into()));
    let mut same_email = new_user("barbara2");
    same_email.email = "BARBARA@example.com".to_owned();
    assert!(matches!(register_user(same_email), Err(RegistrationError::EmailTaken(_))));

    let store = store::lock();
    for username in ["nobody", "linus", "x", "barbara2"] {
        assert!(store.users.iter().all(|user| user.username != username), "{username} was stored");
    }
    assert_eq!(store.users.iter().filter(|user| user.username == "barbara").count(), 1);
}

fn event_without_wallet(user_id: &str) -> UserCreated {
    let now = Timestamp::now();
    let mut wallet = WalletSection::new_account(now);
    wallet.enabled = false;
    UserCreated {
        user_id: user_id.to_owned(),
        username: user_id.to_owned(),
        email: format!("{user_id}@example.com"),
        user_data: UserData {
            first_name: String::new(),
            last_name: String::new(),
            status: "active".to_owned(),
            modules: UserModules { wallet },
        },
        created_at: now,
        app_id: "scenario".to_owned(),
        app_name: "Scenario App".to_owned(),
        source: "test".to_owned(),
    }
}

#[test]
fn a_failing_callback_is_reported_and_does_not_stop_the_others() {
    // No wallet, so transactions has nothing to book the opening on; the others still ran.
    let event = event_without_wallet("scenario_no_wallet");
    let report = hooks_core::trigger!(user_created, &event);
    assert_eq!(report.ran(), 3);
    let [failure] = report.failures() else { panic!("one failure: {report}") };
    assert_eq!(failure.callback_path(), "example_app::transactions::record_opening");
    assert_eq!(failure.message(), "user scenario_no_wallet has no wallet: no opening transaction recorded");

    let store = store::lock();
    assert_eq!(store.execution_order_of(&event.user_id), ["wallet", "communications", "transactions"]);
    let counts = store.counts_of(&event.user_id);
    assert_eq!((counts.wallets, counts.notifications, counts.transactions), (0, 1, 0));
}

#[test]
fn a_context_trigger_runs_only_that_module() {
    let event = event_without_wallet("scenario_context");
    let report = hooks_core::trigger!(user_created, &event, context = events::communications);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 1);
    let store = store::lock();
    assert_eq!(store.execution_order_of(&event.user_id), ["communications"]);
    let notification = store.notifications_of(&event.user_id).next().expect("a welcome notification");
    assert!(notification.message.starts_with("Hello scenario_context,"), "{}", notification.message);
}

#[test]
fn the_typed_items_carry_the_names_the_registry_shows() {
    assert_eq!(user_created::NAME, "user_created");
    let contexts = [events::wallet::NAME, events::communications::NAME, events::transactions::NAME];
    assert_eq!(contexts, ["wallet", "communications", "transactions"]);
    let hook = hooks_core::registry().hook(user_created::NAME).expect("user_created is registered");
    let registered: Vec<_> = hook.callbacks().map(|callback| callback.context()).collect();
    assert_eq!(registered, contexts.map(Some));
}

/// The one place example-app uses the string form, on purpose: a hook named by the string
/// `"user_created"` and the context `"wallet"` (as a caller that only knows names would write)
/// reach the same callbacks as the typed items. Everything else uses the typed items.
#[test]
fn the_string_form_reaches_the_typed_hook() {
    let event = event_without_wallet("scenario_string_form");
    let report = hooks_core::trigger!("user_created", &event, context = "wallet");
    assert!(report.is_ok(), "{report}");
    assert!(report.hook_known());
    assert_eq!(report.ran(), 1);
    assert_eq!(store::lock().execution_order_of(&event.user_id), ["wallet"]);
}
