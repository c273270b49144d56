//! Runtime switches: a callback disabled process-wide is skipped by every trigger that starts
//! afterwards, on every thread, and counted in the report; `enabled = false` starts disabled.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use hooks_core::{hook_callback, registry, trigger, trigger_async};

static FIRST: AtomicUsize = AtomicUsize::new(0);
static SECOND: AtomicUsize = AtomicUsize::new(0);

#[hook_callback("switch_order", priority = 1)]
fn first(_: &u32) {
    FIRST.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback("switch_order", priority = 2)]
fn second(_: &u32) {
    SECOND.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback("switch_dark_launch", enabled = false)]
fn dark(_: &u32) {}

#[hook_callback("switch_async")]
async fn in_async(_: &u32) {}

fn path(name: &str) -> String {
    format!("{}::{name}", module_path!())
}

#[test]
fn a_disabled_callback_is_skipped_counted_and_enabled_again() {
    let callback = registry().callback(&path("second")).expect("found by its dump path");
    assert!(callback.is_enabled());
    let before = (FIRST.load(Ordering::SeqCst), SECOND.load(Ordering::SeqCst));
    callback.disable();
    assert!(!callback.is_enabled());
    let report = trigger!("switch_order", 1u32);
    assert_eq!((report.ran(), report.skipped(), report.is_ok()), (1, 1, true));
    assert_eq!(report.to_string(), "1 callback(s) ran, 0 failed, 1 skipped");
    callback.enable();
    let report = trigger!("switch_order", 1u32);
    assert_eq!((report.ran(), report.skipped()), (2, 0));
    assert_eq!(
        (FIRST.load(Ordering::SeqCst) - before.0, SECOND.load(Ordering::SeqCst) - before.1),
        (2, 1),
        "the disabled callback did not run, the other one did"
    );
}

#[test]
fn enabled_false_starts_disabled_until_enabled() {
    let callback = registry().callback(&path("dark")).expect("registered");
    assert!(!callback.is_enabled());
    let report = trigger!("switch_dark_launch", 1u32);
    assert_eq!((report.ran(), report.skipped()), (0, 1));
}

#[test]
fn async_triggers_skip_disabled_callbacks_too() {
    let callback = registry().callback(&path("in_async")).expect("registered");
    callback.disable();
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let report = runtime.block_on(trigger_async!("switch_async", 1u32));
    assert_eq!((report.ran(), report.skipped()), (0, 1));
    callback.enable();
    let report = runtime.block_on(trigger_async!("switch_async", 1u32));
    assert_eq!((report.ran(), report.skipped()), (1, 0));
}

#[test]
fn an_unknown_path_finds_nothing() {
    assert!(registry().callback("switches::no_such_callback").is_none());
}

#[hook_callback("switch_flipped_under_load")]
fn flipped(_: &u32) {}

/// Threads trigger while another flips the switch: every trigger either ran the callback or
/// skipped it, never both or neither, and nothing panics or deadlocks.
#[test]
fn flipping_a_switch_while_other_threads_trigger() {
    let callback = registry().callback(&path("flipped")).expect("registered");
    let start = Arc::new(Barrier::new(5));
    let triggering: Vec<_> = (0..4)
        .map(|_| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                let (mut ran, mut skipped) = (0, 0);
                for _ in 0..20_000 {
                    let report = trigger!("switch_flipped_under_load", 1u32);
                    assert_eq!(report.ran() + report.skipped(), 1, "{report}");
                    ran += report.ran();
                    skipped += report.skipped();
                }
                (ran, skipped)
            })
        })
        .collect();
    start.wait();
    for flip in 0..2_000 {
        if flip % 2 == 0 { callback.disable() } else { callback.enable() }
    }
    callback.enable();
    let counts: Vec<(usize, usize)> = triggering.into_iter().map(|thread| thread.join().expect("no panic")).collect();
    assert!(counts.iter().all(|(ran, skipped)| ran + skipped == 20_000), "{counts:?}");
    assert_eq!(trigger!("switch_flipped_under_load", 1u32).ran(), 1, "enabled at the end");
}
