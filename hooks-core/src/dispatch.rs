//! Running a plan: the fast path, the checked and traced path, nesting and failure isolation.
//!
//! The fast path is taken when the trigger's payload type is the plan's common type, no
//! `tracing` subscriber wants per-callback events and no switch or scope was ever used: inlined
//! into the call site, it makes these checks, enters a level of nesting and calls the plan's
//! runner (compiled once, in `plan`), which walks the callbacks with one `catch_unwind` around
//! them all; no report is built while every callback succeeds. The first failure, stop or panic
//! ends the runner's walk and hands the rest of the trigger to a cold continuation, [`resume`].
//! Everything else (a payload type to check per callback, timing for the subscriber) goes through
//! [`run_checked`], which is out of line.

use std::any::{Any, TypeId};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use tracing::Level;

use crate::adapter::SyncCall;
use crate::failed::{self, CallbackFailed, callback_failed};
use crate::halt::Halt;
use crate::plan::{Frame, Plan, Ran, Stop};
use crate::{Callback, Failure, FailureKind, TriggerReport, TriggerSite};
use crate::{metrics, scope, switch};

/// How deeply triggers may nest (a callback triggering a hook whose callback triggers...) before a
/// trigger is refused with [`FailureKind::NestingTooDeep`].
///
/// ```
/// #[hooks_core::hook_callback("doc_nesting_example")]
/// fn again(_: &()) {
///     let _ = hooks_core::trigger!("doc_nesting_example", ());
/// }
///
/// // 64 levels run, the 65th is refused; nothing overflows the stack.
/// let report = hooks_core::trigger!("doc_nesting_example", ());
/// assert!(report.is_ok());
/// assert_eq!(hooks_core::MAX_NESTING, 64);
/// ```
pub const MAX_NESTING: u32 = 64;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Counts one level of nesting for as long as it lives.
pub(crate) struct NestingGuard;

impl NestingGuard {
    /// Enters one level, or `None` at the limit.
    #[inline(always)]
    pub(crate) fn enter() -> Option<NestingGuard> {
        enter_fast().map(|_| NestingGuard)
    }
}

impl NestingGuard {
    /// Takes over a level that the fast path entered with [`enter_fast`]: the guard leaves it.
    #[inline(always)]
    fn adopt() -> NestingGuard {
        NestingGuard
    }

    /// Enters one level without checking the limit: for a trigger that was admitted earlier and
    /// is being resumed.
    pub(crate) fn enter_unchecked() -> NestingGuard {
        DEPTH.with(|depth| depth.set(depth.get() + 1));
        NestingGuard
    }
}

impl Drop for NestingGuard {
    #[inline(always)]
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}

/// Enters one level of nesting for the fast path and returns the thread's counter, or `None` at
/// the limit. The fast path leaves the level itself when every callback succeeded
/// (`depth.set(depth.get() - 1)`, no guard and so no cleanup on the way out of the call site);
/// its cold continuation [adopts](NestingGuard::adopt) it.
#[inline(always)]
fn enter_fast() -> Option<&'static Cell<u32>> {
    // SAFETY: the counter is a `const`-initialised `Cell` without a destructor, so it lives as
    // long as its thread; the fast path uses it on this thread, before its trigger returns.
    let depth = unsafe { &*DEPTH.with(|depth| depth as *const Cell<u32>) };
    let current = depth.get();
    (current < MAX_NESTING).then(|| {
        depth.set(current + 1);
        depth
    })
}

/// Whether a subscriber wants the debug spans and events of target `hooks`. Inline, only the
/// global maximum level (one load): when it is below DEBUG, `enabled!` would say no without asking
/// anyone; otherwise the full check is a cold call, so the untraced fast path falls through.
#[inline(always)]
pub(crate) fn traced() -> bool {
    Level::DEBUG <= tracing::level_filters::LevelFilter::current() && traced_by_subscriber()
}

#[cold]
#[inline(never)]
fn traced_by_subscriber() -> bool {
    tracing::enabled!(target: "hooks", Level::DEBUG)
}

/// The hook and context of a trigger, for logs and failures only. A call site passes its static
/// record, so the fast path never loads the names: only the failure paths read them. Two words
/// (names given at runtime are behind a reference), so the fast path passes them to its cold
/// continuations in registers.
#[derive(Clone, Copy)]
pub(crate) enum Names<'a> {
    Site(&'static TriggerSite),
    Given(&'a Given<'a>),
}

/// A hook and context given at runtime.
pub(crate) struct Given<'a> {
    pub(crate) hook: &'a str,
    pub(crate) context: Option<&'a str>,
}

impl<'a> Names<'a> {
    pub(crate) fn hook(self) -> &'a str {
        match self {
            Names::Site(site) => site.hook(),
            Names::Given(given) => given.hook,
        }
    }

    pub(crate) fn context(self) -> Option<&'a str> {
        match self {
            Names::Site(site) => site.context(),
            Names::Given(given) => given.context,
        }
    }
}

/// Runs `plan` with `payload`, checking the payload type against the plan's.
#[inline(always)]
pub(crate) fn run<T: 'static>(plan: &Plan, names: Names<'_>, payload: &T) -> TriggerReport {
    let fast = plan.fast_key() == TypeId::of::<T>();
    // SAFETY: `fast` is `true` only when the plan's common payload type is `T` (the key of a plan
    // without one is a private type that `T` cannot be).
    unsafe { run_with(plan, names, payload, fast) }
}

/// Runs `plan` with `payload`, through the fast path when `fast` is `true` and no subscriber wants
/// per-callback events, through the checked path otherwise.
///
/// # Safety
///
/// When `fast` is `true`, `plan.fast_payload()` must be `Some(TypeId::of::<T>())`: the fast path
/// calls every function of `plan.fast_calls()` with `payload` and no check of its own. With
/// `fast == false` there is no requirement.
#[inline(always)]
pub(crate) unsafe fn run_with<T: 'static>(plan: &Plan, names: Names<'_>, payload: &T, fast: bool) -> TriggerReport {
    if !fast || traced() || switch::active() || metrics::ON {
        return run_checked(plan, names, payload);
    }
    let Some(depth) = enter_fast() else {
        return refused(names);
    };
    let frame = Frame::new(plan, payload as *const T as *const ());
    // SAFETY: `fast` means the plan's common payload type is `T` (our caller's obligation), and
    // the frame's payload comes from a live `&T`.
    let ran = unsafe { (plan.runner())(&frame) };
    match ran.completed() {
        Some(ran) => {
            depth.set(depth.get() - 1);
            TriggerReport::with_ran(ran)
        }
        // SAFETY: the runner of this frame stopped; the payload is as above.
        None => unsafe { resume(plan, names, &frame, ran) },
    }
}

/// The rest of a fast trigger whose runner stopped at a callback that failed, stopped the trigger
/// or panicked: that callback's retries and failure, then the callbacks after it. Takes over the
/// level of nesting the fast path entered.
///
/// # Safety
///
/// `ran` is what the runner of `frame` returned, and it stopped; the functions of
/// `plan.fast_calls()` take the type the frame's payload points to, which is live.
#[cold]
#[inline(never)]
unsafe fn resume(plan: &Plan, names: Names<'_>, frame: &Frame<'_>, ran: Ran) -> TriggerReport {
    let _nesting = NestingGuard::adopt();
    // SAFETY: our caller's obligation.
    let (index, stop) = unsafe { frame.stopped(ran) };
    let erased = frame.payload();
    let mut report = TriggerReport::new();
    match stop {
        Stop::Halted(halt) => {
            // SAFETY: our caller's obligation.
            let retried = catch_unwind(AssertUnwindSafe(|| unsafe {
                retry_or_report(&mut report, plan, index, erased, names, halt)
            }));
            match retried {
                Ok(true) => return finish(report, index + 1, names),
                Ok(false) => {}
                Err(panic) => report.push(panicked(plan.callbacks()[index], names, panic)),
            }
        }
        Stop::Panicked(panic) => report.push(panicked(plan.callbacks()[index], names, panic)),
    }
    // SAFETY: our caller's obligation.
    unsafe { run_rest(plan, index + 1, erased, names, report) }
}

/// Runs the fast calls from `start` on, each isolated, into `report`, and finishes it.
///
/// # Safety
///
/// The functions of `plan.fast_calls()` take the type `erased` points to, which is live.
unsafe fn run_rest(
    plan: &Plan,
    start: usize,
    erased: *const (),
    names: Names<'_>,
    mut report: TriggerReport,
) -> TriggerReport {
    let calls = plan.fast_calls();
    let mut next = start;
    while let Some(&call) = calls.get(next) {
        let index = next;
        next += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: our caller's obligation.
            match unsafe { call.call(erased) } {
                Ok(()) => false,
                // SAFETY: as above.
                Err(halt) => unsafe { retry_or_report(&mut report, plan, index, erased, names, halt) },
            }
        }));
        match outcome {
            Ok(false) => {}
            Ok(true) => break,
            Err(panic) => report.push(panicked(plan.callbacks()[index], names, panic)),
        }
    }
    finish(report, next, names)
}

/// Records how many callbacks ran and announces the failures.
fn finish(mut report: TriggerReport, ran: usize, names: Names<'_>) -> TriggerReport {
    report.set_ran(ran);
    if !report.is_ok() {
        announce(&report, names);
    }
    report
}

/// A payload whose type the checked path learns at runtime: a call site passes one reference (two
/// words) and nothing else of its type.
trait ErasedPayload: Any {
    fn type_name(&self) -> &'static str;
}

impl<T: Any> ErasedPayload for T {
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }
}

/// The path that records the payload for scopes, checks each callback's payload type and, when a
/// subscriber wants them, opens a span and times each callback.
#[cold]
#[inline(never)]
fn run_checked(plan: &Plan, names: Names<'_>, payload: &dyn ErasedPayload) -> TriggerReport {
    let erased = payload as *const dyn ErasedPayload as *const ();
    let (payload_name, payload_any) = (payload.type_name(), payload as &dyn Any);
    let payload = payload_any.type_id();
    if switch::active() {
        scope::record(names.hook(), payload_any);
    }
    let Some(_nesting) = NestingGuard::enter() else {
        return refused(names);
    };
    let (traced, switched) = (traced(), switch::active());
    metrics::trigger(names.hook(), names.context());
    let span = if traced {
        tracing::debug_span!(target: "hooks", "trigger", hook = names.hook(), context = names.context()).entered()
    } else {
        tracing::Span::none().entered()
    };
    let mut report = TriggerReport::new();
    let mut ran = 0;
    for &callback in plan.callbacks() {
        if switched && scope::skips(callback) {
            report.skip();
            metrics::callback(callback, metrics::Outcome::Skipped, None);
            continue;
        }
        let call = match sync_call(callback, payload, payload_name) {
            Ok(call) => call,
            Err(kind) => {
                metrics::callback(callback, metrics::Outcome::Error, None);
                log_failure(callback, names, &kind);
                report.push(Failure::new(Some(callback), kind));
                continue;
            }
        };
        ran += 1;
        let started = (traced || metrics::ON).then(Instant::now);
        let span = callback_span(callback, traced);
        let outcome = span.in_scope(|| {
            catch_unwind(AssertUnwindSafe(|| {
                // SAFETY: the callback's payload type is `payload`, the `TypeId` of the type that
                // `erased` points to, and `erased` comes from a live reference.
                match unsafe { call.call(erased) } {
                    Ok(()) => Ok(1),
                    // SAFETY: as for the first call.
                    Err(halt) => unsafe { retried(callback, call, erased, halt) },
                }
            }))
        });
        drop(span);
        let stopped = matches!(&outcome, Ok(Err((halt, _))) if halt.is_break());
        // Logged in the trigger's span, outside the callback's.
        let (failed, attempts, kind) = match outcome {
            Ok(Ok(attempts)) => (None, attempts, metrics::Outcome::Ok),
            Ok(Err((_, attempts))) if stopped => (None, attempts, metrics::Outcome::Ok),
            Ok(Err((error, attempts))) => {
                (Some(errored(callback, names, error).with_attempts(attempts)), attempts, metrics::Outcome::Error)
            }
            Err(panic) => (Some(panicked(callback, names, panic)), 1, metrics::Outcome::Panic),
        };
        let elapsed = started.map(|started| started.elapsed());
        metrics::callback(callback, kind, elapsed);
        metrics::retries(callback, attempts - 1);
        if let (true, Some(elapsed)) = (traced, elapsed) {
            log_finished(callback, failed.as_ref(), elapsed);
        }
        if let Some(failure) = failed {
            report.push(failure);
        }
        if stopped {
            report.stop(callback);
            break;
        }
    }
    drop(span);
    report.set_ran(ran);
    if !report.is_ok() {
        announce(&report, names);
    }
    report
}

/// The span a callback runs in when a subscriber wants debug events (none otherwise): its hook,
/// context and path, so that the callback's own log lines can be attributed without fields of
/// their own.
pub(crate) fn callback_span(callback: &Callback, traced: bool) -> tracing::Span {
    if !traced {
        return tracing::Span::none();
    }
    tracing::debug_span!(
        target: "hooks",
        "callback",
        hook = callback.hook,
        context = callback.context(),
        callback = callback.path,
        priority = callback.priority,
    )
}

/// The per-callback event of a traced trigger.
pub(crate) fn log_finished(callback: &Callback, failure: Option<&Failure>, elapsed: Duration) {
    let outcome = match failure.map(Failure::kind) {
        None => "ok",
        Some(FailureKind::Panic(_)) => "panicked",
        Some(_) => "error",
    };
    tracing::debug!(
        target: "hooks",
        callback = callback.path,
        priority = callback.priority,
        context = callback.context(),
        asynchronous = callback.is_async(),
        outcome,
        elapsed_us = elapsed.as_secs_f64() * 1e6,
        "callback finished"
    );
}

/// The function a sync trigger calls for `callback`, or why it cannot call it.
fn sync_call(callback: &Callback, payload: TypeId, payload_name: &'static str) -> Result<SyncCall, FailureKind> {
    if callback.payload_type_id() != payload {
        return Err(FailureKind::PayloadMismatch { expected: callback.payload_type_name(), found: payload_name });
    }
    callback.invoke().sync_call().ok_or(FailureKind::AsyncCallback)
}

/// [`retried`] for the fast path's callback `index`, pushing the failure into `report`, or
/// recording that the callback stopped the trigger. Returns `true` when the trigger stops there.
///
/// # Safety
///
/// The functions of `plan.fast_calls()` must take the type `erased` points to.
#[cold]
#[inline(never)]
unsafe fn retry_or_report(
    report: &mut TriggerReport,
    plan: &Plan,
    index: usize,
    erased: *const (),
    names: Names<'_>,
    halt: Halt,
) -> bool {
    let (callback, call) = (plan.callbacks()[index], plan.fast_calls()[index]);
    // SAFETY: the caller's obligation.
    match unsafe { retried(callback, call, erased, halt) } {
        Ok(_) => false,
        Err((halt, _)) if halt.is_break() => {
            report.stop(callback);
            true
        }
        Err((error, attempts)) => {
            report.push(errored(callback, names, error).with_attempts(attempts));
            false
        }
    }
}

/// Calls a sync callback that returned `error` again, up to its `retry = N` times, at once; the
/// last error with the number of calls, or the number of calls once one succeeded. A request to
/// stop the trigger (`ControlFlow::Break`) is returned as it is, never retried. A panic of a
/// retry unwinds to the trigger's `catch_unwind` like any panic.
///
/// # Safety
///
/// `call` must be `callback`'s function and take the type `erased` points to, as for the first
/// call.
#[cold]
#[inline(never)]
unsafe fn retried(
    callback: &'static Callback,
    call: SyncCall,
    erased: *const (),
    mut error: Halt,
) -> Result<u32, (Halt, u32)> {
    let mut attempts = 1;
    while attempts <= u32::from(callback.retries()) && !error.is_break() {
        attempts += 1;
        tracing::debug!(target: "hooks", callback = callback.path, attempt = attempts, "retrying: {error}");
        // SAFETY: the caller's obligation.
        match unsafe { call.call(erased) } {
            Ok(()) => return Ok(attempts),
            Err(again) => error = again,
        }
    }
    Err((error, attempts))
}

#[cold]
#[inline(never)]
pub(crate) fn errored(callback: &'static Callback, names: Names<'_>, error: Halt) -> Failure {
    let kind = FailureKind::Error(error.into_error().unwrap_or_default());
    log_failure(callback, names, &kind);
    Failure::new(Some(callback), kind)
}

#[cold]
#[inline(never)]
pub(crate) fn panicked(callback: &'static Callback, names: Names<'_>, panic: Box<dyn Any + Send>) -> Failure {
    let message = match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => match panic.downcast::<&'static str>() {
            Ok(message) => (*message).to_owned(),
            Err(_) => "callback panicked with a non-string payload".to_owned(),
        },
    };
    let kind = FailureKind::Panic(message);
    log_failure(callback, names, &kind);
    Failure::new(Some(callback), kind)
}

pub(crate) fn log_failure(callback: &Callback, names: Names<'_>, kind: &FailureKind) {
    let trigger_context = names.context();
    tracing::error!(
        target: "hooks",
        hook = callback.hook,
        callback = callback.path,
        priority = callback.priority,
        context = callback.context(),
        trigger_context,
        "hook callback failed: {kind}"
    );
}

#[cold]
#[inline(never)]
pub(crate) fn refused(names: Names<'_>) -> TriggerReport {
    let hook = names.hook();
    let kind = FailureKind::NestingTooDeep { hook: hook.to_owned(), limit: MAX_NESTING };
    tracing::error!(target: "hooks", hook, "{kind}");
    let mut report = TriggerReport::new();
    report.push(Failure::new(None, kind));
    report
}

/// Fires [`callback_failed`] from a sync trigger: its sync callbacks run, in order, for each
/// failed callback of `report` (see the hook's documentation).
#[cold]
#[inline(never)]
fn announce(report: &TriggerReport, names: Names<'_>) {
    if !failed::announces(report, names.hook()) {
        return;
    }
    let Some(hook) = crate::registry().hook(callback_failed::NAME) else { return };
    let Some(_nesting) = NestingGuard::enter() else { return };
    let own = Given { hook: callback_failed::NAME, context: None };
    let own = Names::Given(&own);
    for failure in report.failures().iter().filter(|failure| failure.callback().is_some()) {
        let event = CallbackFailed::of(failure, names.hook(), names.context());
        for callback in hook.callbacks() {
            let Some(call) = callback.invoke().sync_call() else { continue };
            let skipped = switch::active() && scope::skips(callback);
            if callback.payload_type_id() != TypeId::of::<CallbackFailed>() || skipped {
                continue;
            }
            let erased = &event as *const CallbackFailed as *const ();
            // SAFETY: the callback takes `&CallbackFailed` (its payload `TypeId` was compared) and
            // `erased` comes from a live one.
            // A failure is logged (by `errored` or `panicked`) and not fired again.
            match catch_unwind(AssertUnwindSafe(|| unsafe { call.call(erased) })) {
                // A stop is not a failure: the rest of `callback_failed`'s callbacks still run.
                Ok(Ok(())) => {}
                Ok(Err(halt)) if halt.is_break() => {}
                Ok(Err(error)) => drop(errored(callback, own, error)),
                Err(panic) => drop(panicked(callback, own, panic)),
            }
        }
    }
}
