//! The fast path's runners: one function per shape of plan, compiled once, in this crate.
//!
//! A call site calls its plan's runner through one pointer rather than inlining the walk over the
//! callbacks: the loop and its `catch_unwind` are then compiled once instead of at every
//! `trigger!`, where they made most of what a trigger site cost a crate to compile in release.
//! The call stays cheap: for up to four callbacks the calls are unrolled, and the runner reads the
//! payload from its caller's [`Frame`] before each call and writes the index of the running
//! callback there, rather than keeping them in registers it would save and restore on every
//! trigger.
//!
//! A runner stops at the first callback that fails, stops the trigger or panics, and leaves the
//! rest (retries, the report, the callbacks after it) to its caller, which finds in the frame why
//! the run stopped: runners know nothing of reports.

use std::any::Any;
use std::cell::{Cell, UnsafeCell};
use std::mem::MaybeUninit;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::Plan;
use crate::adapter::{PlainFn, SyncCall};
use crate::halt::Halt;

/// A plan's runner: calls the plan's fast calls in order with the frame's payload.
///
/// `unsafe` to call: the frame's payload must point to a live value of the plan's fast payload
/// type (see [`Plan`]'s invariants).
pub(crate) type Runner = unsafe fn(&Frame<'_>) -> Ran;

/// What a runner is given, and where it leaves why it stopped: in its caller's stack frame.
pub(crate) struct Frame<'a> {
    plan: &'a Plan,
    /// A `Cell`, so that an unrolled runner reads it again after each callback instead of
    /// keeping it in a register that it would have to save (the loop of any length keeps it in
    /// one, saved once for all its callbacks).
    payload: Cell<*const ()>,
    /// The index of the running callback, for a panic's landing pad (of an unrolled runner).
    next: Cell<usize>,
    /// Written when the run stops early, read once by the caller.
    stop: UnsafeCell<MaybeUninit<Stop>>,
}

/// Why a run stopped before its last callback.
pub(crate) enum Stop {
    /// The callback returned an error or asked to stop the trigger.
    Halted(Halt),
    /// The callback panicked.
    Panicked(Box<dyn Any + Send>),
}

/// A runner's result: how many callbacks ran, or, with the top bit set, the index of the callback
/// that stopped the run, whose [`Stop`] is in the frame. One word, returned in one register.
#[derive(Clone, Copy)]
pub(crate) struct Ran(usize);

const STOPPED: usize = 1 << (usize::BITS - 1);

impl Ran {
    /// The number of callbacks run, when none stopped the run.
    #[inline(always)]
    pub(crate) fn completed(self) -> Option<usize> {
        (self.0 & STOPPED == 0).then_some(self.0)
    }
}

impl<'a> Frame<'a> {
    /// The frame of a trigger of `plan` with the payload behind `payload`.
    #[inline(always)]
    pub(crate) fn new(plan: &'a Plan, payload: *const ()) -> Self {
        Frame { plan, payload: Cell::new(payload), next: Cell::new(0), stop: UnsafeCell::new(MaybeUninit::uninit()) }
    }

    /// The payload the frame was made with.
    pub(crate) fn payload(&self) -> *const () {
        self.payload.get()
    }

    /// The index of the callback that stopped the run, and why.
    ///
    /// # Safety
    ///
    /// `ran` is what this frame's runner returned, [`completed`](Ran::completed) is `None`, and
    /// this is the only call for it (the stop is moved out).
    pub(crate) unsafe fn stopped(&self, ran: Ran) -> (usize, Stop) {
        // SAFETY: a runner that returns a stopped `Ran` wrote the stop first (`stop_at`), and
        // our caller reads it once.
        (ran.0 & !STOPPED, unsafe { (*self.stop.get()).assume_init_read() })
    }

    /// Records that callback `index` stopped the run.
    #[cold]
    fn stop_at(&self, index: usize, stop: Stop) -> Ran {
        // SAFETY: the frame is borrowed by this runner alone until it returns; nothing else
        // reads or writes `stop` meanwhile.
        unsafe { (*self.stop.get()).write(stop) };
        Ran(index | STOPPED)
    }
}

/// The runner for a plan's shape: its plain calls when every callback returns `()`, its fast
/// calls otherwise (none for a plan without a fast path, whose runner is never called); unrolled
/// for one to four callbacks.
pub(crate) fn choose(plain: &[PlainFn], fast: &[SyncCall]) -> Runner {
    if !plain.is_empty() {
        return match plain.len() {
            1 => walk::<PlainFn, 1>,
            2 => walk::<PlainFn, 2>,
            3 => walk::<PlainFn, 3>,
            4 => walk::<PlainFn, 4>,
            _ => walk::<PlainFn, 0>,
        };
    }
    match fast.len() {
        1 => walk::<SyncCall, 1>,
        2 => walk::<SyncCall, 2>,
        3 => walk::<SyncCall, 3>,
        4 => walk::<SyncCall, 4>,
        _ => walk::<SyncCall, 0>,
    }
}

/// What a runner walks: the users' functions that return nothing (which cannot fail, so the
/// optimiser drops the test of their result), or the calls of callbacks of which some may fail.
trait FastCall: Copy {
    /// The plan's array of these.
    fn of(plan: &Plan) -> &[Self];

    /// Calls the callback.
    ///
    /// # Safety
    ///
    /// `payload` points to a live value of the type the function was made for.
    unsafe fn run(self, payload: *const ()) -> Result<(), Halt>;
}

impl FastCall for PlainFn {
    fn of(plan: &Plan) -> &[Self] {
        plan.plain_calls()
    }

    #[inline(always)]
    unsafe fn run(self, payload: *const ()) -> Result<(), Halt> {
        // SAFETY: our caller's obligation; see `PlainFn`.
        unsafe { self(payload) };
        Ok(())
    }
}

impl FastCall for SyncCall {
    fn of(plan: &Plan) -> &[Self] {
        plan.fast_calls()
    }

    #[inline(always)]
    unsafe fn run(self, payload: *const ()) -> Result<(), Halt> {
        // SAFETY: our caller's obligation; see `SyncFn`.
        unsafe { self.call(payload) }
    }
}

/// Runs the plan's `N` calls of kind `C` (any number with `N == 0`), and stops at the first that
/// fails, stops the trigger or panics.
///
/// # Safety
///
/// See [`Runner`]; the plan has `N` calls of kind `C` when `N > 0`.
unsafe fn walk<C: FastCall, const N: usize>(frame: &Frame<'_>) -> Ran {
    let calls = C::of(frame.plan);
    let len = if N == 0 { calls.len() } else { N };
    let calls = calls.as_ptr();
    let mut next = 0;
    let run = catch_unwind(AssertUnwindSafe(|| {
        if N == 0 {
            // Any number: the payload and index in registers, saved once for the whole loop.
            let payload = frame.payload();
            while next < len {
                // SAFETY: `next < len`, the number of calls. Each takes the plan's payload type,
                // which the payload points to (our caller's obligation).
                if let Err(halt) = unsafe { (*calls.add(next)).run(payload) } {
                    return Some(halt);
                }
                next += 1;
            }
        } else {
            for index in 0..N {
                // Index 0 was written by `Frame::new`.
                if index > 0 {
                    frame.next.set(index);
                }
                // SAFETY: as above, `index < N`.
                if let Err(halt) = unsafe { (*calls.add(index)).run(frame.payload()) } {
                    return Some(halt);
                }
            }
        }
        None
    }));
    let index = || if N == 0 { next } else { frame.next.get() };
    match run {
        Ok(None) => Ran(len),
        Ok(Some(halt)) => frame.stop_at(index(), Stop::Halted(halt)),
        Err(panic) => frame.stop_at(index(), Stop::Panicked(panic)),
    }
}
