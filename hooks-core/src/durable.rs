//! What the record of a durable callback carries: the options of its jobs, and the runner that the
//! durable-hooks crate (`hooks-durable`) gave it.
//!
//! hooks-core never runs a durable callback: a trigger leaves it out, and the dump and
//! `validate()` show it. The crate that enqueues and runs durable callbacks reads this record.

use std::any::Any;
use std::fmt;

/// The job options of a durable callback (`#[hook_callback(hook, durable)]`).
///
/// Durable callbacks are not run by a trigger: a trigger given the caller's database transaction
/// enqueues one job per durable callback in it, and workers run the jobs at least once. See
/// [`Callback::durable`](crate::Callback::durable).
pub struct Durable {
    max_attempts: u16,
    queue: Option<&'static str>,
    runner: &'static (dyn Any + Sync),
}

impl Durable {
    /// Not public API. Used by generated code.
    #[doc(hidden)]
    pub const fn new(max_attempts: u16, queue: Option<&'static str>, runner: &'static (dyn Any + Sync)) -> Self {
        Durable { max_attempts, queue, runner }
    }

    /// How many times a job of this callback is attempted before it is kept as a dead job.
    pub fn max_attempts(&self) -> u16 {
        self.max_attempts
    }

    /// The queue its jobs go to, `None` for the default queue.
    pub fn queue(&self) -> Option<&'static str> {
        self.queue
    }

    /// Not public API: the runner the durable-hooks crate downcasts to its own type.
    #[doc(hidden)]
    pub fn runner(&self) -> &'static (dyn Any + Sync) {
        self.runner
    }
}

impl fmt::Debug for Durable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Durable").field("max_attempts", &self.max_attempts).field("queue", &self.queue).finish()
    }
}
