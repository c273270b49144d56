//! Without the `metrics` feature: nothing is reported, and the fast path stays available.

use std::time::Duration;

use crate::Callback;

/// Whether metrics are reported.
pub(crate) const ON: bool = false;

#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    Ok,
    Error,
    Panic,
    Skipped,
}

#[inline(always)]
pub(crate) fn trigger(_: &str, _: Option<&str>) {}

#[inline(always)]
pub(crate) fn callback(_: &'static Callback, _: Outcome, _: Option<Duration>) {}

#[inline(always)]
pub(crate) fn retries(_: &'static Callback, _: u32) {}
