//! A `tracing` subscriber that records spans and events, for tests that assert on logs.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Once;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::subscriber::Interest;
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

thread_local! {
    /// The level the current thread captures at, `None` when it is not capturing.
    static LEVEL: Cell<Option<Level>> = const { Cell::new(None) };
    static RECORDS: RefCell<Vec<Record>> = const { RefCell::new(Vec::new()) };
}

/// Captures the spans and events of the current thread.
///
/// One subscriber is installed as the global default, once, and records per thread, so tests of
/// one binary can capture in parallel. A global subscriber (rather than `with_default` per test)
/// keeps `tracing`'s cached callsite interest the same for every test of the binary.
#[derive(Debug, Clone, Copy)]
pub struct Capture;

impl Capture {
    /// Runs `body` recording this thread's events and spans at `max_level` or more severe, and
    /// returns `body`'s result with the records.
    pub fn run<R>(max_level: Level, body: impl FnOnce() -> R) -> (R, Vec<Record>) {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            tracing::subscriber::set_global_default(Registry::default().with(Capture))
                .expect("no other global subscriber in the test binary");
        });
        LEVEL.with(|level| level.set(Some(max_level)));
        RECORDS.with(|records| records.borrow_mut().clear());
        let result = body();
        LEVEL.with(|level| level.set(None));
        (result, RECORDS.with(|records| records.take()))
    }

    fn push(record: Record) {
        RECORDS.with(|records| records.borrow_mut().push(record));
    }
}

impl<S> Layer<S> for Capture
where
    S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn register_callsite(&self, _: &'static tracing::Metadata<'static>) -> Interest {
        // Whether a callsite is enabled depends on the thread: ask every time.
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        LEVEL.with(Cell::get).is_some_and(|max_level| *metadata.level() <= max_level)
    }

    fn on_new_span(&self, attributes: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        let metadata = attributes.metadata();
        Capture::push(Record {
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
        Capture::push(Record {
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
