//! `callback_failed`: the hook hooks-core fires for every callback that finally failed, so that
//! failures can be counted, recorded or alerted on in one place, without wiring each trigger.

use crate::{Failure, TriggerReport};

crate::declare_hook! {
    /// Fired once for every callback that finally failed (returned `Err` after its retries, or
    /// panicked), in any trigger, after that trigger's callbacks ran. Failures of its own
    /// callbacks are logged and not fired again.
    ///
    /// A sync trigger runs its sync callbacks; an async trigger runs all of them, one after
    /// another. Triggers refused whole (unknown hook, nesting too deep) fire nothing.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use hooks_core::{CallbackFailed, hook_callback, trigger};
    ///
    /// static FAILURES: AtomicU32 = AtomicU32::new(0);
    ///
    /// #[hook_callback(hooks_core::callback_failed)]
    /// fn count(failed: &CallbackFailed) {
    ///     assert_eq!((failed.hook(), failed.message()), ("doc_failing", "declined"));
    ///     FAILURES.fetch_add(1, Ordering::SeqCst);
    /// }
    ///
    /// #[hook_callback("doc_failing")]
    /// fn declines(_: &u8) -> Result<(), String> {
    ///     Err("declined".to_string())
    /// }
    ///
    /// let _ = trigger!("doc_failing", 1u8);
    /// assert_eq!(FAILURES.load(Ordering::SeqCst), 1);
    /// ```
    pub callback_failed: CallbackFailed;
}

/// The payload of [`callback_failed`]: which callback of which trigger failed, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackFailed {
    hook: String,
    context: Option<String>,
    callback: &'static str,
    message: String,
    attempts: u32,
}

impl CallbackFailed {
    pub(crate) fn of(failure: &Failure, hook: &str, context: Option<&str>) -> CallbackFailed {
        CallbackFailed {
            hook: hook.to_owned(),
            context: context.map(str::to_owned),
            callback: failure.callback_path(),
            message: failure.message().to_owned(),
            attempts: failure.attempts(),
        }
    }

    /// The hook whose trigger ran the callback.
    pub fn hook(&self) -> &str {
        &self.hook
    }

    /// The trigger's context, `None` for a trigger without one.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// The failed callback's path, as the dump shows it.
    pub fn callback(&self) -> &'static str {
        self.callback
    }

    /// The error's message, or the panic's.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How many calls were made (see [`Failure::attempts`]).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Whether a trigger of `hook` with `report` fires [`callback_failed`]: some callback failed, and
/// the trigger is not one of `callback_failed` itself.
pub(crate) fn announces(report: &TriggerReport, hook: &str) -> bool {
    hook != callback_failed::NAME && report.failures().iter().any(|failure| failure.callback().is_some())
}
