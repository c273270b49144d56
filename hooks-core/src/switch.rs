//! Runtime switches: callbacks disabled process-wide, and the flag that sends triggers off the
//! fast path once any switch or [`Scope`](crate::Scope) was used.
//!
//! Until then a trigger pays one relaxed atomic load for all of this. The flag is never cleared:
//! a program that used a switch or a scope once keeps checking, which costs the checked path's
//! per-callback test (see BENCHMARKS.md).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock};

use crate::Callback;

/// Whether a switch was flipped or a scope entered, ever, in this process.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The callbacks disabled process-wide, by record address.
static DISABLED: RwLock<Option<HashSet<usize>>> = RwLock::new(None);

/// How many callbacks [`DISABLED`] holds: a trigger reads the set only when some are.
static DISABLED_COUNT: AtomicUsize = AtomicUsize::new(0);

/// Whether triggers must check switches and scopes.
#[inline(always)]
pub(crate) fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Sends every later trigger through the checked path.
pub(crate) fn activate() {
    ACTIVE.store(true, Ordering::SeqCst);
}

fn key(callback: &'static Callback) -> usize {
    callback as *const Callback as usize
}

fn set(callback: &'static Callback, enabled: bool) {
    activate();
    let mut disabled = DISABLED.write().unwrap_or_else(PoisonError::into_inner);
    let disabled = disabled.get_or_insert_with(HashSet::new);
    if enabled {
        disabled.remove(&key(callback));
    } else {
        disabled.insert(key(callback));
    }
    DISABLED_COUNT.store(disabled.len(), Ordering::SeqCst);
}

/// Whether `callback` is disabled process-wide.
pub(crate) fn disabled(callback: &'static Callback) -> bool {
    if DISABLED_COUNT.load(Ordering::Relaxed) == 0 {
        return false;
    }
    DISABLED.read().unwrap_or_else(PoisonError::into_inner).as_ref().is_some_and(|set| set.contains(&key(callback)))
}

/// Disables the callbacks registered with `enabled = false`; called once, when the registry is
/// built.
pub(crate) fn start_disabled(callbacks: impl Iterator<Item = &'static Callback>) {
    for callback in callbacks.filter(|callback| !callback.options().enabled_at_start) {
        set(callback, false);
    }
}

impl Callback {
    /// Stops every trigger that starts afterwards, on any thread, from running this callback;
    /// the trigger's report counts it as [`skipped`](crate::TriggerReport::skipped). A kill
    /// switch for a misbehaving callback.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_switch_example")]
    /// fn noisy(_: &u8) {}
    ///
    /// let callback = hooks_core::registry().callback(&format!("{}::noisy", module_path!())).unwrap();
    /// callback.disable();
    /// let report = hooks_core::trigger!("doc_switch_example", 1u8);
    /// assert_eq!((report.ran(), report.skipped()), (0, 1));
    /// callback.enable();
    /// assert_eq!(hooks_core::trigger!("doc_switch_example", 1u8).ran(), 1);
    /// ```
    pub fn disable(&'static self) {
        set(self, false);
    }

    /// Lets triggers that start afterwards run this callback again (also one registered with
    /// `enabled = false`).
    ///
    /// See [`disable`](Self::disable) for an example.
    pub fn enable(&'static self) {
        set(self, true);
    }

    /// Whether the callback is enabled process-wide (a [`Scope`](crate::Scope) may still skip it
    /// on its own thread).
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_dark_launch", enabled = false)]
    /// fn new_feature(_: &u8) {}
    ///
    /// let callback = hooks_core::registry().hook("doc_dark_launch").unwrap().callbacks().next().unwrap();
    /// assert!(!callback.is_enabled());
    /// ```
    pub fn is_enabled(&'static self) -> bool {
        !disabled(self)
    }
}
