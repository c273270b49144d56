//! Callback functions with their payload type erased, so that callbacks of every payload type fit
//! one record, and the adapters generated code wraps each callback in.
//!
//! A sync callback that returns `()` is registered as itself: [`plain`] erases `T` from the user's
//! `fn(&T)`, so there is no adapter to compile and the fast path calls the user's function with
//! no result to check. Any other callback is wrapped in an adapter closure of one signature per
//! kind: `fn(&T) -> Result<(), Halt>` for sync callbacks (a small user function is inlined into
//! it) and `fn(&'static T) -> F`, returning the future, for async ones; [`sync`] and
//! [`asynchronous`] erase `T` (and `F`) from those pointers. The dispatchers call them only after
//! comparing the payload's `TypeId` with the callback's, once per call site or once per callback.

use std::fmt;
use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::ops::ControlFlow;
use std::ptr::NonNull;

use crate::Durable;
use crate::halt::{Halt, error_message};
use crate::in_place::{AsyncFn, InPlace};

/// A sync callback with its payload type erased: a generated adapter around `fn(&T)` or
/// `fn(&T) -> Result<(), E>` (a small user function is inlined into it).
///
/// `unsafe` because the pointer must point to a live `T`, the type the adapter was made for. The
/// adapters were written for `&T` and are called with `*const ()`: both are thin pointers, and the
/// std docs on function pointers list `&T` and `*const U` as ABI-compatible when `T` and `U` are
/// `Sized`.
pub(crate) type SyncFn = unsafe fn(*const ()) -> Result<(), Halt>;

/// A sync callback that returns `()`, with its payload type erased: the user's function itself,
/// so the fast path makes one call per callback and has no result to check.
///
/// `unsafe` for the same reason as [`SyncFn`]: the function was written for `&T` and is called
/// with a `*const ()` that must point to a live `T`.
pub(crate) type PlainFn = unsafe fn(*const ());

/// A callback with its payload type erased.
///
/// The pointers take the payload as `*const ()`; they were made from `fn(&T) -> Result<(), Halt>`
/// and `fn(&'static T) -> F` (see [`AsyncFn`]), and are only called after the payload's `TypeId`
/// was compared with the callback's.
#[derive(Clone, Copy)]
pub(crate) enum Invoke {
    /// A sync callback: the user's function, or its adapter.
    Sync(SyncCall),
    /// A generated adapter around `async fn(&T)` or `async fn(&T) -> Result<(), E>`, whose
    /// future is made in the trigger's buffer.
    Async(AsyncFn),
    /// A durable callback, run by the durable-hooks crate's workers, never by a trigger.
    Durable(&'static Durable),
}

/// How a sync trigger calls a sync callback: the user's function, or the adapter that reports
/// its result.
#[derive(Clone, Copy)]
pub(crate) enum SyncCall {
    /// A callback that returns `()`.
    Plain(PlainFn),
    /// A callback that returns a `Result` or a `ControlFlow`.
    Fallible(SyncFn),
}

impl SyncCall {
    /// Calls the callback.
    ///
    /// # Safety
    ///
    /// `payload` must point to a live `T`, the type the function was made for.
    #[inline(always)]
    pub(crate) unsafe fn call(self, payload: *const ()) -> Result<(), Halt> {
        match self {
            SyncCall::Plain(f) => {
                // SAFETY: our caller's obligation (see `SyncFn` for the ABI argument).
                unsafe { f(payload) };
                Ok(())
            }
            // SAFETY: as above.
            SyncCall::Fallible(f) => unsafe { f(payload) },
        }
    }

    /// The user's function of a callback that returns `()`, `None` for the others.
    pub(crate) fn plain(self) -> Option<PlainFn> {
        match self {
            SyncCall::Plain(f) => Some(f),
            SyncCall::Fallible(_) => None,
        }
    }

    /// The function's address, to compare calls in tests.
    #[cfg(test)]
    pub(crate) fn address(self) -> usize {
        match self {
            SyncCall::Plain(f) => f as usize,
            SyncCall::Fallible(f) => f as usize,
        }
    }
}

/// The result of starting a callback: sync callbacks finish at once, async ones give a future.
pub(crate) enum Started<'a> {
    Finished(Result<(), Halt>),
    Pending(InPlace<'a>),
}

/// The function slot of a record whose callback is not a plain one: never called, since
/// [`Callback::invoke`](crate::Callback) reads the adapter instead.
///
/// # Safety
///
/// None needed; `unsafe` for the type of the slot.
pub(crate) unsafe fn unused(_: *const ()) {
    unreachable!("the function slot of a callback with an adapter was called")
}

impl Invoke {
    /// The adapter slot of a plain callback's record: never read, since
    /// [`Callback::invoke`](crate::Callback) calls the function slot instead.
    pub(crate) const UNUSED: Invoke = Invoke::Sync(SyncCall::Plain(unused));

    const fn sync<T: 'static>(f: fn(&T) -> Result<(), Halt>) -> Self {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called with a `&T` behind the `*const ()`, as `SyncFn` requires.
        Invoke::Sync(SyncCall::Fallible(unsafe { std::mem::transmute::<fn(&T) -> Result<(), Halt>, SyncFn>(f) }))
    }

    pub(crate) fn is_async(self) -> bool {
        matches!(self, Invoke::Async(_))
    }

    /// The job options, `Some` for a durable callback.
    pub(crate) fn durable(self) -> Option<&'static Durable> {
        match self {
            Invoke::Durable(durable) => Some(durable),
            Invoke::Sync(_) | Invoke::Async(_) => None,
        }
    }

    /// How a sync trigger calls it, `None` for an async or durable callback.
    pub(crate) fn sync_call(self) -> Option<SyncCall> {
        match self {
            Invoke::Sync(call) => Some(call),
            Invoke::Async(_) | Invoke::Durable(_) => None,
        }
    }

    /// The future's layout of an async callback, `None` for the others.
    pub(crate) fn future_layout(self) -> Option<std::alloc::Layout> {
        match self {
            Invoke::Async(asynchronous) => Some(asynchronous.layout),
            Invoke::Sync(_) | Invoke::Durable(_) => None,
        }
    }

    /// Starts the callback: calls a sync one, or makes an async one's future at `slot`.
    ///
    /// # Safety
    ///
    /// `payload` must be a valid `&T`, for the `T` this `Invoke` was made from (the caller checks
    /// the `TypeId`), that outlives `'a`. For an async callback, `slot` must be as
    /// [`AsyncFn::start`] requires; it is not used otherwise.
    pub(crate) unsafe fn start<'a>(self, payload: *const (), slot: impl FnOnce() -> NonNull<u8>) -> Started<'a> {
        match self {
            // SAFETY: forwarded from our caller.
            Invoke::Async(asynchronous) => Started::Pending(unsafe { asynchronous.start(payload, slot()) }),
            // SAFETY: forwarded from our caller (see `SyncFn` for the ABI argument).
            Invoke::Sync(call) => Started::Finished(unsafe { call.call(payload) }),
            // Plans hold no durable callback; this arm keeps a mistake visible, not undefined.
            Invoke::Durable(_) => Started::Finished(Err(Halt::error("a durable callback runs in a worker".into()))),
        }
    }
}

/// Not public API. Used by generated code: a callback function with its payload type erased, and
/// whether it returns a `Result`.
pub struct Adapter<T> {
    pub(crate) invoke: Invoke,
    pub(crate) fallible: bool,
    payload: PhantomData<fn(&T)>,
}

impl<T> fmt::Debug for Adapter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Adapter").field("fallible", &self.fallible).finish()
    }
}

/// Not public API. Used by generated code: the adapter of any other sync callback, around
/// `fn(&T) -> Result<(), E>` or `fn(&T) -> ControlFlow<()>` (or a filter's or first-result
/// callback's function); `fallible` says whether the function returns a `Result`.
pub const fn sync<T: 'static>(adapter: fn(&T) -> Result<(), Halt>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::sync(adapter), fallible, payload: PhantomData }
}

/// Not public API. Used by generated code: the adapter of an `async fn` callback, a function
/// that returns its future (made in the trigger's buffer, see the `in_place` module); `fallible` says
/// whether the function returns a `Result`.
pub const fn asynchronous<T: 'static, F>(make: fn(&'static T) -> F, fallible: bool) -> Adapter<T>
where
    F: Future<Output = Result<(), Halt>> + Send + 'static,
{
    Adapter { invoke: Invoke::Async(AsyncFn::of(make)), fallible, payload: PhantomData }
}

/// Not public API. Used by generated code: the adapter of a durable callback, whose function the
/// durable-hooks crate's runner holds.
pub const fn durable<T: 'static>(durable: &'static Durable) -> Adapter<T> {
    Adapter { invoke: Invoke::Durable(durable), fallible: true, payload: PhantomData }
}

/// Not public API. Used by generated code: the value a callback's return type converts into.
#[diagnostic::on_unimplemented(
    message = "a hook callback must return `()`, `ControlFlow<()>`, or a `Result` of either whose error is `Display`",
    label = "`{Self}` is not a supported callback return type"
)]
pub trait CallbackReturn {
    /// Not public API.
    fn into_outcome(self) -> Result<(), Halt>;
}

impl CallbackReturn for () {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl CallbackReturn for ControlFlow<()> {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), Halt> {
        match self {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(Halt::BREAK),
        }
    }
}

impl<E: Display> CallbackReturn for Result<(), E> {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), Halt> {
        match self {
            Ok(()) => Ok(()),
            Err(error) => Err(error_message(&error)),
        }
    }
}

impl<E: Display> CallbackReturn for Result<ControlFlow<()>, E> {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), Halt> {
        match self {
            Ok(flow) => flow.into_outcome(),
            Err(error) => Err(error_message(&error)),
        }
    }
}
