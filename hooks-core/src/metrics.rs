//! Metrics through the `metrics` facade (feature `metrics`): triggers, callback calls by outcome,
//! callback durations and retries.
//!
//! Every report goes through the recorder in force at that moment (`metrics::with_recorder`), so
//! a recorder installed with `metrics::with_local_recorder` is honoured; no handle is kept. The
//! labels are `&'static` slices built once per callback and per (hook, context) and then reused,
//! so a trigger allocates nothing for them after its first run.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

use metrics::{Key, Label, Level, Metadata};

use crate::Callback;

/// Whether metrics are reported: every trigger then takes the checked path, which times callbacks.
pub(crate) const ON: bool = true;

const METADATA: Metadata<'static> = Metadata::new("hooks", Level::INFO, Some(module_path!()));

/// How a callback call ended, as the `outcome` label says it.
#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    Ok,
    Error,
    Panic,
    Skipped,
}

/// The labels of one callback's series.
struct CallbackLabels {
    /// `hook`, `callback`, and `outcome` for each [`Outcome`].
    calls: [[Label; 3]; 4],
    /// `hook`, `callback`.
    callback: [Label; 2],
}

static CALLBACKS: RwLock<Option<HashMap<usize, &'static CallbackLabels>>> = RwLock::new(None);

/// (hook, context) pairs seen by triggers, with their labels.
type TriggerLabels = (&'static str, Option<&'static str>, &'static [Label; 2]);

static TRIGGERS: RwLock<Vec<TriggerLabels>> = RwLock::new(Vec::new());

fn callback_labels(callback: &'static Callback) -> &'static CallbackLabels {
    let key = callback as *const Callback as usize;
    if let Some(labels) = CALLBACKS.read().unwrap_or_else(PoisonError::into_inner).as_ref().and_then(|m| m.get(&key)) {
        return labels;
    }
    let mut map = CALLBACKS.write().unwrap_or_else(PoisonError::into_inner);
    map.get_or_insert_with(HashMap::new).entry(key).or_insert_with(|| {
        let (hook, path) = (callback.hook, callback.path);
        let calls = ["ok", "error", "panic", "skipped"].map(|outcome| {
            [
                Label::from_static_parts("hook", hook),
                Label::from_static_parts("callback", path),
                Label::from_static_parts("outcome", outcome),
            ]
        });
        let callback = [Label::from_static_parts("hook", hook), Label::from_static_parts("callback", path)];
        Box::leak(Box::new(CallbackLabels { calls, callback }))
    })
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
    let labels = callback_labels(callback);
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
    let key = Key::from_static_parts("hooks_callback_retries_total", &callback_labels(callback).callback);
    metrics::with_recorder(|recorder| recorder.register_counter(&key, &METADATA).increment(u64::from(retries)));
}
