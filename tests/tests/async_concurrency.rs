//! `concurrent = true` overlaps async callbacks of equal priority; priorities still order them.
//!
//! Overlap is shown by polling by hand: a callback waits on a gate that only the test opens, so
//! after one poll of the trigger, the callbacks that have started are exactly those that run
//! together. No timing is involved.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};

use hooks_core::{TriggerReport, hook_callback, trigger_async};

static EVENTS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
static GATE_OPEN: AtomicBool = AtomicBool::new(false);
/// One test at a time: they share the gate and the event list.
static SERIAL: Mutex<()> = Mutex::new(());

fn event(name: &'static str) {
    EVENTS.lock().unwrap().push(name);
}

fn take_events() -> Vec<&'static str> {
    std::mem::take(&mut *EVENTS.lock().unwrap())
}

/// Pending until the test opens the gate.
struct Gate;

impl Future for Gate {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if GATE_OPEN.load(Ordering::SeqCst) { Poll::Ready(()) } else { Poll::Pending }
    }
}

struct Batch;

#[hook_callback("batch", priority = 1)]
async fn first_a(_: &Batch) {
    event("start first_a");
    Gate.await;
    event("end first_a");
}

#[hook_callback("batch", priority = 1)]
async fn first_b(_: &Batch) -> Result<(), String> {
    event("start first_b");
    Gate.await;
    event("end first_b");
    Err("first_b gave up".into())
}

#[hook_callback("batch", priority = 2)]
async fn second(_: &Batch) {
    event("start second");
}

fn poll_once(future: Pin<&mut impl Future<Output = TriggerReport>>) -> Poll<TriggerReport> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn concurrent_mode_starts_equal_priorities_together() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    GATE_OPEN.store(false, Ordering::SeqCst);
    take_events();

    let mut trigger = pin!(trigger_async!("batch", Batch, concurrent = true));
    assert!(poll_once(trigger.as_mut()).is_pending());
    assert_eq!(take_events(), ["start first_a", "start first_b"], "both priority-1 callbacks are running");

    assert!(poll_once(trigger.as_mut()).is_pending());
    assert!(take_events().is_empty(), "the priority-2 callback waits for the whole batch");

    GATE_OPEN.store(true, Ordering::SeqCst);
    let Poll::Ready(report) = poll_once(trigger.as_mut()) else { panic!("every callback can finish now") };
    assert_eq!(take_events(), ["end first_a", "end first_b", "start second"]);
    assert_eq!(report.ran(), 3);
    assert_eq!(report.failures().len(), 1);
    assert_eq!(report.failures()[0].callback_path(), "async_concurrency::first_b");
}

#[test]
fn sequential_mode_awaits_each_callback_before_the_next() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    GATE_OPEN.store(false, Ordering::SeqCst);
    take_events();

    let mut trigger = pin!(trigger_async!("batch", Batch));
    assert!(poll_once(trigger.as_mut()).is_pending());
    assert!(poll_once(trigger.as_mut()).is_pending());
    assert_eq!(take_events(), ["start first_a"], "first_b has not started while first_a waits");

    GATE_OPEN.store(true, Ordering::SeqCst);
    let Poll::Ready(report) = poll_once(trigger.as_mut()) else { panic!("every callback can finish now") };
    assert_eq!(take_events(), ["end first_a", "start first_b", "end first_b", "start second"]);
    assert_eq!(report.ran(), 3);
}

#[test]
fn concurrent_callbacks_meet_at_a_barrier_on_a_real_runtime() {
    #[hook_callback("rendezvous")]
    async fn left(barrier: &tokio::sync::Barrier) {
        barrier.wait().await;
    }

    #[hook_callback("rendezvous")]
    async fn right(barrier: &tokio::sync::Barrier) {
        barrier.wait().await;
    }

    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    let report = runtime.block_on(async {
        let barrier = tokio::sync::Barrier::new(2);
        // Sequentially, `left` would wait for `right` forever; the timeout turns that into a failure.
        let trigger = trigger_async!("rendezvous", barrier, concurrent = true);
        tokio::time::timeout(std::time::Duration::from_secs(30), trigger).await
    });
    let report = report.expect("both callbacks reached the barrier together");
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 2);
}
