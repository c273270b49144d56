//! Metrics (hooks-core's `metrics` feature): what a trigger reports, through the recorder in force,
//! checked with `metrics-util`'s `DebuggingRecorder`. Runs with `--features metrics`.
#![cfg(feature = "metrics")]

use metrics_util::debugging::{DebugValue, DebuggingRecorder};
use metrics_util::{CompositeKey, MetricKind};

use hooks_core::{hook_callback, registry, trigger, trigger_async};

#[hook_callback("metered", priority = 1, context = "shop")]
fn fine(_: &u8) {}

#[hook_callback("metered", priority = 2, retry = 2)]
fn flaky(_: &u8) -> Result<(), String> {
    Err("down".to_owned())
}

#[hook_callback("metered", priority = 3)]
fn explodes(_: &u8) {
    panic!("boom")
}

#[hook_callback("metered_async")]
async fn later(_: &u8) {}

/// Every metric of `snapshot` as (kind, name, sorted labels, value as text).
fn metrics(recorder: &DebuggingRecorder) -> Vec<(MetricKind, String, Vec<String>, String)> {
    let snapshotter = recorder.snapshotter();
    let mut rows: Vec<_> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .map(|(key, _, _, value): (CompositeKey, _, _, DebugValue)| {
            let mut labels: Vec<String> = key.key().labels().map(|l| format!("{}={}", l.key(), l.value())).collect();
            labels.sort();
            let value = match value {
                DebugValue::Counter(count) => count.to_string(),
                DebugValue::Histogram(values) => format!("{} sample(s)", values.len()),
                DebugValue::Gauge(gauge) => gauge.to_string(),
            };
            (key.kind(), key.key().name().to_owned(), labels, value)
        })
        .collect();
    rows.sort();
    rows
}

fn path(name: &str) -> String {
    format!("{}::{name}", module_path!())
}

#[test]
fn a_trigger_reports_itself_each_callback_its_duration_and_retries() {
    let recorder = DebuggingRecorder::new();
    metrics::with_local_recorder(&recorder, || {
        let _ = trigger!("metered", 1u8, context = "shop");
        let _ = trigger!("metered", 1u8, context = "shop");
    });
    let rows = metrics(&recorder);
    let counter = |name: &str, labels: &[String]| {
        rows.iter()
            .find(|(kind, n, l, _)| *kind == MetricKind::Counter && n == name && l == labels)
            .map(|(_, _, _, value)| value.clone())
    };
    let labels = |callback: &str, outcome: &str| {
        vec![format!("callback={}", path(callback)), "hook=metered".to_owned(), format!("outcome={outcome}")]
    };
    assert_eq!(counter("hooks_triggers_total", &["context=shop".into(), "hook=metered".into()]), Some("2".into()));
    assert_eq!(counter("hooks_callback_calls_total", &labels("fine", "ok")), Some("2".into()), "{rows:#?}");
    assert_eq!(counter("hooks_callback_calls_total", &labels("flaky", "error")), Some("2".into()));
    assert_eq!(counter("hooks_callback_calls_total", &labels("explodes", "panic")), Some("2".into()));
    let both = |callback: &str| vec![format!("callback={}", path(callback)), "hook=metered".to_owned()];
    assert_eq!(counter("hooks_callback_retries_total", &both("flaky")), Some("4".into()), "2 retries per trigger");
    assert_eq!(counter("hooks_callback_retries_total", &both("fine")), None, "no retries, no series");
    let histogram = rows
        .iter()
        .find(|(kind, n, l, _)| {
            *kind == MetricKind::Histogram && n == "hooks_callback_duration_seconds" && *l == both("fine")
        })
        .map(|(_, _, _, value)| value.clone());
    assert_eq!(histogram, Some("2 sample(s)".into()));
}

#[test]
fn skipped_callbacks_and_async_triggers_are_reported_too() {
    let callback = registry().callback(&path("later")).unwrap();
    let recorder = DebuggingRecorder::new();
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    metrics::with_local_recorder(&recorder, || {
        let _ = runtime.block_on(trigger_async!("metered_async", 1u8));
        callback.disable();
        let _ = runtime.block_on(trigger_async!("metered_async", 1u8));
        callback.enable();
    });
    let rows = metrics(&recorder);
    let outcomes: Vec<(String, String)> = rows
        .iter()
        .filter(|(_, name, _, _)| name == "hooks_callback_calls_total")
        .map(|(_, _, labels, value)| (labels[2].clone(), value.clone()))
        .collect();
    assert_eq!(outcomes, [("outcome=ok".to_owned(), "1".to_owned()), ("outcome=skipped".to_owned(), "1".to_owned())]);
    let triggers =
        rows.iter().find(|(_, name, _, _)| name == "hooks_triggers_total").map(|(_, _, l, v)| (l.clone(), v.clone()));
    assert_eq!(triggers, Some((vec!["context=".to_owned(), "hook=metered_async".to_owned()], "2".to_owned())));
}

#[test]
fn without_a_recorder_nothing_is_reported_and_triggers_still_work() {
    let report = trigger!("metered", 1u8, context = "shop");
    assert_eq!(report.ran(), 3);
    assert_eq!(report.failures().len(), 2);
}
