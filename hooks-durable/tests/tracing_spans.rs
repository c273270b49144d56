//! Every attempt runs in a `hooks.job` span with its hook, callback, attempt and outcome. (A test
//! binary of its own: it installs a global subscriber, since workers run on the runtime's threads.)

#[macro_use]
mod support;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use hooks_durable::Job;
use riverqueue::JobState;
use support::signup::{Signup, signup};
use support::{Db, record_effect};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Fails its first attempt.
#[hooks_core::hook_callback("durable_traced", durable, max_attempts = 3)]
async fn fails_once(_: &Signup, job: &mut Job<'_>) -> Result<(), String> {
    record_effect(job).await.map_err(|error| error.to_string())?;
    if job.attempt() == 1 { Err("not yet".to_owned()) } else { Ok(()) }
}

/// The fields of every `hooks.job` span, by span id.
static SPANS: Mutex<BTreeMap<u64, BTreeMap<String, String>>> = Mutex::new(BTreeMap::new());

/// Records the fields of `hooks.job` spans; ignores everything else.
struct JobSpans {
    next: AtomicU64,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}").trim_matches('"').to_owned());
    }
}

impl Subscriber for JobSpans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        if span.metadata().name() == "hooks.job" {
            let mut fields = BTreeMap::new();
            span.record(&mut Fields(&mut fields));
            SPANS.lock().unwrap_or_else(PoisonError::into_inner).insert(id, fields);
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(fields) = SPANS.lock().unwrap_or_else(PoisonError::into_inner).get_mut(&span.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The recorded spans of `fails_once`, in creation order: (attempt, outcome).
fn attempts() -> Vec<(String, String)> {
    let spans = SPANS.lock().unwrap_or_else(PoisonError::into_inner);
    spans
        .values()
        .filter(|fields| fields.get("callback").is_some_and(|callback| callback.ends_with("::fails_once")))
        .inspect(|fields| assert_eq!(fields["hook"], "durable_traced"))
        .map(|fields| (fields["attempt"].clone(), fields.get("outcome").cloned().unwrap_or_default()))
        .collect()
}

on_both_databases!(each_attempt_has_a_span_with_its_outcome);

async fn each_attempt_has_a_span_with_its_outcome(db: Db) {
    // Set once for the binary; a second scenario finds it set.
    let _ = tracing::subscriber::set_global_default(JobSpans { next: AtomicU64::new(0) });
    SPANS.lock().unwrap_or_else(PoisonError::into_inner).clear();
    let (_engine, workers) = db.installed_engine(true).await;
    let mut tx = db.begin().await;
    let report = hooks_core::trigger_async!("durable_traced", &signup("ada"), tx = tx.as_trigger_tx()).await;
    assert!(report.expect("trigger").is_ok());
    tx.commit().await;

    db.only_job_in(JobState::Completed).await;
    workers.unwrap().shutdown().await.expect("shutdown");
    assert_eq!(attempts(), [("1".to_owned(), "failed".to_owned()), ("2".to_owned(), "completed".to_owned())]);
}
