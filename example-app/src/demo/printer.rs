//! The demo's output: headings and results on stdout, coloured only on a terminal, and a
//! `tracing` layer that prints each hook callback as it runs.

use std::fmt::{self, Write as _};
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;

/// Colours on or off: on when stdout is a terminal and `NO_COLOR` is unset.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// The style for stdout.
    pub fn detect() -> Style {
        Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    /// A bold heading.
    pub fn heading(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// A success mark and text.
    pub fn ok(self, text: &str) -> String {
        self.paint("32", &format!("ok   {text}"))
    }

    /// A failure mark and text.
    pub fn fail(self, text: &str) -> String {
        self.paint("31", &format!("FAIL {text}"))
    }

    /// Dimmed detail.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// Writes one line to stdout (ignoring a closed stdout: the demo's checks decide the exit code).
pub(super) fn say(line: impl fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// A callback event seen by [`CallbackPrinter`]: the `module`, `hook` and `user_id` fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The module that logged.
    pub module: String,
    /// The hook its callback ran for.
    pub hook: String,
    /// The user concerned, if any.
    pub user_id: String,
    message: String,
}

/// Prints every event that has a `module` field (what the modules' callbacks log) as a numbered
/// step, and remembers it for the demo's order check.
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

    /// The events seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl<S: Subscriber> Layer<S> for CallbackPrinter {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut seen = Seen::default();
        event.record(&mut seen);
        if seen.module.is_empty() {
            return;
        }
        let label = format!("{:<15} {:<18}", seen.module, seen.hook);
        say(format!("    -> {} {}", self.style.paint("36", &label), seen.message));
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).push(seen);
    }
}

impl Visit for Seen {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record_debug(field, &format_args!("{value}"));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let slot = match field.name() {
            "module" => &mut self.module,
            "hook" => &mut self.hook,
            "user_id" => &mut self.user_id,
            "message" => &mut self.message,
            _ => return,
        };
        let _ = write!(slot, "{value:?}");
    }
}
