//! A successful trigger allocates nothing on the heap. Counted with a global allocator that
//! counts only on the thread under test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hooks_tests::block_on;

use hooks_core::{apply_filters, declare_filter, hook_callback, hook_filter, registry, trigger, trigger_async};

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counter is a const-initialised thread-local
// without a destructor, so touching it never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations_during(body: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    body();
    ALLOCATIONS.with(Cell::get) - before
}

struct Deposit {
    amount: u64,
}

#[hook_callback("deposit", priority = 1, context = "wallet")]
fn credit(deposit: &Deposit) {
    std::hint::black_box(deposit.amount);
}

#[hook_callback("deposit", priority = 2)]
fn audit(deposit: &Deposit) -> Result<(), String> {
    if deposit.amount == 0 { Err("empty deposit".to_string()) } else { Ok(()) }
}

#[hook_callback("deposit", priority = 3, context = "mail")]
fn notify(_: &Deposit) {}

#[test]
fn successful_triggers_do_not_allocate() {
    let deposit = Deposit { amount: 10 };
    // The first trigger of each call site builds the registry and caches the plan.
    let warm_up = || {
        assert_eq!(trigger!("deposit", &deposit).ran(), 3);
        assert_eq!(trigger!("deposit", &deposit, context = "wallet").ran(), 2);
    };
    warm_up();
    let allocations = allocations_during(|| {
        for _ in 0..1_000 {
            let report = trigger!("deposit", &deposit);
            assert!(report.is_ok());
            let report = trigger!("deposit", &deposit, context = "wallet");
            assert!(report.is_ok());
            let report = registry().trigger("deposit", &deposit);
            assert!(report.is_ok());
        }
    });
    assert_eq!(allocations, 0);
}

#[test]
fn the_counter_sees_allocations_of_a_failing_trigger() {
    let empty = Deposit { amount: 0 };
    let allocations = allocations_during(|| {
        let report = trigger!("deposit", empty);
        assert_eq!(report.failures().len(), 1);
    });
    assert!(allocations >= 2, "the error message and the failure list are allocated, saw {allocations}");
}

declare_filter! {
    /// A fee, in cents, for a deposit.
    allocations_fee: u64, Deposit;
}

#[hook_filter(allocations_fee, priority = 1)]
fn base_fee(fee: &u64, deposit: &Deposit) -> u64 {
    fee + deposit.amount / 100
}

#[hook_filter(allocations_fee, priority = 2, context = "premium")]
fn premium_discount(fee: &u64, _: &Deposit) -> u64 {
    fee / 2
}

#[hook_filter(allocations_fee, priority = 3)]
fn capped(fee: &u64, _: &Deposit) -> Result<u64, String> {
    Ok((*fee).min(500))
}

#[test]
fn filters_whose_value_does_not_allocate_do_not_allocate() {
    let deposit = Deposit { amount: 10_000 };
    let warm_up = || {
        assert_eq!(apply_filters!(allocations_fee, 10, &deposit, context = "standard").0, 110);
        assert_eq!(apply_filters!(allocations_fee, 10, &deposit, context = "premium").0, 55);
    };
    warm_up();
    let allocations = allocations_during(|| {
        for _ in 0..1_000 {
            let (fee, report) = apply_filters!(allocations_fee, 10, &deposit, context = "standard");
            assert!(report.is_ok() && fee == 110);
            let (fee, report) = apply_filters!(allocations_fee, 10, &deposit, context = "premium");
            assert!(report.is_ok() && fee == 55);
        }
    });
    assert_eq!(allocations, 0);
}

#[hook_callback("allocations_async", priority = 1)]
async fn remember(deposit: &Deposit) {
    std::hint::black_box(deposit.amount);
}

#[hook_callback("allocations_async", priority = 2)]
async fn wait_once(deposit: &Deposit) {
    YieldOnce(false).await;
    std::hint::black_box(deposit.amount);
}

#[hook_callback("allocations_async", priority = 3)]
fn sync_between(deposit: &Deposit) {
    std::hint::black_box(deposit.amount);
}

#[hook_callback("allocations_async", priority = 4)]
async fn last(deposit: &Deposit) -> Result<(), String> {
    YieldOnce(false).await;
    if deposit.amount == 0 { Err("empty".into()) } else { Ok(()) }
}

/// Futures larger than the trigger's inline buffer: 1 KiB held across an await.
#[hook_callback("allocations_async_large", priority = 1)]
async fn large_one(deposit: &Deposit) {
    let buffer = [deposit.amount as u8; 1024];
    YieldOnce(false).await;
    std::hint::black_box(&buffer);
}

#[hook_callback("allocations_async_large", priority = 2)]
async fn large_two(deposit: &Deposit) {
    let buffer = [deposit.amount as u8; 2048];
    YieldOnce(false).await;
    std::hint::black_box(&buffer);
}

#[hook_callback("allocations_async_large", priority = 3)]
async fn large_three(deposit: &Deposit) {
    let buffer = [deposit.amount as u8; 512];
    YieldOnce(false).await;
    std::hint::black_box(&buffer);
}

/// Pending once, then ready: a callback that really suspends.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            return std::task::Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

#[test]
fn async_triggers_of_small_futures_do_not_allocate() {
    let deposit = Deposit { amount: 10 };
    assert_eq!(block_on(trigger_async!("allocations_async", &deposit)).ran(), 4);
    let allocations = allocations_during(|| {
        for _ in 0..1_000 {
            let report = block_on(trigger_async!("allocations_async", &deposit));
            assert!(report.is_ok() && report.ran() == 4);
        }
    });
    assert_eq!(allocations, 0);
}

#[test]
fn an_async_trigger_of_large_futures_allocates_once_whatever_the_number_of_callbacks() {
    let deposit = Deposit { amount: 10 };
    assert_eq!(block_on(trigger_async!("allocations_async_large", &deposit)).ran(), 3);
    let allocations = allocations_during(|| {
        for _ in 0..100 {
            let report = block_on(trigger_async!("allocations_async_large", &deposit));
            assert!(report.is_ok() && report.ran() == 3);
        }
    });
    assert_eq!(allocations, 100, "one buffer per trigger, shared by its three callbacks");
}

/// Two async callbacks of one priority, ready at their first poll, whose futures fit side by side
/// in the trigger's inline buffer (64 bytes): `concurrent = true` runs them as one batch.
#[hook_callback("allocations_concurrent", priority = 5)]
async fn batch_one(deposit: &Deposit) {
    std::hint::black_box(deposit.amount);
}

#[hook_callback("allocations_concurrent", priority = 5)]
async fn batch_two(deposit: &Deposit) -> Result<(), String> {
    if deposit.amount == 0 { Err("empty".into()) } else { Ok(()) }
}

#[hook_callback("allocations_concurrent_large", priority = 5)]
async fn large_batch_one(deposit: &Deposit) {
    let buffer = [deposit.amount as u8; 1024];
    YieldOnce(false).await;
    std::hint::black_box(&buffer);
}

#[hook_callback("allocations_concurrent_large", priority = 5)]
async fn large_batch_two(deposit: &Deposit) {
    let buffer = [deposit.amount as u8; 512];
    YieldOnce(false).await;
    std::hint::black_box(&buffer);
}

#[test]
fn a_concurrent_batch_of_small_futures_does_not_allocate() {
    let deposit = Deposit { amount: 10 };
    assert_eq!(block_on(trigger_async!("allocations_concurrent", &deposit, concurrent = true)).ran(), 2);
    let allocations = allocations_during(|| {
        for _ in 0..1_000 {
            let report = block_on(trigger_async!("allocations_concurrent", &deposit, concurrent = true));
            assert!(report.is_ok() && report.ran() == 2);
        }
    });
    assert_eq!(allocations, 0);
}

#[test]
fn a_concurrent_batch_of_large_futures_allocates_once_per_trigger() {
    let deposit = Deposit { amount: 10 };
    let first = block_on(trigger_async!("allocations_concurrent_large", &deposit, concurrent = true));
    assert_eq!(first.ran(), 2);
    let allocations = allocations_during(|| {
        for _ in 0..100 {
            let report = block_on(trigger_async!("allocations_concurrent_large", &deposit, concurrent = true));
            assert!(report.is_ok() && report.ran() == 2);
        }
    });
    assert_eq!(allocations, 100, "one buffer per trigger, holding the batch's two futures side by side");
}
