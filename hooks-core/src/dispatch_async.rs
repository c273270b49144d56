//! `trigger_async!`: sync and async callbacks in one priority order, awaited in turn, or with
//! equal-priority async callbacks run concurrently.
//!
//! Runtime-agnostic: only `std::future` is used. Panics are caught around each poll, and the
//! nesting depth is counted while the trigger is being polled, which is exactly when a nested
//! trigger could grow the stack.

use std::alloc::Layout;
use std::any::{Any, TypeId};
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll};
use std::time::Instant;

use smallvec::SmallVec;
use tracing::Instrument;

use crate::adapter::Started;
use crate::dispatch::{
    self, Given, Names, NestingGuard, callback_span, errored, log_failure, log_finished, panicked, refused,
};
use crate::failed::{self, CallbackFailed, callback_failed};
use crate::halt::Halt;
use crate::in_place::{self, Arena, InPlace};
use crate::plan::Plan;
use crate::{Callback, Failure, FailureKind, TriggerReport};
use crate::{metrics, retry, scope, switch};

/// How `trigger_async!` runs async callbacks of equal priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// One after the other, each awaited before the next starts.
    Sequential,
    /// Consecutive async callbacks of equal priority polled together; different priorities still
    /// run in order.
    Concurrent,
}

/// Runs `plan` (or reports an unknown hook for `None`) with `payload`.
///
/// The future is `Send` when `T: Sync`: it holds `&T`, the plan and the callbacks' own futures,
/// which are `Send` by construction.
pub(crate) fn run<'a, T: 'static>(
    plan: Option<&'a Plan>,
    hook: &'a str,
    context: Option<&'a str>,
    payload: &'a T,
    mode: Mode,
) -> impl Future<Output = TriggerReport> + 'a {
    let span = match plan.is_some() && dispatch::traced() {
        true => tracing::debug_span!(target: "hooks", "trigger", hook, context, asynchronous = true),
        false => tracing::Span::none(),
    };
    let body = async move {
        match plan {
            Some(plan) => run_plan(plan, Names::Given(&Given { hook, context }), payload, mode).await,
            None => TriggerReport::unknown_hook(),
        }
    };
    Nested { hook, first_poll: true, body: body.instrument(span) }
}

/// Runs `plan`, then fires [`callback_failed`] for the callbacks that failed.
async fn run_plan<T: 'static>(plan: &Plan, names: Names<'_>, payload: &T, mode: Mode) -> TriggerReport {
    metrics::trigger(names.hook(), names.context());
    let report = run_callbacks(plan, names, payload, mode).await;
    if failed::announces(&report, names.hook()) {
        // Boxed: the announcement runs callbacks as the trigger does, and its state would
        // otherwise double the size of every trigger's future, failing or not.
        Box::pin(announce(&report, names)).await;
    }
    report
}

/// Fires [`callback_failed`] from an async trigger: all its callbacks run, one after another, for
/// each failed callback of `report`; their own failures are logged, not fired again.
async fn announce(report: &TriggerReport, names: Names<'_>) {
    let Some(hook) = crate::registry().hook(callback_failed::NAME) else { return };
    let plan = hook.plan(None);
    let own = Given { hook: callback_failed::NAME, context: None };
    let own = Names::Given(&own);
    for failure in report.failures().iter().filter(|failure| failure.callback().is_some()) {
        let event = CallbackFailed::of(failure, names.hook(), names.context());
        let _report = run_callbacks(plan, own, &event, Mode::Sequential).await;
    }
}

async fn run_callbacks<T: 'static>(plan: &Plan, names: Names<'_>, payload: &T, mode: Mode) -> TriggerReport {
    let (traced, switched) = (dispatch::traced(), switch::active());
    if switched {
        scope::record(names.hook(), payload);
    }
    // Declared before any future made in it, so that it is dropped after them.
    let arena = Arena::new(plan.room());
    let mut report = TriggerReport::new();
    let mut ran = 0;
    let mut rest = plan.callbacks();
    while let Some(&first) = rest.first() {
        let batch_len = match mode {
            Mode::Concurrent if first.is_async() => {
                rest.iter().take_while(|c| c.is_async() && c.priority == first.priority).count()
            }
            _ => 1,
        };
        let (batch, tail) = rest.split_at(batch_len);
        rest = tail;
        let started = (traced || metrics::ON).then(Instant::now);
        if let [callback] = batch {
            // One callback at a time: no batch bookkeeping, no allocation beyond its own future.
            if switched && scope::skips(callback) {
                report.skip();
                metrics::callback(callback, metrics::Outcome::Skipped, None);
            } else if takes_payload::<T>(&mut report, callback, names) {
                ran += 1;
                let span = callback_span(callback, traced);
                let outcome = match span.in_scope(|| start(callback, payload, || arena.base())) {
                    Ok(Started::Finished(result)) => result.map_err(Cause::Error),
                    Ok(Started::Pending(future)) => CatchUnwind { future, span }.await,
                    Err(panic) => Err(Cause::Panic(panic)),
                };
                let (outcome, attempts) = retried(callback, payload, outcome, traced, || arena.base()).await;
                if settle(&mut report, callback, names, outcome, started, attempts) {
                    report.stop(callback);
                    break;
                }
            }
            continue;
        }
        let mut slots = Slots::new();
        // The batch's futures side by side in the arena, in order (within the plan's room).
        let mut packed = Layout::new::<()>();
        for &callback in batch {
            if switched && scope::skips(callback) {
                report.skip();
                metrics::callback(callback, metrics::Outcome::Skipped, None);
            } else if takes_payload::<T>(&mut report, callback, names) {
                ran += 1;
                let span = callback_span(callback, traced);
                let offset =
                    callback.invoke().future_layout().map_or(0, |layout| in_place::next(&mut packed, layout).1);
                // SAFETY: `offset` lies within the plan's room (the packed batch), which the arena holds.
                let slot = || unsafe { arena.base().add(offset) };
                slots.push(match span.in_scope(|| start(callback, payload, slot)) {
                    Ok(Started::Finished(result)) => (callback, Slot::Done(result.map_err(Cause::Error))),
                    Ok(Started::Pending(future)) => (callback, Slot::Running(CatchUnwind { future, span })),
                    Err(panic) => (callback, Slot::Done(Err(Cause::Panic(panic)))),
                });
            }
        }
        // Outcomes come back in execution (path) order, whatever order the futures finished in.
        let mut stopped_by = None;
        for (callback, outcome) in (JoinAll { slots }).await {
            // Retries of a batch's callbacks run one after another, once the batch finished (and
            // its futures were dropped), at the start of the arena.
            let (outcome, attempts) = retried(callback, payload, outcome, traced, || arena.base()).await;
            if settle(&mut report, callback, names, outcome, started, attempts) {
                stopped_by = stopped_by.or(Some(callback));
            }
        }
        // A batch runs together: a stop takes effect after it, at its first callback that asked.
        if let Some(callback) = stopped_by {
            report.stop(callback);
            break;
        }
    }
    report.set_ran(ran);
    report
}

/// Whether `callback` takes `&T`; if not, the mismatch is logged and reported.
fn takes_payload<T: 'static>(report: &mut TriggerReport, callback: &'static Callback, names: Names<'_>) -> bool {
    if callback.payload_type_id() == TypeId::of::<T>() {
        return true;
    }
    let kind =
        FailureKind::PayloadMismatch { expected: callback.payload_type_name(), found: std::any::type_name::<T>() };
    log_failure(callback, names, &kind);
    report.push(Failure::new(Some(callback), kind));
    false
}

/// Records one callback's outcome: logs and reports a failure, and the callback's event when
/// traced. Returns `true` when the callback asked to stop the trigger.
fn settle(
    report: &mut TriggerReport,
    callback: &'static Callback,
    names: Names<'_>,
    outcome: Outcome,
    started: Option<Instant>,
    attempts: u32,
) -> bool {
    let stopped = matches!(&outcome, Err(Cause::Error(halt)) if halt.is_break());
    let (failure, kind) = match outcome {
        Ok(()) => (None, metrics::Outcome::Ok),
        Err(Cause::Error(_)) if stopped => (None, metrics::Outcome::Ok),
        Err(Cause::Error(error)) => {
            (Some(errored(callback, names, error).with_attempts(attempts)), metrics::Outcome::Error)
        }
        Err(Cause::Panic(panic)) => {
            (Some(panicked(callback, names, panic).with_attempts(attempts)), metrics::Outcome::Panic)
        }
    };
    let elapsed = started.map(|started| started.elapsed());
    metrics::callback(callback, kind, elapsed);
    metrics::retries(callback, attempts - 1);
    if let (true, Some(elapsed)) = (dispatch::traced(), elapsed) {
        log_finished(callback, failure.as_ref(), elapsed);
    }
    if let Some(failure) = failure {
        report.push(failure);
    }
    stopped
}

/// Calls a callback that returned `Err` again, up to its `retry = N` times, waiting out its
/// backoff between calls when a timer is installed; the last outcome and the number of calls. A
/// panic or a request to stop is not retried.
async fn retried<T: 'static>(
    callback: &'static Callback,
    payload: &T,
    mut outcome: Outcome,
    traced: bool,
    mut slot: impl FnMut() -> NonNull<u8>,
) -> (Outcome, u32) {
    let mut attempts = 1;
    while matches!(&outcome, Err(Cause::Error(halt)) if !halt.is_break()) && attempts <= u32::from(callback.retries()) {
        if let (Some(first), Some(timer)) = (callback.backoff(), retry::timer()) {
            timer(retry::delay(first, attempts)).await;
        }
        attempts += 1;
        tracing::debug!(target: "hooks", callback = callback.path, attempt = attempts, "retrying");
        let span = callback_span(callback, traced);
        outcome = match span.in_scope(|| start(callback, payload, &mut slot)) {
            Ok(Started::Finished(result)) => result.map_err(Cause::Error),
            Ok(Started::Pending(future)) => CatchUnwind { future, span }.await,
            Err(panic) => Err(Cause::Panic(panic)),
        };
    }
    (outcome, attempts)
}

/// Calls a sync callback or makes an async one's future at `slot`, catching a panic in either.
///
/// `slot` must give memory of the trigger's arena, within the plan's room, where no other future
/// lives, that stays in place until the returned future is dropped, before the trigger ends.
fn start<'a, T: 'static>(
    callback: &'static Callback,
    payload: &'a T,
    slot: impl FnOnce() -> NonNull<u8>,
) -> Result<Started<'a>, Box<dyn Any + Send>> {
    let erased = payload as *const T as *const ();
    // SAFETY: the caller compared the callback's payload `TypeId` with `T`'s, and `erased` comes
    // from a `&'a T`, so it outlives the future; the slot is as `AsyncFn::start` requires: the
    // arena is a local of the pinned trigger future, sized from the plan, and every caller drops
    // the future (awaiting it or dropping its batch) before starting another one there.
    catch_unwind(AssertUnwindSafe(|| unsafe { callback.invoke().start::<'a>(erased, slot) }))
}

enum Cause {
    /// An `Err`, or a request to stop the trigger.
    Error(Halt),
    Panic(Box<dyn Any + Send>),
}

/// How a callback ended.
type Outcome = Result<(), Cause>;

/// A callback's future, polled inside its span, whose panics become an outcome instead of
/// unwinding into the executor.
struct CatchUnwind<'a> {
    future: InPlace<'a>,
    span: tracing::Span,
}

impl Future for CatchUnwind<'_> {
    type Output = Result<(), Cause>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let _entered = this.span.enter();
        match catch_unwind(AssertUnwindSafe(|| Pin::new(&mut this.future).poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(result)) => Poll::Ready(result.map_err(Cause::Error)),
            Err(panic) => Poll::Ready(Err(Cause::Panic(panic))),
        }
    }
}

enum Slot<'a> {
    Running(CatchUnwind<'a>),
    Done(Result<(), Cause>),
}

/// The callbacks of a concurrent batch, in order, and then their outcomes: up to
/// [`INLINE_BATCH`] of them inside the trigger's own future, so that a batch allocates nothing
/// (its futures are in the arena). The outcomes are smaller than the slots, and only they are
/// kept across the retries' awaits.
type Slots<'a> = SmallVec<[(&'static Callback, Slot<'a>); INLINE_BATCH]>;
type Outcomes = SmallVec<[(&'static Callback, Outcome); INLINE_BATCH]>;

/// How many callbacks of a batch are kept without an allocation.
const INLINE_BATCH: usize = 4;

/// Polls every running callback of a batch until all are done, then gives their outcomes in
/// order; no executor needed.
struct JoinAll<'a> {
    slots: Slots<'a>,
}

impl Future for JoinAll<'_> {
    type Output = Outcomes;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut pending = false;
        for (_, slot) in &mut self.slots {
            if let Slot::Running(future) = slot {
                match Pin::new(future).poll(cx) {
                    Poll::Ready(result) => *slot = Slot::Done(result),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            return Poll::Pending;
        }
        let finished = self.slots.drain(..).map(|(callback, slot)| match slot {
            Slot::Done(outcome) => (callback, outcome),
            Slot::Running(_) => unreachable!("every slot is done"),
        });
        Poll::Ready(finished.collect())
    }
}

/// Counts one nesting level while the trigger is polled, and refuses a trigger first polled at
/// the limit.
struct Nested<'a, F> {
    hook: &'a str,
    first_poll: bool,
    body: F,
}

impl<F: Future<Output = TriggerReport>> Future for Nested<'_, F> {
    type Output = TriggerReport;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<TriggerReport> {
        // SAFETY: `body` is structurally pinned: it is never moved out of `self` nor exposed
        // unpinned; `hook` and `first_poll` are plain data that are not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        let _nesting = if std::mem::take(&mut this.first_poll) {
            match NestingGuard::enter() {
                Some(guard) => guard,
                None => return Poll::Ready(refused(Names::Given(&Given { hook: this.hook, context: None }))),
            }
        } else {
            NestingGuard::enter_unchecked()
        };
        // SAFETY: see above; `this` came from a pinned reference.
        unsafe { Pin::new_unchecked(&mut this.body) }.poll(cx)
    }
}
