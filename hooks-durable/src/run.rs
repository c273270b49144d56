//! Running one attempt of a job, whatever the engine: find the callback by its path, call its
//! runner with the job, catch a panic, and say what happened in a span.
//!
//! # Finding the callback
//!
//! Every durable callback is stored under one job kind, so that every worker instance knows the
//! kind and no leader ever discards a job for being of an unknown kind. The job names its
//! callback by path; this module looks the path up in hooks-core's registry (indexed once). A path
//! this binary does not know (an instance of an older or newer version during a rolling deploy)
//! is [`Missing`]: the engine snoozes the job, without using an attempt, for an instance that
//! knows it.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::OnceLock;
use std::time::Duration;

use futures_util::FutureExt;
use hooks_core::Callback;

use crate::job::{Facts, Job};

/// How long a job whose callback this binary does not know waits before another instance (or this
/// one, after a deploy) looks at it again.
pub(crate) const MISSING_CALLBACK_SNOOZE: Duration = Duration::from_secs(30);

/// The function a durable callback's runner calls: decode the payload, run the callback with the
/// job, convert its result. `#[hook_callback(hook, durable)]` generates it.
pub(crate) type RunFn =
    for<'a, 'b> fn(&'a str, &'a mut Job<'b>) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Not public API. Used by generated code: what a durable callback's record holds for this crate
/// (hooks-core keeps it as `&dyn Any` and never calls it).
pub struct Runner {
    run: RunFn,
}

impl Runner {
    /// Not public API. Used by generated code.
    pub const fn new(run: RunFn) -> Self {
        Runner { run }
    }
}

impl fmt::Debug for Runner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runner").finish_non_exhaustive()
    }
}

/// A durable callback of this binary, found by path.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub(crate) callback: &'static Callback,
    runner: &'static Runner,
}

/// Why a job's callback path cannot be run by this binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Missing {
    /// No callback has this path.
    Unknown,
    /// The callback exists but is not durable (any more, or not yet).
    NotDurable,
    /// The callback's runner was not made by this crate (a second copy of it, another version).
    ForeignRunner,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Missing::Unknown => "no callback of this binary has this path",
            Missing::NotDurable => "the callback of this path is not durable in this binary",
            Missing::ForeignRunner => "the callback's runner comes from another copy of hooks-durable",
        })
    }
}

/// Finds the durable callback of `path`.
pub(crate) fn find(path: &str) -> Result<Target, Missing> {
    static BY_PATH: OnceLock<HashMap<&'static str, &'static Callback>> = OnceLock::new();
    let by_path = BY_PATH
        .get_or_init(|| hooks_core::registry().callbacks().map(|callback| (callback.path(), callback)).collect());
    let callback = by_path.get(path).copied().ok_or(Missing::Unknown)?;
    let durable = callback.durable().ok_or(Missing::NotDurable)?;
    // `downcast_ref` is not defined on `dyn Any + Sync`: drop the auto trait first.
    let runner: &'static dyn Any = durable.runner();
    let runner = runner.downcast_ref::<Runner>().ok_or(Missing::ForeignRunner)?;
    Ok(Target { callback, runner })
}

/// Runs `target` once with the payload's JSON and the job: `Err` with the message of the
/// callback's error or panic.
pub(crate) async fn attempt(target: Target, payload: &str, mut job: Job<'_>) -> Result<(), String> {
    let run = target.runner.run;
    match AssertUnwindSafe(run(payload, &mut job)).catch_unwind().await {
        Ok(result) => result,
        Err(panic) => Err(format!("panicked: {}", panic_message(&*panic))),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    if let Some(message) = panic.downcast_ref::<&'static str>() {
        message
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message
    } else {
        "a panic without a message"
    }
}

/// The span of one attempt: hook, callback, attempt and, once known, its outcome.
pub(crate) fn span(facts: &Facts) -> tracing::Span {
    tracing::info_span!(
        target: "hooks",
        "hooks.job",
        job = facts.id,
        hook = facts.hook,
        callback = facts.callback,
        event = %facts.event_id,
        attempt = facts.attempt,
        max_attempts = facts.max_attempts,
        outcome = tracing::field::Empty,
    )
}

/// How an attempt ended, recorded on its span and logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Completed,
    Failed,
    Cancelled,
}

/// Records `outcome` on the attempt's `span` and logs it: a failure at `warn` (at `error` when it
/// was the last attempt).
pub(crate) fn record(span: &tracing::Span, facts: &Facts, outcome: Outcome, error: Option<&str>) {
    let name = match outcome {
        Outcome::Completed => "completed",
        Outcome::Failed => "failed",
        Outcome::Cancelled => "cancelled",
    };
    span.record("outcome", name);
    let error = error.unwrap_or_default();
    match outcome {
        Outcome::Completed => tracing::debug!(target: "hooks", "durable callback completed"),
        Outcome::Failed if facts.attempt >= facts.max_attempts => {
            tracing::error!(target: "hooks", error, "durable callback failed its last attempt: kept as a dead job");
        }
        Outcome::Failed => tracing::warn!(target: "hooks", error, "durable callback failed: retried after its backoff"),
        Outcome::Cancelled => tracing::info!(target: "hooks", "durable callback cancelled: its job is handed back"),
    }
}
