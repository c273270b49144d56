//! The reports through the `metrics` facade (feature `metrics`).
//!
//! Every report goes through the recorder in force at that moment (`metrics::with_recorder`), so
//! a recorder installed with `metrics::with_local_recorder` is honoured; no handle is kept. The
//! labels are `&'static` slices, built for every callback at the first report (from the registry)
//! and per (hook, context) at a trigger's first run, then reused: a trigger allocates nothing for
//! them afterwards.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};
use std::time::Duration;

use metrics::{Key, Label, Level, Metadata};

use super::Outcome;
use crate::Callback;

const METADATA: Metadata<'static> = Metadata::new("hooks", Level::INFO, Some(module_path!()));

/// The labels of one callback's series.
struct CallbackLabels {
    /// `hook`, `callback`, and `outcome` for each [`Outcome`].
    calls: [[Label; 3]; 4],
    /// `hook`, `callback`.
    callback: [Label; 2],
}

/// Every callback's labels, built once from the registry (every callback is known at link time),
/// then read without a lock.
static CALLBACKS: OnceLock<HashMap<usize, CallbackLabels>> = OnceLock::new();

/// (hook, context) pairs seen by triggers, with their labels.
type TriggerLabels = (&'static str, Option<&'static str>, &'static [Label; 2]);

static TRIGGERS: RwLock<Vec<TriggerLabels>> = RwLock::new(Vec::new());

fn callback_labels(callback: &'static Callback) -> Option<&'static CallbackLabels> {
    let labels = CALLBACKS.get_or_init(|| {
        crate::registry()
            .callbacks()
            .map(|callback| (callback as *const Callback as usize, labels_of(callback)))
            .collect()
    });
    labels.get(&(callback as *const Callback as usize))
}

fn labels_of(callback: &'static Callback) -> CallbackLabels {
    let (hook, path) = (callback.hook, callback.path);
    let calls = ["ok", "error", "panic", "skipped"].map(|outcome| {
        [
            Label::from_static_parts("hook", hook),
            Label::from_static_parts("callback", path),
            Label::from_static_parts("outcome", outcome),
        ]
    });
    let callback = [Label::from_static_parts("hook", hook), Label::from_static_parts("callback", path)];
    CallbackLabels { calls, callback }
}

fn trigger_labels(hook: &str, context: Option<&str>) -> &'static [Label; 2] {
    let found = |triggers: &[TriggerLabels]| {
        triggers.iter().find(|(h, c, _)| *h == hook && *c == context).map(|(_, _, labels)| *labels)
    };
    if let Some(labels) = found(&TRIGGERS.read().unwrap_or_else(PoisonError::into_inner)) {
        return labels;
    }
    let mut triggers = TRIGGERS.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(labels) = found(&triggers) {
        return labels;
    }
    let hook: &'static str = Box::leak(hook.to_owned().into_boxed_str());
    let context: Option<&'static str> = context.map(|context| &*Box::leak(context.to_owned().into_boxed_str()));
    let labels: &'static [Label; 2] = Box::leak(Box::new([
        Label::from_static_parts("hook", hook),
        Label::from_static_parts("context", context.unwrap_or("")),
    ]));
    triggers.push((hook, context, labels));
    labels
}

/// Counts a trigger: `hooks_triggers_total{hook, context}` (an empty context for none).
pub(crate) fn trigger(hook: &str, context: Option<&str>) {
    let key = Key::from_static_parts("hooks_triggers_total", trigger_labels(hook, context));
    metrics::with_recorder(|recorder| recorder.register_counter(&key, &METADATA).increment(1));
}

/// Counts a callback call by outcome, and records its duration when it ran:
/// `hooks_callback_calls_total{hook, callback, outcome}`,
/// `hooks_callback_duration_seconds{hook, callback}`.
pub(crate) fn callback(callback: &'static Callback, outcome: Outcome, elapsed: Option<Duration>) {
    let Some(labels) = callback_labels(callback) else { return };
    let calls = Key::from_static_parts("hooks_callback_calls_total", &labels.calls[outcome as usize]);
    metrics::with_recorder(|recorder| recorder.register_counter(&calls, &METADATA).increment(1));
    if let Some(elapsed) = elapsed {
        let duration = Key::from_static_parts("hooks_callback_duration_seconds", &labels.callback);
        metrics::with_recorder(|recorder| {
            recorder.register_histogram(&duration, &METADATA).record(elapsed.as_secs_f64())
        });
    }
}

/// Counts a callback's retries: `hooks_callback_retries_total{hook, callback}`.
pub(crate) fn retries(callback: &'static Callback, retries: u32) {
    if retries == 0 {
        return;
    }
    let Some(labels) = callback_labels(callback) else { return };
    let key = Key::from_static_parts("hooks_callback_retries_total", &labels.callback);
    metrics::with_recorder(|recorder| recorder.register_counter(&key, &METADATA).increment(u64::from(retries)));
}
