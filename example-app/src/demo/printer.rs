//! A `tracing` layer that prints each hook trigger, and each log line of a hook callback as it
//! runs, with the callback's module and hook.
//!
//! The callbacks log free-form lines: the attribution comes from hooks-core. When a subscriber
//! enables `DEBUG` for the target `hooks`, hooks-core opens a span `trigger` (fields `hook`,
//! `context`) around every trigger and, inside it, a span `callback` around every callback, sync
//! or async, with the fields `hook`, `context` (absent for a global callback), `callback` (its
//! path) and `priority`. The printer keeps the fields of each `callback` span in the span's
//! extensions when the span opens, and attributes every event to the innermost `callback` span
//! around it. A durable callback runs later, in a worker, inside hooks-durable's span
//! `hooks.job` (fields `hook`, `callback`, `attempt`): the printer announces each attempt and
//! takes the callback's module from the registry. hooks-core's own events (a debug `callback finished` per callback, failures) are
//! not printed; failures reach stderr through the demo's warning layer.

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

use super::style::{Style, say};

/// The target of hooks-core's spans and events.
const HOOKS: &str = "hooks";

/// What a module is called in the output when its callback has no context.
const GLOBAL: &str = "(global)";

/// A callback's log line seen by [`CallbackPrinter`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The module whose callback logged: the callback's context, `(global)` without one.
    pub module: String,
    /// The hook the callback ran for.
    pub hook: String,
    /// The callback's path, such as `example_app::wallet::open_wallet`.
    pub callback: String,
    /// The user concerned: the event's `user_id` field, empty without one.
    pub user_id: String,
    message: String,
}

/// Prints a line for every hook trigger and for every event logged inside a hook callback, and
/// remembers the callbacks' events for the demo's order check.
///
/// Install it with [`CallbackPrinter::filter`], which enables the hooks-core spans it reads.
#[derive(Debug, Clone)]
pub struct CallbackPrinter {
    style: Style,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl CallbackPrinter {
    /// A printer in `style`.
    pub fn new(style: Style) -> CallbackPrinter {
        CallbackPrinter { style, seen: Arc::default() }
    }

    /// What the printer must see: hooks-core's spans at `DEBUG` (without a subscriber that wants
    /// them, hooks-core opens none) and the application's events from `INFO`.
    pub fn filter() -> Targets {
        Targets::new().with_target(HOOKS, Level::DEBUG).with_target("example_app", Level::INFO)
    }

    /// The callbacks' events seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl<S> Layer<S> for CallbackPrinter
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let metadata = attributes.metadata();
        if metadata.target() != HOOKS {
            return;
        }
        let mut fields = SpanFields::default();
        attributes.record(&mut fields);
        match metadata.name() {
            "trigger" => {
                let context = fields.context.map(|context| format!(" in {context}")).unwrap_or_default();
                say(format!("    {}", self.style.label(&format!("trigger {}{context}", fields.hook))));
            }
            "callback" => {
                if let Some(span) = ctx.span(id) {
                    span.extensions_mut().insert(fields);
                }
            }
            // A worker's attempt of a durable callback: its module is the callback's context.
            "hooks.job" => {
                fields.context = hooks_core::registry()
                    .callbacks()
                    .find(|callback| callback.path() == fields.callback)
                    .and_then(|callback| callback.context().map(str::to_owned));
                let attempt = fields.attempt.map(|attempt| format!(" (attempt {attempt})")).unwrap_or_default();
                say(format!("    {}", self.style.label(&format!("worker runs job of {}{attempt}", fields.callback))));
                if let Some(span) = ctx.span(id) {
                    span.extensions_mut().insert(fields);
                }
            }
            _ => {}
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() == HOOKS {
            return;
        }
        let Some(callback) = ctx
            .event_scope(event)
            .and_then(|mut scope| scope.find_map(|span| span.extensions().get::<SpanFields>().cloned()))
        else {
            return;
        };
        let mut seen = Seen {
            module: callback.context.unwrap_or_else(|| GLOBAL.to_owned()),
            hook: callback.hook,
            callback: callback.callback,
            ..Seen::default()
        };
        event.record(&mut seen);
        let label = format!("{:<15} {:<18}", seen.module, seen.hook);
        say(format!("    -> {} {}", self.style.label(&label), seen.message));
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).push(seen);
    }
}

/// The fields of a hooks-core or hooks-durable span that the printer shows.
#[derive(Debug, Clone, Default)]
struct SpanFields {
    hook: String,
    context: Option<String>,
    callback: String,
    attempt: Option<u64>,
}

impl Visit for SpanFields {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "attempt" {
            self.attempt = Some(value);
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        if let Ok(value) = u64::try_from(value) {
            self.record_u64(field, value);
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "hook" => self.hook = value.to_owned(),
            "context" => self.context = Some(value.to_owned()),
            "callback" => self.callback = value.to_owned(),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.record_str(field, &format!("{value:?}"));
    }
}

/// An event's own fields: its message and the user it concerns.
impl Visit for Seen {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record_debug(field, &format_args!("{value}"));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let slot = match field.name() {
            "user_id" => &mut self.user_id,
            "message" => &mut self.message,
            _ => return,
        };
        let _ = write!(slot, "{value:?}");
    }
}
