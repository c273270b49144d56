//! The demo's output: lines on stdout, coloured only on a terminal.

use std::fmt;
use std::io::{IsTerminal, Write};

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

    /// A label that stands out (cyan).
    pub fn label(self, text: &str) -> String {
        self.paint("36", text)
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
