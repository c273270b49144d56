//! `hooks_core::callback_failed`: fired once for every callback that finally failed, in any
//! trigger, with the hook, context, callback, message and attempts; its own failures are not fired
//! again.

use std::sync::Mutex;

use hooks_core::{CallbackFailed, callback_failed, hook_callback, trigger, trigger_async};

/// The failures seen by the sync and the async callback of `callback_failed`, by hook prefix.
static SEEN: Mutex<Vec<(&'static str, CallbackFailed)>> = Mutex::new(Vec::new());

fn seen(hook_prefix: &str) -> Vec<(&'static str, CallbackFailed)> {
    let mut seen = SEEN.lock().unwrap();
    let (of, rest): (Vec<_>, Vec<_>) = seen.drain(..).partition(|(_, failed)| failed.hook().starts_with(hook_prefix));
    *seen = rest;
    of
}

#[hook_callback(callback_failed, priority = 1)]
fn watch(failed: &CallbackFailed) {
    SEEN.lock().unwrap().push(("sync", failed.clone()));
}

#[hook_callback(callback_failed, priority = 2)]
async fn watch_async(failed: &CallbackFailed) {
    SEEN.lock().unwrap().push(("async", failed.clone()));
}

/// Fails itself, for the test that its own failures are not fired again.
#[hook_callback(callback_failed, priority = 3)]
fn fails_too(failed: &CallbackFailed) -> Result<(), String> {
    if failed.hook() == "failed_watcher_fails" { Err("the watcher fails".to_owned()) } else { Ok(()) }
}

#[hook_callback("failed_sync", priority = 1, context = "billing", retry = 1)]
fn declined(_: &u8) -> Result<(), String> {
    Err("card declined".to_owned())
}

#[hook_callback("failed_sync", priority = 2)]
fn fine(_: &u8) {}

#[hook_callback("failed_sync", priority = 3)]
fn explodes(_: &u8) {
    panic!("out of ink")
}

#[test]
fn a_sync_trigger_fires_it_once_per_failed_callback_for_its_sync_callbacks() {
    let report = trigger!("failed_sync", 1u8, context = "billing");
    assert_eq!(report.failures().len(), 2);
    let seen = seen("failed_sync");
    let facts: Vec<_> = seen
        .iter()
        .map(|(by, f)| {
            (*by, f.hook(), f.context(), f.callback().rsplit("::").next().unwrap(), f.message(), f.attempts())
        })
        .collect();
    assert_eq!(
        facts,
        [
            ("sync", "failed_sync", Some("billing"), "declined", "card declined", 2),
            ("sync", "failed_sync", Some("billing"), "explodes", "out of ink", 1),
        ],
        "once per failed callback, by the sync callback only: a sync trigger cannot run async ones"
    );
}

#[hook_callback("failed_async")]
async fn async_declined(_: &u8) -> Result<(), String> {
    Err("later".to_owned())
}

#[test]
fn an_async_trigger_runs_all_its_callbacks() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let report = runtime.block_on(trigger_async!("failed_async", 1u8));
    assert_eq!(report.failures().len(), 1);
    let by: Vec<_> = seen("failed_async").into_iter().map(|(by, f)| (by, f.message().to_owned())).collect();
    assert_eq!(by, [("sync", "later".to_owned()), ("async", "later".to_owned())]);
}

#[hook_callback("failed_watcher_fails")]
fn trips_the_watcher(_: &u8) -> Result<(), String> {
    Err("first failure".to_owned())
}

#[test]
fn its_own_failures_are_not_fired_again() {
    let report = trigger!("failed_watcher_fails", 1u8);
    assert_eq!(report.failures().len(), 1, "the watcher's failure is not the trigger's");
    let watched = seen("failed_watcher_fails");
    assert_eq!(watched.len(), 1, "{watched:?}");
    assert_eq!(watched[0].1.message(), "first failure");
    assert!(seen("callback_failed").is_empty(), "no callback_failed for callback_failed's own failures");
}

#[test]
fn a_trigger_without_failures_fires_nothing() {
    #[hook_callback("failed_none")]
    fn ok(_: &u8) {}
    assert!(trigger!("failed_none", 1u8).is_ok());
    assert!(seen("failed_none").is_empty());
    assert_eq!(callback_failed::NAME, "callback_failed");
}
