//! Helpers shared by the integration tests: a journal of which callbacks ran, in which order.

use std::cell::RefCell;

thread_local! {
    static ENTRIES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Records the names of callbacks as they run, so a test can assert the order.
///
/// Callbacks run on the triggering thread, so entries are kept per thread: tests of one binary
/// run in parallel without seeing each other's entries.
#[derive(Debug, Default)]
pub struct Journal(());

impl Journal {
    /// A journal handle, usable in a `static`.
    pub const fn new() -> Self {
        Journal(())
    }

    /// Appends `entry` to this thread's entries.
    pub fn record(&self, entry: &'static str) {
        ENTRIES.with(|entries| entries.borrow_mut().push(entry));
    }

    /// Returns this thread's entries and clears them.
    pub fn take(&self) -> Vec<&'static str> {
        ENTRIES.with(|entries| std::mem::take(&mut *entries.borrow_mut()))
    }
}

pub mod capture;

/// Polls `future` to completion with a no-op waker: an executor that allocates nothing and needs
/// no runtime, for futures that make progress each time they are polled.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
