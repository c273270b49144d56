//! Callback functions with their payload type erased, so that callbacks of every payload type fit
//! one record, and the adapters generated code wraps each callback in.
//!
//! `#[hook_callback]` wraps the user's function in an adapter closure of one signature per kind:
//! `fn(&T) -> Result<(), ErrorMessage>` for sync callbacks (the user's function is inlined into
//! it) and `fn(&T) -> CallbackFuture<'_>` for async ones. [`sync`] and [`asynchronous`] erase `T`
//! from those pointers; the dispatchers call them only after comparing the payload's `TypeId` with
//! the callback's, once per call site or once per callback.

use std::fmt;
use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use crate::Durable;

/// The message of a callback's `Err`, rendered with `Display` when (and only when) it fails.
///
/// Not public API: generated code converts a callback's `Err(e)` into this through
/// [`CallbackReturn`]; users read the message from [`FailureKind::Error`](crate::FailureKind::Error).
pub struct ErrorMessage(pub(crate) Box<str>);

impl fmt::Debug for ErrorMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for ErrorMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Not public API. Used by generated code: the future of an async callback, boxed so that
/// callbacks of every type fit one record.
pub type CallbackFuture<'a> = Pin<Box<dyn Future<Output = Result<(), ErrorMessage>> + Send + 'a>>;

/// What the payload pointer is cast to for async adapters, whose future borrows the payload: a
/// zero-sized stand-in, so `&Erased` carries the lifetime without claiming any bytes.
pub(crate) struct Erased(());

/// A sync callback with its payload type erased: a generated adapter around `fn(&T)` or
/// `fn(&T) -> Result<(), E>` (the user's function is inlined into it).
///
/// `unsafe` because the pointer must point to a live `T`, the type the adapter was made for. The
/// adapters were written for `&T` and are called with `*const ()`: both are thin pointers, and the
/// std docs on function pointers list `&T` and `*const U` as ABI-compatible when `T` and `U` are
/// `Sized`.
pub(crate) type SyncFn = unsafe fn(*const ()) -> Result<(), ErrorMessage>;

/// A callback with its payload type erased.
///
/// The pointers take the payload as `*const ()` (or `&Erased`); they were made from
/// `fn(&T) -> Result<(), ErrorMessage>` and `fn(&T) -> CallbackFuture<'_>`, and are only called
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
    Finished(Result<(), ErrorMessage>),
    Pending(CallbackFuture<'a>),
}

impl Invoke {
    const fn sync<T: 'static>(f: fn(&T) -> Result<(), ErrorMessage>) -> Self {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called with a `&T` behind the `*const ()`, as `SyncFn` requires.
        Invoke::Sync(unsafe { std::mem::transmute::<fn(&T) -> Result<(), ErrorMessage>, SyncFn>(f) })
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
            Invoke::Durable(_) => Started::Finished(Err(ErrorMessage("a durable callback runs in a worker".into()))),
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

/// Not public API. Used by generated code: the adapter of a sync callback, `fn(&T)` or
/// `fn(&T) -> Result<(), E>`; `fallible` says whether the function returns a `Result`.
pub const fn sync<T: 'static>(adapter: fn(&T) -> Result<(), ErrorMessage>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::sync(adapter), fallible, payload: PhantomData }
}

/// Not public API. Used by generated code: the adapter of an `async fn` callback, which boxes its
/// future; `fallible` says whether the function returns a `Result`.
pub const fn asynchronous<T: 'static>(adapter: for<'a> fn(&'a T) -> CallbackFuture<'a>, fallible: bool) -> Adapter<T> {
    Adapter { invoke: Invoke::asynchronous(adapter), fallible, payload: PhantomData }
}

/// Not public API. Used by generated code: the adapter of a durable callback, whose function the
/// durable-hooks crate's runner holds.
pub const fn durable<T: 'static>(durable: &'static Durable) -> Adapter<T> {
    Adapter { invoke: Invoke::Durable(durable), fallible: true, payload: PhantomData }
}

/// Not public API. Used by generated code: an async callback's future must be `Send`, so that
/// `trigger_async!` can be awaited in multi-threaded executors.
#[inline(always)]
pub fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

/// Not public API. Used by generated code: the value a callback's return type converts into.
#[diagnostic::on_unimplemented(
    message = "a hook callback must return `()` or `Result<(), E>` where `E: Display`",
    label = "`{Self}` is not a supported callback return type"
)]
pub trait CallbackReturn {
    /// Not public API.
    fn into_outcome(self) -> Result<(), ErrorMessage>;
}

impl CallbackReturn for () {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), ErrorMessage> {
        Ok(())
    }
}

impl<E: Display> CallbackReturn for Result<(), E> {
    #[inline(always)]
    fn into_outcome(self) -> Result<(), ErrorMessage> {
        match self {
            Ok(()) => Ok(()),
            Err(error) => Err(error_message(&error)),
        }
    }
}

#[cold]
#[inline(never)]
fn error_message(error: &dyn Display) -> ErrorMessage {
    ErrorMessage(error.to_string().into_boxed_str())
}
