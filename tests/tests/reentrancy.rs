//! Callbacks may trigger hooks; runaway nesting is refused with a failure, not a stack overflow.

use std::cell::{Cell, RefCell};
use std::future::Future;

use hooks_core::{FailureKind, MAX_NESTING, TriggerReport, hook_callback, trigger};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

struct Order;
struct Shipment;

#[hook_callback("order_placed", priority = 1)]
fn reserve_stock(_: &Order) {
    JOURNAL.record("reserve_stock");
}

#[hook_callback("order_placed", priority = 2)]
fn ship(_: &Order) -> Result<(), String> {
    JOURNAL.record("ship");
    let report = trigger!("shipment_created", Shipment);
    if report.ran() == 1 && report.is_ok() { Ok(()) } else { Err(format!("shipment hook: {report}")) }
}

#[hook_callback("order_placed", priority = 3)]
fn confirm(_: &Order) {
    JOURNAL.record("confirm");
}

#[hook_callback("shipment_created")]
fn notify_carrier(_: &Shipment) {
    JOURNAL.record("notify_carrier");
}

#[test]
fn a_callback_can_trigger_another_hook() {
    let report = trigger!("order_placed", Order);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 3);
    assert_eq!(JOURNAL.take(), ["reserve_stock", "ship", "notify_carrier", "confirm"]);
}

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The depth at which a nested trigger was refused, and that trigger's report as text.
    static REFUSAL: RefCell<Option<(u32, usize, String)>> = const { RefCell::new(None) };
}

struct Echo;

/// Triggers its own hook again, forever, were it not for the nesting limit.
#[hook_callback("echo")]
fn echo(_: &Echo) -> Result<(), String> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let depth = DEPTH.with(Cell::get);
    let inner: TriggerReport = trigger!("echo", Echo);
    if let Some(FailureKind::NestingTooDeep { .. }) = inner.failures().first().map(|f| f.kind()) {
        let refusal = (depth, inner.ran(), inner.failures()[0].to_string());
        REFUSAL.with(|r| *r.borrow_mut() = Some(refusal));
    }
    match inner.is_ok() {
        true => Ok(()),
        false => Err(format!("nested trigger failed at depth {depth}")),
    }
}

#[test]
fn runaway_nesting_is_refused_with_a_failure() {
    let report = trigger!("echo", Echo);
    assert_eq!(DEPTH.with(Cell::get), MAX_NESTING, "the callback ran once per allowed level");
    let (depth, ran, message) = REFUSAL.with(|r| r.borrow_mut().take()).expect("a nested trigger was refused");
    assert_eq!(depth, MAX_NESTING, "refused when the 65th trigger was attempted");
    assert_eq!(ran, 0, "the refused trigger runs nothing");
    assert_eq!(message, "<trigger> refused: trigger of `echo` refused: triggers nested more than 64 deep");
    // Each level reported its inner failure as an `Err`, up to the outermost trigger.
    assert_eq!(report.ran(), 1);
    assert_eq!(report.failures()[0].message(), "nested trigger failed at depth 1");
    // The depth is released again: the next trigger on this thread nests as deep.
    DEPTH.with(|d| d.set(0));
    let _ = trigger!("echo", Echo);
    assert_eq!(DEPTH.with(Cell::get), MAX_NESTING);
}

#[test]
fn the_refusal_message_names_hook_and_limit() {
    let kind = FailureKind::NestingTooDeep { hook: "echo".into(), limit: MAX_NESTING };
    assert_eq!(kind.to_string(), "trigger of `echo` refused: triggers nested more than 64 deep");
}

static ASYNC_CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

struct AsyncEcho;

/// The async twin of `echo`: awaits a trigger of its own hook.
#[hook_callback("async_echo")]
async fn async_echo(_: &AsyncEcho) -> Result<(), String> {
    ASYNC_CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let inner = hooks_core::trigger_async!("async_echo", AsyncEcho).await;
    match inner.failures().first().map(|f| f.kind()) {
        None => Ok(()),
        Some(FailureKind::NestingTooDeep { limit, .. }) => Err(format!("refused at {limit}")),
        Some(_) => Err(inner.failures()[0].message().to_owned()),
    }
}

#[test]
fn runaway_async_nesting_is_refused_too() {
    let waker = std::task::Waker::noop();
    let mut context = std::task::Context::from_waker(waker);
    let mut trigger = std::pin::pin!(hooks_core::trigger_async!("async_echo", AsyncEcho));
    let std::task::Poll::Ready(report) = trigger.as_mut().poll(&mut context) else { panic!("nothing here waits") };
    assert_eq!(ASYNC_CALLS.load(std::sync::atomic::Ordering::SeqCst), MAX_NESTING);
    assert_eq!(report.failures()[0].message(), "refused at 64");
}

thread_local! {
    static PLAIN_DEPTH: Cell<u32> = const { Cell::new(0) };
    static PLAIN_REFUSED_AT: Cell<Option<u32>> = const { Cell::new(None) };
}

struct PlainEcho;

/// The twin of `echo` returning `()`: its hook runs on the fast path that is inlined into the call
/// site, which leaves its nesting level by hand.
#[hook_callback("plain_echo")]
fn plain_echo(_: &PlainEcho) {
    let depth = PLAIN_DEPTH.with(|d| {
        d.set(d.get() + 1);
        d.get()
    });
    let inner = trigger!("plain_echo", PlainEcho);
    if let Some(FailureKind::NestingTooDeep { .. }) = inner.failures().first().map(|f| f.kind()) {
        PLAIN_REFUSED_AT.with(|r| r.set(Some(depth)));
    }
}

struct PlainBoom;
struct FallibleBoom;

#[hook_callback("plain_boom")]
fn plain_boom(_: &PlainBoom) {
    panic!("plain boom");
}

#[hook_callback("fallible_boom")]
fn fallible_boom(_: &FallibleBoom) -> Result<(), String> {
    panic!("fallible boom");
}

/// The nesting depth reached by a `plain_echo` chain started at depth 0, and the depth at which
/// its innermost trigger was refused.
fn plain_chain() -> (u32, Option<u32>) {
    PLAIN_DEPTH.with(|d| d.set(0));
    PLAIN_REFUSED_AT.with(|r| r.set(None));
    let report = trigger!("plain_echo", PlainEcho);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 1);
    (PLAIN_DEPTH.with(Cell::get), PLAIN_REFUSED_AT.with(Cell::get))
}

#[test]
fn every_fast_path_leaves_its_level_after_a_success_and_after_a_panic() {
    assert_eq!(plain_chain(), (MAX_NESTING, Some(MAX_NESTING)), "the plain fast path nests 64 deep");
    // More panics than levels: a level kept by any of them would shorten the next chain.
    for _ in 0..=MAX_NESTING {
        let report = trigger!("plain_boom", PlainBoom);
        assert_eq!((report.ran(), report.failures()[0].kind()), (1, &FailureKind::Panic("plain boom".into())));
        let report = trigger!("fallible_boom", FallibleBoom);
        assert_eq!((report.ran(), report.failures()[0].kind()), (1, &FailureKind::Panic("fallible boom".into())));
    }
    assert_eq!(plain_chain(), (MAX_NESTING, Some(MAX_NESTING)), "every level was left");
}
