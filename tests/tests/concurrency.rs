//! Many threads triggering at once while the registry is first built all see every callback.
//!
//! This binary holds a single test, so nothing builds the registry before the threads race.

use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use hooks_core::{hook_callback, registry, trigger};

static FIRST: AtomicUsize = AtomicUsize::new(0);
static SECOND: AtomicUsize = AtomicUsize::new(0);
static THIRD: AtomicUsize = AtomicUsize::new(0);

#[hook_callback("tick", priority = 1)]
fn first(_: &usize) {
    FIRST.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback("tick", priority = 2, context = "even")]
fn second(_: &usize) {
    SECOND.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback("tick", priority = 3)]
fn third(_: &usize) {
    THIRD.fetch_add(1, Ordering::SeqCst);
}

const THREADS: usize = 16;
const ROUNDS: usize = 100;

#[test]
fn first_use_from_many_threads_sees_every_callback() {
    let barrier = Barrier::new(THREADS);
    let ran: Vec<Vec<usize>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|index| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    (0..ROUNDS)
                        .map(|round| match (index + round) % 3 {
                            0 => trigger!("tick", index).ran(),
                            1 => trigger!("tick", index, context = "even").ran(),
                            _ => registry().trigger("tick", &index).ran(),
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for per_thread in &ran {
        assert!(per_thread.iter().all(|&n| n == 3), "{per_thread:?}");
    }
    let total = THREADS * ROUNDS;
    assert_eq!(FIRST.load(Ordering::SeqCst), total);
    assert_eq!(SECOND.load(Ordering::SeqCst), total);
    assert_eq!(THIRD.load(Ordering::SeqCst), total);
}
