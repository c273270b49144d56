//! First-result hooks: callbacks asked in order, the first `Some` returned with the report, the
//! callbacks after it not called.

use hooks_core::{
    HookKind, declare_context, declare_first_result, first_result, first_result_async, hook_first_result, registry,
};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

#[derive(Debug)]
pub struct Parcel {
    pub grams: u32,
}

declare_first_result! {
    /// The shipping price of a parcel, in cents.
    pub first_result_quote: Parcel -> u64;
    /// Async answers.
    pub first_result_async_lookup: u32 -> String;
    /// Nobody answers this one.
    pub first_result_unanswered: u8 -> u8;
}

declare_context! { pub first_result_express; pub first_result_economy; }

#[hook_first_result(first_result_quote, priority = 1)]
fn broken_carrier(_: &Parcel) -> Result<Option<u64>, String> {
    JOURNAL.record("broken_carrier");
    Err("carrier API down".into())
}

#[hook_first_result(first_result_quote, priority = 2)]
fn panicking_carrier(parcel: &Parcel) -> Option<u64> {
    JOURNAL.record("panicking_carrier");
    if parcel.grams == 13 { panic!("unlucky parcel") } else { None }
}

#[hook_first_result(first_result_quote, priority = 3, context = first_result_express)]
fn express(_: &Parcel) -> Option<u64> {
    JOURNAL.record("express");
    Some(2_500)
}

#[hook_first_result(first_result_quote, priority = 4)]
fn letter_post(parcel: &Parcel) -> Option<u64> {
    JOURNAL.record("letter_post");
    (parcel.grams <= 500).then_some(190)
}

#[hook_first_result(first_result_quote, priority = 5)]
fn courier(parcel: &Parcel) -> Option<u64> {
    JOURNAL.record("courier");
    Some(900 + u64::from(parcel.grams) / 100)
}

#[test]
fn the_first_some_is_returned_and_later_callbacks_are_not_called() {
    let (price, report) = first_result!(first_result_quote, &Parcel { grams: 200 }, context = first_result_economy);
    assert_eq!(price, Some(190));
    assert_eq!(JOURNAL.take(), ["broken_carrier", "panicking_carrier", "letter_post"]);
    assert_eq!(report.ran(), 3);
    assert!(report.stopped_by().unwrap().path().ends_with("::letter_post"));
    assert_eq!(report.failures().len(), 1, "the broken carrier is reported: {report}");
}

#[test]
fn failing_and_panicking_callbacks_are_reported_and_the_next_one_is_asked() {
    let (price, report) = first_result!(first_result_quote, &Parcel { grams: 13 }, context = first_result_economy);
    assert_eq!(price, Some(190));
    let messages: Vec<_> = report.failures().iter().map(|f| f.message().to_owned()).collect();
    assert_eq!(messages, ["carrier API down", "unlucky parcel"]);
    JOURNAL.take();
}

#[test]
fn a_context_adds_its_callbacks_in_priority_order() {
    let (price, _) = first_result!(first_result_quote, &Parcel { grams: 200 }, context = first_result_express);
    assert_eq!(price, Some(2_500));
    assert_eq!(JOURNAL.take(), ["broken_carrier", "panicking_carrier", "express"]);
    let (price, _) = first_result!(first_result_quote, &Parcel { grams: 2_000 }, context = first_result_economy);
    assert_eq!(price, Some(920));
    assert_eq!(JOURNAL.take(), ["broken_carrier", "panicking_carrier", "letter_post", "courier"]);
}

#[hook_first_result(first_result_unanswered)]
fn never_answers(_: &u8) -> Option<u8> {
    JOURNAL.record("never_answers");
    None
}

#[test]
fn without_an_answer_the_result_is_none_and_every_callback_was_asked() {
    let (answer, report) = first_result!(first_result_unanswered, &1);
    assert_eq!(answer, None);
    assert_eq!((report.ran(), report.stopped_by().is_none()), (1, true));
    assert_eq!(JOURNAL.take(), ["never_answers"]);
}

#[hook_first_result(first_result_async_lookup, priority = 1)]
async fn slow_cache(_: &u32) -> Option<String> {
    tokio::task::yield_now().await;
    None
}

#[hook_first_result(first_result_async_lookup, priority = 2)]
fn table(id: &u32) -> Option<String> {
    (*id < 10).then(|| format!("small {id}"))
}

#[hook_first_result(first_result_async_lookup, priority = 3)]
async fn fallback(id: &u32) -> Result<Option<String>, String> {
    Ok(Some(format!("large {id}")))
}

#[tokio::test]
async fn async_callbacks_are_asked_in_order() {
    let (small, report) = first_result_async!(first_result_async_lookup, &3).await;
    assert_eq!(small.as_deref(), Some("small 3"));
    assert!(report.stopped_by().unwrap().path().ends_with("::table"));
    let (large, _) = first_result_async!(first_result_async_lookup, &30).await;
    assert_eq!(large.as_deref(), Some("large 30"));
}

#[test]
fn the_registry_and_the_dump_know_first_result_hooks() {
    let hook = registry().hook("first_result_quote").unwrap();
    assert_eq!(hook.kind(), HookKind::FirstResult);
    let declaration = hook.declaration().unwrap();
    assert_eq!(declaration.value_type_name(), Some("u64"));
    assert_eq!(declaration.argument_type_name(), Some(std::any::type_name::<Parcel>()));
    let table = registry().dump().to_string();
    let header = table.lines().find(|line| line.starts_with("first_result_quote ")).unwrap();
    let expected =
        format!("first_result_quote (first result: u64 from {}, declared at ", std::any::type_name::<Parcel>());
    assert!(header.starts_with(&expected), "{header}");
    let json: serde_json::Value = serde_json::from_str(&registry().dump().to_json()).unwrap();
    let hook = json["hooks"].as_array().unwrap().iter().find(|hook| hook["name"] == "first_result_quote").unwrap();
    assert_eq!((hook["kind"].as_str(), hook["value"].as_str()), (Some("first result"), Some("u64")));
}
