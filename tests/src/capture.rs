//! A `tracing` subscriber that records spans and events, for tests that assert on logs.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

/// A recorded span or event.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `"span"` or `"event"`.
    pub kind: &'static str,
    /// The span's name, or the event's `message` field.
    pub name: String,
    /// The level.
    pub level: Level,
    /// The target.
    pub target: String,
    /// Every other field, rendered with `Debug` (strings without quotes).
    pub fields: BTreeMap<String, String>,
    /// For events: the names of the spans the event happened in, outermost first.
    pub scope: Vec<String>,
}

impl Record {
    /// The field's value, if present.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// Records everything at or above `max_level` into a shared list.
#[derive(Debug, Clone)]
pub struct Capture {
    records: Arc<Mutex<Vec<Record>>>,
    max_level: Level,
}

impl Capture {
    /// Runs `body` with a subscriber that records events and spans at `max_level` or more severe,
    /// and returns `body`'s result with the records.
    pub fn run<R>(max_level: Level, body: impl FnOnce() -> R) -> (R, Vec<Record>) {
        let capture = Capture { records: Arc::default(), max_level };
        let subscriber = Registry::default().with(capture.clone());
        let result = tracing::subscriber::with_default(subscriber, body);
        let records = capture.records.lock().unwrap().clone();
        (result, records)
    }

    fn push(&self, record: Record) {
        self.records.lock().unwrap().push(record);
    }
}

impl<S> Layer<S> for Capture
where
    S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        *metadata.level() <= self.max_level
    }

    fn on_new_span(&self, attributes: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        let metadata = attributes.metadata();
        self.push(Record {
            kind: "span",
            name: metadata.name().to_owned(),
            level: *metadata.level(),
            target: metadata.target().to_owned(),
            fields: fields.0,
            scope: Vec::new(),
        });
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let message = fields.0.remove("message").unwrap_or_default();
        let scope = context
            .event_scope(event)
            .map(|scope| scope.from_root().map(|span| span.name().to_owned()).collect())
            .unwrap_or_default();
        let metadata = event.metadata();
        self.push(Record {
            kind: "event",
            name: message,
            level: *metadata.level(),
            target: metadata.target().to_owned(),
            fields: fields.0,
            scope,
        });
    }
}

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}
