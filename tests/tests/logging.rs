//! Logging through `tracing`: a span per trigger and an event per callback, only when wanted.

use hooks_core::{hook_callback, trigger};
use hooks_tests::block_on;
use hooks_tests::capture::Capture;
use tracing::Level;

struct Login;

#[hook_callback("user_login", priority = 2, context = "audit")]
fn audit(_: &Login) {}

#[hook_callback("user_login", priority = 8)]
fn refuse(_: &Login) -> Result<(), &'static str> {
    Err("account locked")
}

#[test]
fn a_span_per_trigger_and_an_event_per_callback() {
    let (report, records) = Capture::run(Level::TRACE, || trigger!("user_login", Login, context = "audit"));
    assert_eq!(report.ran(), 2);

    let spans: Vec<_> = records.iter().filter(|r| r.kind == "span" && r.name != "callback").collect();
    assert_eq!(spans.len(), 1, "{records:#?}");
    assert_eq!(spans[0].name, "trigger");
    assert_eq!(spans[0].target, "hooks");
    assert_eq!(spans[0].field("hook"), Some("user_login"));
    assert_eq!(spans[0].field("context"), Some("audit"));
    let callback_spans = records.iter().filter(|r| r.kind == "span" && r.name == "callback").count();
    assert_eq!(callback_spans, 2, "one per callback: {records:#?}");

    let finished: Vec<_> = records.iter().filter(|r| r.name == "callback finished").collect();
    assert_eq!(finished.len(), 2, "{records:#?}");
    assert_eq!(finished[0].field("callback"), Some("logging::audit"));
    assert_eq!(finished[0].field("priority"), Some("2"));
    assert_eq!(finished[0].field("outcome"), Some("ok"));
    assert_eq!(finished[1].field("callback"), Some("logging::refuse"));
    assert_eq!(finished[1].field("outcome"), Some("error"));
    for event in &finished {
        assert_eq!(event.level, Level::DEBUG);
        assert_eq!(event.scope, ["trigger"], "callback events happen inside the trigger's span");
        let elapsed: f64 = event.field("elapsed_us").unwrap().parse().unwrap();
        assert!(elapsed >= 0.0);
    }

    let errors: Vec<_> = records.iter().filter(|r| r.level == Level::ERROR).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].name, "hook callback failed: account locked");
    assert_eq!(errors[0].field("trigger_context"), Some("audit"));
    assert_eq!(errors[0].scope, ["trigger"]);
}

#[test]
fn with_debug_disabled_only_failures_are_logged() {
    let (report, records) = Capture::run(Level::INFO, || trigger!("user_login", Login));
    assert_eq!(report.ran(), 2);
    assert_eq!(report.failures().len(), 1);
    assert!(records.iter().all(|r| r.kind == "event"), "no span when debug is off: {records:#?}");
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].level, Level::ERROR);
    assert_eq!(records[0].field("callback"), Some("logging::refuse"));
    assert!(records[0].scope.is_empty());
}

#[test]
fn a_successful_trigger_logs_nothing_when_debug_is_off() {
    #[hook_callback("user_logout")]
    fn quiet(_: &Login) {}

    let (report, records) = Capture::run(Level::INFO, || trigger!("user_logout", Login));
    assert_eq!(report.ran(), 1);
    assert!(records.is_empty(), "{records:#?}");
}

struct Signup;

#[hook_callback("user_signup", priority = 1, context = "mail")]
fn greet(_: &Signup) {
    tracing::info!("greeting sent");
}

#[hook_callback("user_signup", priority = 2)]
async fn archive(_: &Signup) {
    tracing::info!("before the await");
    std::future::ready(()).await;
    tracing::info!("after the await");
}

#[test]
fn each_callback_runs_in_a_callback_span_naming_hook_context_and_path() {
    let (report, records) = Capture::run(Level::DEBUG, || trigger!("user_signup", Signup, context = "mail"));
    assert_eq!(report.ran(), 1, "the async callback is not run by the sync trigger");

    let callback_spans: Vec<_> = records.iter().filter(|r| r.kind == "span" && r.name == "callback").collect();
    assert_eq!(callback_spans.len(), 1, "{records:#?}");
    assert_eq!(callback_spans[0].target, "hooks");
    assert_eq!(callback_spans[0].field("hook"), Some("user_signup"));
    assert_eq!(callback_spans[0].field("context"), Some("mail"));
    assert_eq!(callback_spans[0].field("callback"), Some("logging::greet"));

    let greeting = records.iter().find(|r| r.name == "greeting sent").expect("the callback's own event");
    assert_eq!(greeting.scope, ["trigger", "callback"], "a callback's own log lines are inside its span");
    assert!(greeting.fields.is_empty(), "the callback logged no fields of its own: {greeting:#?}");
}

#[test]
fn async_callbacks_are_polled_inside_their_span() {
    let (report, records) = Capture::run(Level::DEBUG, || block_on(hooks_core::trigger_async!("user_signup", Signup)));
    assert_eq!(report.ran(), 2);

    let paths: Vec<_> =
        records.iter().filter(|r| r.kind == "span" && r.name == "callback").map(|r| r.field("callback")).collect();
    assert_eq!(paths, [Some("logging::greet"), Some("logging::archive")]);
    for line in ["greeting sent", "before the await", "after the await"] {
        let event = records.iter().find(|r| r.name == line).unwrap_or_else(|| panic!("{line}: {records:#?}"));
        assert_eq!(event.scope, ["trigger", "callback"], "{line}");
    }
}
