//! Metrics (feature `metrics`): triggers, callback calls by outcome, callback durations and
//! retries, reported through the `metrics` facade by [`recorder`]. Without the feature every
//! function here is empty and the fast path stays available.

use std::time::Duration;

use crate::Callback;

#[cfg(feature = "metrics")]
mod recorder;

/// Whether metrics are reported: every trigger then takes the checked path, which times callbacks.
pub(crate) const ON: bool = cfg!(feature = "metrics");

/// How a callback call ended, as the `outcome` label says it.
#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    Ok,
    Error,
    Panic,
    Skipped,
}

/// Counts a trigger: `hooks_triggers_total{hook, context}` (an empty context for none).
#[inline(always)]
pub(crate) fn trigger(hook: &str, context: Option<&str>) {
    #[cfg(feature = "metrics")]
    recorder::trigger(hook, context);
    #[cfg(not(feature = "metrics"))]
    let _ = (hook, context);
}

/// Counts a callback call by outcome, and records its duration when it ran.
#[inline(always)]
pub(crate) fn callback(callback: &'static Callback, outcome: Outcome, elapsed: Option<Duration>) {
    #[cfg(feature = "metrics")]
    recorder::callback(callback, outcome, elapsed);
    #[cfg(not(feature = "metrics"))]
    let _ = (callback, outcome, elapsed);
}

/// Counts a callback's retries.
#[inline(always)]
pub(crate) fn retries(callback: &'static Callback, retries: u32) {
    #[cfg(feature = "metrics")]
    recorder::retries(callback, retries);
    #[cfg(not(feature = "metrics"))]
    let _ = (callback, retries);
}
