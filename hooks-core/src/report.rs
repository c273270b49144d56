//! What a trigger did: how many callbacks ran, which failed and why.

use std::fmt;
use std::mem::ManuallyDrop;
use std::sync::OnceLock;

use crate::Callback;

/// The outcome of one trigger.
///
/// Two words wide, a count and a pointer: the failures (and the count of skipped callbacks) live
/// behind one pointer that is null when there are none, so a successful trigger allocates nothing
/// and returns the report in two registers.
///
/// ```
/// #[hooks_core::hook_callback("doc_report_example")]
/// fn fails(_: &u8) -> Result<(), String> {
///     Err("card declined".to_string())
/// }
///
/// let report = hooks_core::trigger!("doc_report_example", 7u8);
/// assert_eq!(report.ran(), 1);
/// assert!(!report.is_ok());
/// assert_eq!(report.failures()[0].message(), "card declined");
/// ```
#[must_use = "a report says whether callbacks failed; check `is_ok()` or drop it with `let _ =`"]
pub struct TriggerReport {
    /// How many callbacks ran, with [`UNKNOWN_HOOK`] as the top bit. One word rather than two
    /// fields: a pair of scalars is returned in registers, three scalars through memory.
    ran_and_flags: usize,
    /// Dropped by hand (see `Drop`), so that dropping a report without failures is one inlined
    /// test instead of a call to the drop glue of the failure list.
    failures: ManuallyDrop<Option<Box<Rest>>>,
}

/// What a report holds beyond the count of callbacks run: rare, so behind one pointer.
#[derive(Default)]
struct Rest {
    failures: Vec<Failure>,
    /// Callbacks not run: disabled by a switch or a scope.
    skipped: usize,
    /// The callback that stopped the trigger (`ControlFlow::Break`, or a first result).
    stopped_by: Option<&'static Callback>,
}

impl Drop for TriggerReport {
    #[inline(always)]
    fn drop(&mut self) {
        if self.failures.is_some() {
            // SAFETY: `failures` is dropped here only, once, and never used afterwards.
            drop_failures(unsafe { ManuallyDrop::take(&mut self.failures) });
        }
    }
}

#[cold]
#[inline(never)]
fn drop_failures(failures: Option<Box<Rest>>) {
    drop(failures);
}

const UNKNOWN_HOOK: usize = 1 << (usize::BITS - 1);

impl TriggerReport {
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        TriggerReport { ran_and_flags: 0, failures: ManuallyDrop::new(None) }
    }

    /// The report of a trigger that called `ran` callbacks, all successfully. `ran` is the
    /// length of a slice of pointers, so it never reaches [`UNKNOWN_HOOK`]: no mask.
    #[inline(always)]
    pub(crate) const fn with_ran(ran: usize) -> Self {
        debug_assert!(ran & UNKNOWN_HOOK == 0);
        TriggerReport { ran_and_flags: ran, failures: ManuallyDrop::new(None) }
    }

    pub(crate) const fn unknown_hook() -> Self {
        TriggerReport { ran_and_flags: UNKNOWN_HOOK, failures: ManuallyDrop::new(None) }
    }

    #[inline(always)]
    pub(crate) fn set_ran(&mut self, ran: usize) {
        self.ran_and_flags = (self.ran_and_flags & UNKNOWN_HOOK) | (ran & !UNKNOWN_HOOK);
    }

    #[cold]
    pub(crate) fn push(&mut self, failure: Failure) {
        self.failures.get_or_insert_with(Default::default).failures.push(failure);
    }

    /// Counts one callback skipped by a switch or a scope.
    #[cold]
    pub(crate) fn skip(&mut self) {
        self.failures.get_or_insert_with(Default::default).skipped += 1;
    }

    /// Records that `callback` stopped the trigger: the callbacks after it were not called.
    #[cold]
    pub(crate) fn stop(&mut self, callback: &'static Callback) {
        self.failures.get_or_insert_with(Default::default).stopped_by = Some(callback);
    }

    /// The callback that stopped the trigger early, by returning `ControlFlow::Break(())` (or,
    /// for a first-result hook, the first `Some`); the callbacks after it were not called. `None`
    /// when every callback the trigger reached was called.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    ///
    /// #[hooks_core::hook_callback("doc_stopped_by", priority = 1)]
    /// fn gatekeeper(amount: &u32) -> ControlFlow<()> {
    ///     if *amount > 100 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    /// }
    ///
    /// #[hooks_core::hook_callback("doc_stopped_by", priority = 2)]
    /// fn accept(_: &u32) {}
    ///
    /// let report = hooks_core::trigger!("doc_stopped_by", 500_u32);
    /// assert_eq!(report.ran(), 1);
    /// assert!(report.stopped_by().unwrap().path().ends_with("::gatekeeper"));
    /// assert!(report.is_ok());
    ///
    /// let report = hooks_core::trigger!("doc_stopped_by", 5_u32);
    /// assert_eq!((report.ran(), report.stopped_by().is_none()), (2, true));
    /// ```
    pub fn stopped_by(&self) -> Option<&'static Callback> {
        self.failures.as_deref().and_then(|rest| rest.stopped_by)
    }

    /// How many callbacks were called, whether they succeeded or not.
    pub fn ran(&self) -> usize {
        self.ran_and_flags & !UNKNOWN_HOOK
    }

    /// The failures, in execution order; empty when every callback succeeded.
    pub fn failures(&self) -> &[Failure] {
        self.failures.as_deref().map_or(&[], |rest| rest.failures.as_slice())
    }

    /// `true` when nothing failed.
    pub fn is_ok(&self) -> bool {
        self.failures.as_deref().is_none_or(|rest| rest.failures.is_empty())
    }

    /// How many callbacks were skipped: disabled process-wide
    /// ([`Callback::disable`](crate::Callback::disable)) or by a [`Scope`](crate::Scope). They
    /// are not counted in [`ran`](Self::ran).
    pub fn skipped(&self) -> usize {
        self.failures.as_deref().map_or(0, |rest| rest.skipped)
    }

    /// `false` when the hook has neither callbacks nor a declaration anywhere in the program.
    pub fn hook_known(&self) -> bool {
        self.ran_and_flags & UNKNOWN_HOOK == 0
    }
}

impl fmt::Debug for TriggerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TriggerReport")
            .field("ran", &self.ran())
            .field("hook_known", &self.hook_known())
            .field("skipped", &self.skipped())
            .field("stopped_by", &self.stopped_by().map(Callback::path))
            .field("failures", &self.failures())
            .finish()
    }
}

impl fmt::Display for TriggerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.hook_known() {
            return f.write_str("unknown hook: no callback ran");
        }
        write!(f, "{} callback(s) ran, {} failed", self.ran(), self.failures().len())?;
        if self.skipped() > 0 {
            write!(f, ", {} skipped", self.skipped())?;
        }
        if let Some(callback) = self.stopped_by() {
            write!(f, ", stopped by {}", callback.path())?;
        }
        for failure in self.failures() {
            write!(f, "\n  {failure}")?;
        }
        Ok(())
    }
}

/// One callback that did not complete, or a trigger that was refused.
///
/// ```
/// use hooks_core::FailureKind;
///
/// #[hooks_core::hook_callback("doc_failure_example")]
/// fn explodes(_: &u8) {
///     panic!("out of ink");
/// }
///
/// let report = hooks_core::trigger!("doc_failure_example", 1u8);
/// let failure = &report.failures()[0];
/// assert!(failure.callback_path().ends_with("::explodes"));
/// assert_eq!(failure.kind(), &FailureKind::Panic("out of ink".into()));
/// assert!(failure.to_string().ends_with("::explodes panicked: out of ink"));
/// ```
pub struct Failure {
    callback: Option<&'static Callback>,
    kind: FailureKind,
    /// The message of a kind without one of its own, rendered on first use.
    rendered: OnceLock<String>,
    /// Calls made: 1, or more for a callback with `retry = N` that kept failing.
    attempts: u32,
}

impl Failure {
    pub(crate) fn new(callback: Option<&'static Callback>, kind: FailureKind) -> Self {
        Failure { callback, kind, rendered: OnceLock::new(), attempts: 1 }
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// How many calls were made before the failure was reported: 1, or `1 + N` for a callback
    /// registered with `retry = N` whose every call returned `Err` (a panic is not retried).
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_attempts_example", retry = 2)]
    /// fn flaky(_: &u8) -> Result<(), String> {
    ///     Err("still down".to_string())
    /// }
    ///
    /// let report = hooks_core::trigger!("doc_attempts_example", 1u8);
    /// assert_eq!(report.failures()[0].attempts(), 3);
    /// ```
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The callback that failed; `None` when the whole trigger was refused.
    pub fn callback(&self) -> Option<&'static Callback> {
        self.callback
    }

    /// The callback's path, or `"<trigger>"` when the whole trigger was refused.
    pub fn callback_path(&self) -> &'static str {
        self.callback.map_or("<trigger>", Callback::path)
    }

    /// What went wrong.
    pub fn kind(&self) -> &FailureKind {
        &self.kind
    }

    /// The error or panic message, or a description of why the callback was not called or the
    /// trigger refused: the [`FailureKind`]'s `Display` text.
    pub fn message(&self) -> &str {
        match &self.kind {
            FailureKind::Error(message) | FailureKind::Panic(message) => message,
            other => self.rendered.get_or_init(|| other.to_string()),
        }
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Failure").field("callback", &self.callback_path()).field("kind", &self.kind).finish()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.kind {
            FailureKind::Error(_) => "returned an error",
            FailureKind::Panic(_) => "panicked",
            FailureKind::PayloadMismatch { .. } | FailureKind::AsyncCallback => "was not called",
            FailureKind::NestingTooDeep { .. } => "refused",
        };
        write!(f, "{} {label}: {}", self.callback_path(), self.kind)
    }
}

/// Why a callback failed.
///
/// ```
/// use hooks_core::FailureKind;
///
/// let kind = FailureKind::PayloadMismatch { expected: "u32", found: "i64" };
/// assert_eq!(kind.to_string(), "payload type mismatch: callback takes `&u32`, trigger passed `i64`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureKind {
    /// The callback returned `Err`; the error's `Display` text.
    Error(String),
    /// The callback panicked; the panic message when it was a string.
    Panic(String),
    /// The trigger's payload type is not the callback's.
    PayloadMismatch {
        /// The type the callback takes.
        expected: &'static str,
        /// The type the trigger passed.
        found: &'static str,
    },
    /// The callback is `async` and the trigger was the sync `trigger!`, which cannot await it.
    AsyncCallback,
    /// The trigger was nested too deeply in other triggers and ran nothing.
    NestingTooDeep {
        /// The hook that was refused.
        hook: String,
        /// The nesting limit.
        limit: u32,
    },
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailureKind::Error(message) | FailureKind::Panic(message) => f.write_str(message),
            FailureKind::PayloadMismatch { expected, found } => {
                write!(f, "payload type mismatch: callback takes `&{expected}`, trigger passed `{found}`")
            }
            FailureKind::AsyncCallback => {
                f.write_str("async callback not run by the sync `trigger!`: use `trigger_async!`")
            }
            FailureKind::NestingTooDeep { hook, limit } => {
                write!(f, "trigger of `{hook}` refused: triggers nested more than {limit} deep")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_two_words() {
        assert_eq!(size_of::<TriggerReport>(), 2 * size_of::<usize>());
    }
}
