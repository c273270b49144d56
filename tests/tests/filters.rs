//! Filters: a value threaded through `#[hook_filter]` functions in priority order, each borrowing
//! the current value and returning the next; failures skipped from the last good value.

use hooks_core::{
    FailureKind, HookKind, Scope, apply_filters, apply_filters_async, declare_context, declare_filter, hook_filter,
    registry,
};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

#[derive(Debug, Clone, PartialEq)]
pub struct Purchase {
    pub cents: u64,
    pub customer: String,
}

declare_filter! {
    /// Credits a purchase adds.
    pub filters_credits: u64, Purchase;
    /// A title without an argument.
    pub filters_title: String;
    /// A filter that no function filters.
    pub filters_unused: Vec<u8>, u32;
    /// Filters that fail.
    pub filters_failing: i64;
    /// A filter with an async member.
    pub filters_async: String;
    /// A filter retried once.
    pub filters_retried: u32;
}

declare_context! { pub filters_promotions; pub filters_checkout; }

#[hook_filter(filters_credits, priority = 1)]
fn base_rate(credits: &u64, purchase: &Purchase) -> u64 {
    JOURNAL.record("base_rate");
    credits + purchase.cents / 100
}

#[hook_filter(filters_credits, priority = 5, context = filters_promotions)]
fn launch_bonus(credits: &u64, purchase: &Purchase) -> u64 {
    JOURNAL.record("launch_bonus");
    if purchase.cents >= 10_000 { credits * 2 } else { *credits }
}

#[hook_filter(filters_credits, priority = 9)]
fn round_to_ten(credits: &u64, _: &Purchase) -> Result<u64, String> {
    JOURNAL.record("round_to_ten");
    Ok(credits.div_ceil(10) * 10)
}

#[test]
fn the_value_goes_through_every_filter_in_priority_order() {
    let purchase = Purchase { cents: 12_300, customer: "ada".into() };
    let (credits, report) = apply_filters!(filters_credits, 5, &purchase);
    // (5 + 123) * 2 = 256, rounded up to 260.
    assert_eq!(credits, 260);
    assert_eq!(JOURNAL.take(), ["base_rate", "launch_bonus", "round_to_ten"]);
    assert_eq!(report.ran(), 3);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn a_context_runs_its_filters_and_the_global_ones() {
    let purchase = Purchase { cents: 12_300, customer: "ada".into() };
    let (checkout, _) = apply_filters!(filters_credits, 0, &purchase, context = filters_checkout);
    assert_eq!(JOURNAL.take(), ["base_rate", "round_to_ten"]);
    let (promoted, _) = apply_filters!(filters_credits, 0, &purchase, context = filters_promotions);
    assert_eq!(JOURNAL.take(), ["base_rate", "launch_bonus", "round_to_ten"]);
    assert_eq!((checkout, promoted), (130, 250));
}

#[test]
fn the_argument_may_be_a_temporary_value() {
    let (credits, _) = apply_filters!(filters_credits, 0, Purchase { cents: 100, customer: String::new() });
    assert_eq!(credits, 10);
    JOURNAL.take();
}

#[hook_filter(filters_title, priority = 1)]
fn trimmed(title: &String) -> String {
    title.trim().to_owned()
}

#[hook_filter(filters_title, priority = 2)]
fn capitalised(title: &String) -> String {
    let mut chars = title.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[test]
fn a_filter_without_an_argument() {
    let (title, report) = apply_filters!(filters_title, String::from("  welcome back "));
    assert_eq!(title, "Welcome back");
    assert_eq!(report.ran(), 2);
}

#[test]
fn a_filter_without_filters_returns_the_value_unchanged_and_validate_is_silent() {
    let (bytes, report) = apply_filters!(filters_unused, vec![1, 2, 3], &7);
    assert_eq!(bytes, [1, 2, 3]);
    assert_eq!((report.ran(), report.is_ok(), report.hook_known()), (0, true, true));
    let validation = registry().validate();
    let own: Vec<_> = validation.findings().iter().filter(|f| f.hook() == "filters_unused").collect();
    assert!(own.is_empty(), "{own:?}");
}

#[hook_filter(filters_failing, priority = 1)]
fn add_ten(value: &i64) -> i64 {
    JOURNAL.record("add_ten");
    value + 10
}

#[hook_filter(filters_failing, priority = 2)]
fn refuses(_: &i64) -> Result<i64, String> {
    JOURNAL.record("refuses");
    Err("over the limit".into())
}

#[hook_filter(filters_failing, priority = 3)]
fn explodes(_: &i64) -> i64 {
    JOURNAL.record("explodes");
    panic!("filter exploded")
}

#[hook_filter(filters_failing, priority = 4)]
fn doubles(value: &i64) -> i64 {
    JOURNAL.record("doubles");
    value * 2
}

#[test]
fn a_failing_or_panicking_filter_is_reported_and_the_chain_goes_on_from_the_last_good_value() {
    let (value, report) = apply_filters!(filters_failing, 1);
    assert_eq!(value, 22, "(1 + 10) * 2: the failed filters left the value alone");
    assert_eq!(JOURNAL.take(), ["add_ten", "refuses", "explodes", "doubles"]);
    assert_eq!(report.ran(), 4);
    let failures: Vec<_> =
        report.failures().iter().map(|f| (f.callback_path().rsplit("::").next(), f.kind().clone())).collect();
    assert_eq!(
        failures,
        [
            (Some("refuses"), FailureKind::Error("over the limit".into())),
            (Some("explodes"), FailureKind::Panic("filter exploded".into())),
        ]
    );
}

#[hook_filter(filters_async, priority = 1)]
fn opened(value: &String) -> String {
    format!("{value}<")
}

#[hook_filter(filters_async, priority = 2)]
async fn awaited(value: &String) -> String {
    tokio::task::yield_now().await;
    format!("{value}async")
}

#[hook_filter(filters_async, priority = 3)]
fn closed(value: &String) -> String {
    format!("{value}>")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_filters_run_in_order_with_the_sync_ones() {
    let (value, report) = apply_filters_async!(filters_async, String::from("v")).await;
    assert_eq!(value, "v<async>");
    assert_eq!((report.ran(), report.is_ok()), (3, true));
    // The future is Send: it may be spawned.
    let spawned = tokio::spawn(async { apply_filters_async!(filters_async, String::new()).await.0 });
    assert_eq!(spawned.await.unwrap(), "<async>");
}

#[test]
fn a_sync_apply_reports_an_async_filter_and_goes_on() {
    let (value, report) = apply_filters!(filters_async, String::from("v"));
    assert_eq!(value, "v<>");
    assert_eq!(report.failures().len(), 1);
    assert_eq!(report.failures()[0].kind(), &FailureKind::AsyncCallback);
}

static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

#[hook_filter(filters_retried, retry = 1)]
fn flaky(value: &u32) -> Result<u32, String> {
    match CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
        0 => Err("first call fails".into()),
        _ => Ok(value + 1),
    }
}

#[test]
fn a_retried_filter_passes_on_the_value_of_the_call_that_succeeded() {
    let (value, report) = apply_filters!(filters_retried, 41);
    assert_eq!(value, 42);
    assert!(report.is_ok(), "{report}");
    assert_eq!(CALLS.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn a_scope_may_disable_a_filter() {
    let path = format!("{}::launch_bonus", module_path!());
    let purchase = Purchase { cents: 12_300, customer: "ada".into() };
    let (credits, report) = Scope::new().disable(&path).run(|| apply_filters!(filters_credits, 0, &purchase));
    assert_eq!((credits, report.skipped()), (130, 1));
    assert_eq!(JOURNAL.take(), ["base_rate", "round_to_ten"]);
}

#[test]
fn the_registry_knows_filters_and_their_types() {
    let hook = registry().hook("filters_credits").unwrap();
    assert_eq!(hook.kind(), HookKind::Filter);
    let declaration = hook.declaration().unwrap();
    assert_eq!(declaration.value_type_name(), Some("u64"));
    assert_eq!(declaration.argument_type_name(), Some(std::any::type_name::<Purchase>()));
    let filter = hook.callbacks().next().unwrap();
    assert_eq!((filter.kind(), filter.value_type_name()), (HookKind::Filter, Some("u64")));
    assert!(!filter.is_fallible());
    assert!(hook.callbacks().last().unwrap().is_fallible());
    let title = registry().hook("filters_title").unwrap().declaration().unwrap();
    assert_eq!((title.value_type_name(), title.argument_type_name()), (Some(std::any::type_name::<String>()), None));
    let site = registry().trigger_sites().find(|site| site.hook() == "filters_title").unwrap();
    assert_eq!(site.kind(), HookKind::Filter);
}

#[test]
fn the_dump_shows_the_kind_and_the_types() {
    let table = registry().dump().to_string();
    let header = table.lines().find(|line| line.starts_with("filters_credits ")).unwrap();
    assert!(
        header.starts_with(&format!(
            "filters_credits (filter of u64, argument {}, declared at ",
            std::any::type_name::<Purchase>()
        )),
        "{header}"
    );
    let header = table.lines().find(|line| line.starts_with("filters_title ")).unwrap();
    assert!(header.starts_with("filters_title (filter of alloc::string::String, declared at "), "{header}");
    let json: serde_json::Value = serde_json::from_str(&registry().dump().to_json()).unwrap();
    let hook = json["hooks"].as_array().unwrap().iter().find(|hook| hook["name"] == "filters_credits").unwrap();
    assert_eq!(hook["kind"], "filter");
    assert_eq!(hook["value"], "u64");
    assert_eq!(hook["argument"], std::any::type_name::<Purchase>());
    let title = json["hooks"].as_array().unwrap().iter().find(|hook| hook["name"] == "filters_title").unwrap();
    assert_eq!(title["argument"], serde_json::Value::Null);
}

declare_filter! {
    /// Filters ordered by a constraint against their priorities.
    pub filters_constrained: String;
}

#[hook_filter(filters_constrained, priority = 1, after = suffix_b)]
fn suffix_a(value: &String) -> String {
    format!("{value}a")
}

#[hook_filter(filters_constrained, priority = 2)]
fn suffix_b(value: &String) -> String {
    format!("{value}b")
}

#[test]
fn a_constraint_orders_filters_over_their_priorities() {
    let (value, report) = apply_filters!(filters_constrained, String::new());
    assert_eq!(value, "ba");
    assert_eq!(report.ran(), 2);
    let hook = registry().hook("filters_constrained").unwrap();
    assert_eq!(hook.callbacks().next().map(|c| c.path()), Some(concat!(module_path!(), "::suffix_b")));
}
