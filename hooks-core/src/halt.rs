//! What a callback's call returns besides success: an error's message, or a request to stop.

use std::fmt;
use std::fmt::Display;

/// Why a callback's call did not simply return: the message of its `Err`, rendered with
/// `Display` when (and only when) it fails, or a request to stop the trigger
/// (`ControlFlow::Break`).
///
/// Not public API: generated code converts a callback's return value into this through
/// `CallbackReturn`; users read the message from [`FailureKind::Error`](crate::FailureKind::Error)
/// and the stop from [`TriggerReport::stopped_by`](crate::TriggerReport::stopped_by).
///
/// One word: `Result<(), Halt>` comes back from a callback in two registers, and a stop
/// allocates nothing.
// The box around the `String` is what makes it one word (a `String` is three): errors are rare
// and pay an allocation more so that every callback's return stays in registers.
#[allow(clippy::box_collection)]
pub struct Halt(Option<Box<String>>);

impl Halt {
    /// The callback asked to skip the rest of its trigger.
    pub(crate) const BREAK: Halt = Halt(None);

    /// A failure with this message.
    pub(crate) fn error(message: String) -> Halt {
        Halt(Some(Box::new(message)))
    }

    /// `true` for a request to stop, `false` for an error.
    pub(crate) fn is_break(&self) -> bool {
        self.0.is_none()
    }

    /// The error's message, `None` for a request to stop.
    pub fn into_error(self) -> Option<String> {
        self.0.map(|message| *message)
    }
}

impl fmt::Debug for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(message) => f.debug_tuple("Error").field(message).finish(),
            None => f.write_str("Break"),
        }
    }
}

impl fmt::Display for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(message) => f.write_str(message),
            None => f.write_str("the callback stopped the trigger"),
        }
    }
}

#[cold]
#[inline(never)]
pub(crate) fn error_message(error: &dyn Display) -> Halt {
    Halt::error(error.to_string())
}
