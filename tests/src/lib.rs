//! Helpers shared by the integration tests: a journal of which callbacks ran, in which order.

use std::sync::Mutex;

/// Records the names of callbacks as they run, so a test can assert the order.
#[derive(Debug, Default)]
pub struct Journal {
    entries: Mutex<Vec<&'static str>>,
}

impl Journal {
    /// An empty journal, usable in a `static`.
    pub const fn new() -> Self {
        Journal { entries: Mutex::new(Vec::new()) }
    }

    /// Appends `entry`.
    pub fn record(&self, entry: &'static str) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
    }

    /// Returns the entries recorded so far and clears the journal.
    pub fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()))
    }
}
