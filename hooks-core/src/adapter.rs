//! Callback functions with their payload type erased, so that callbacks of every payload type fit
//! one record, and the adapters generated code wraps each callback in.
//!
//! `#[hook_callback]` wraps the user's function in an adapter closure of one signature per kind:
//! `fn(&T) -> Result<(), Halt>` for sync callbacks (a small user function is inlined into
//! it) and `fn(&T) -> CallbackFuture<'_>` for async ones. [`sync`] and [`asynchronous`] erase `T`
//! from those pointers; a sync callback that returns `()` also registers a closure that returns
//! nothing ([`Adapter::plain`]), which the fast path calls without a result to check. The
//! dispatchers call them only after comparing the payload's `TypeId` with the callback's, once per
//! call site or once per callback.

use std::fmt;
use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::ops::ControlFlow;
use std::pin::Pin;

use crate::Durable;

/// Why a callback's call did not simply return: the message of its `Err`, rendered with
/// `Display` when (and only when) it fails, or a request to stop the trigger
/// (`ControlFlow::Break`).
///
/// Not public API: generated code converts a callback's return value into this through
/// [`CallbackReturn`]; users read the message from [`FailureKind::Error`](crate::FailureKind::Error)
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

/// Not public API. Used by generated code: the future of an async callback, boxed so that
/// callbacks of every type fit one record.
pub type CallbackFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Halt>> + Send + 'a>>;

/// What the payload pointer is cast to for async adapters, whose future borrows the payload: a
/// zero-sized stand-in, so `&Erased` carries the lifetime without claiming any bytes.
pub(crate) struct Erased(());

/// A sync callback with its payload type erased: a generated adapter around `fn(&T)` or
/// `fn(&T) -> Result<(), E>` (a small user function is inlined into it).
///
/// `unsafe` because the pointer must point to a live `T`, the type the adapter was made for. The
/// adapters were written for `&T` and are called with `*const ()`: both are thin pointers, and the
/// std docs on function pointers list `&T` and `*const U` as ABI-compatible when `T` and `U` are
/// `Sized`.
pub(crate) type SyncFn = unsafe fn(*const ()) -> Result<(), Halt>;

/// A sync callback that returns `()`, with its payload type erased: a generated closure that only
/// calls the user's function (a jump to it when it is not inlined), so the fast path makes one
/// call per callback and has no result to check.
///
/// `unsafe` for the same reason as [`SyncFn`]: the function was written for `&T` and is called
/// with a `*const ()` that must point to a live `T`.
pub(crate) type PlainFn = unsafe fn(*const ());

/// A callback with its payload type erased.
///
/// The pointers take the payload as `*const ()` (or `&Erased`); they were made from
/// `fn(&T) -> Result<(), Halt>` and `fn(&T) -> CallbackFuture<'_>`, and are only called
/// after the payload's `TypeId` was compared with the callback's.
#[derive(Clone, Copy)]
pub(crate) enum Invoke {
    /// A sync callback.
    Sync(SyncFn),
    /// A generated adapter around `async fn(&T)` or `async fn(&T) -> Result<(), E>`.
    Async(for<'a> fn(&'a Erased) -> CallbackFuture<'a>),
    /// A durable callback, run by the durable-hooks crate's workers, never by a trigger.
    Durable(&'static Durable),
}

/// The result of starting a callback: sync callbacks finish at once, async ones give a future.
pub(crate) enum Started<'a> {
    Finished(Result<(), Halt>),
    Pending(CallbackFuture<'a>),
}

impl Invoke {
    const fn sync<T: 'static>(f: fn(&T) -> Result<(), Halt>) -> Self {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called with a `&T` behind the `*const ()`, as `SyncFn` requires.
        Invoke::Sync(unsafe { std::mem::transmute::<fn(&T) -> Result<(), Halt>, SyncFn>(f) })
    }

    const fn asynchronous<T: 'static>(f: for<'a> fn(&'a T) -> CallbackFuture<'a>) -> Self {
        // SAFETY: as in `sync`; the lifetime of the returned future stays tied to the argument's.
        Invoke::Async(unsafe {
            std::mem::transmute::<for<'a> fn(&'a T) -> CallbackFuture<'a>, for<'a> fn(&'a Erased) -> CallbackFuture<'a>>(
                f,
            )
        })
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

    /// The sync function, `None` for an async or durable callback.
    pub(crate) fn sync_fn(self) -> Option<SyncFn> {
        match self {
            Invoke::Sync(f) => Some(f),
            Invoke::Async(_) | Invoke::Durable(_) => None,
        }
    }

    /// Starts the callback: calls a sync one, or creates an async one's future.
    ///
    /// # Safety
    ///
    /// `payload` must be a valid `&T`, for the `T` this `Invoke` was made from (the caller checks
    /// the `TypeId`), that outlives `'a`.
    pub(crate) unsafe fn start<'a>(self, payload: *const ()) -> Started<'a> {
        match self {
            Invoke::Async(f) => {
                // SAFETY: `Erased` is zero-sized with alignment 1, so any non-null pointer is a valid
                // `&Erased`; the caller guarantees the payload lives for `'a`. The adapter was made
                // from `fn(&'a T)`, and `&T` and `&Erased` are ABI-compatible thin pointers.
                let erased = unsafe { &*(payload as *const Erased) };
                Started::Pending(f(erased))
            }
            // SAFETY: forwarded from our caller (see `SyncFn` for the ABI argument).
            Invoke::Sync(f) => Started::Finished(unsafe { f(payload) }),
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
    /// The user's function itself, for a sync callback that returns `()`.
    pub(crate) plain: Option<PlainFn>,
}

impl<T> fmt::Debug for Adapter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Adapter").field("fallible", &self.fallible).finish()
    }
}

/// Not public API. Used by generated code: the adapter of a sync callback, `fn(&T)` or
/// `fn(&T) -> Result<(), E>`; `fallible` says whether the function returns a `Result`.
pub const fn sync<T: 'static>(adapter: fn(&T) -> Result<(), Halt>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::sync(adapter), fallible, payload: PhantomData, plain: None }
}

impl<T: 'static> Adapter<T> {
    /// Not public API. Used by generated code: a sync callback that returns `()` also gives a
    /// function that calls it and returns nothing, which the fast path calls instead of the
    /// adapter when every callback of a trigger returns `()`.
    pub const fn plain(self, function: fn(&T)) -> Adapter<T> {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called with a `&T` behind the `*const ()`, as `PlainFn` requires.
        let plain = unsafe { std::mem::transmute::<fn(&T), PlainFn>(function) };
        Adapter { plain: Some(plain), ..self }
    }
}

/// Not public API. Used by generated code: the adapter of an `async fn` callback, which boxes its
/// future; `fallible` says whether the function returns a `Result`.
pub const fn asynchronous<T: 'static>(adapter: for<'a> fn(&'a T) -> CallbackFuture<'a>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::asynchronous(adapter), fallible, payload: PhantomData, plain: None }
}

/// Not public API. Used by generated code: the adapter of a durable callback, whose function the
/// durable-hooks crate's runner holds.
pub const fn durable<T: 'static>(durable: &'static Durable) -> Adapter<T> {
    Adapter { invoke: Invoke::Durable(durable), fallible: true, payload: PhantomData, plain: None }
}

/// Not public API. Used by generated code: an async callback's future must be `Send`, so that
/// `trigger_async!` can be awaited in multi-threaded executors.
#[inline(always)]
pub fn assert_send<F: Future + Send>(future: F) -> F {
    future
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

#[cold]
#[inline(never)]
pub(crate) fn error_message(error: &dyn Display) -> Halt {
    Halt::error(error.to_string())
}
