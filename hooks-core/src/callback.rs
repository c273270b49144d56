//! The registration record that `#[hook_callback]` emits for each callback.

use std::any::TypeId;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A registered callback: the function and everything the registry knows about it.
///
/// Records are created by [`#[hook_callback]`](crate::hook_callback) as statics and collected at
/// link time; user code only reads them, through [`Registry`](crate::Registry).
///
/// ```
/// #[hooks_core::hook_callback("doc_callback_example", priority = 3, context = "docs")]
/// fn on_event(_: &u32) {}
///
/// let hook = hooks_core::registry().hook("doc_callback_example").unwrap();
/// let callback = hook.callbacks().next().unwrap();
/// assert_eq!(callback.priority(), 3);
/// assert_eq!(callback.context(), Some("docs"));
/// assert!(callback.path().ends_with("::on_event"));
/// ```
pub struct Callback {
    pub(crate) hook: &'static str,
    pub(crate) priority: u8,
    pub(crate) context: Option<&'static str>,
    pub(crate) path: &'static str,
    pub(crate) file: &'static str,
    pub(crate) line: u32,
    pub(crate) payload: PayloadType,
    pub(crate) fallible: bool,
    pub(crate) invoke: Invoke,
}

impl Callback {
    /// The name of the hook this callback reacts to.
    pub fn hook(&self) -> &'static str {
        self.hook
    }

    /// Its priority, 1 to 100; lower runs first.
    pub fn priority(&self) -> u8 {
        self.priority
    }

    /// Its context, or `None` for a global callback that runs for every context.
    pub fn context(&self) -> Option<&'static str> {
        self.context
    }

    /// The fully qualified path of the function, `module::path::fn_name`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The source file of the function.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line of the function's name in [`file`](Self::file).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The name of the payload type the callback takes by reference.
    pub fn payload_type_name(&self) -> &'static str {
        (self.payload.name)()
    }

    /// Whether the callback returns a `Result` (and so can fail without panicking).
    pub fn is_fallible(&self) -> bool {
        self.fallible
    }

    /// Whether the callback is an `async fn`, run only by `trigger_async!`.
    pub fn is_async(&self) -> bool {
        self.invoke.is_async()
    }

    pub(crate) fn payload_type_id(&self) -> TypeId {
        (self.payload.id)()
    }
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callback")
            .field("hook", &self.hook)
            .field("priority", &self.priority)
            .field("context", &self.context)
            .field("path", &self.path)
            .field("file", &self.file)
            .field("line", &self.line)
            .field("payload", &self.payload_type_name())
            .field("fallible", &self.fallible)
            .field("async", &self.is_async())
            .finish()
    }
}

/// A payload type, known through function pointers because `TypeId::of` and `type_name` are not
/// usable in statics.
#[derive(Clone, Copy)]
pub(crate) struct PayloadType {
    pub(crate) id: fn() -> TypeId,
    pub(crate) name: fn() -> &'static str,
}

impl PayloadType {
    pub(crate) const fn of<T: 'static>() -> Self {
        PayloadType { id: TypeId::of::<T>, name: std::any::type_name::<T> }
    }
}

/// The message of a callback's `Err`, rendered with `Display` when (and only when) it fails.
///
/// Generated code converts a callback's `Err(e)` into this; users read the message from
/// [`FailureKind::Error`](crate::FailureKind::Error).
pub struct ErrorMessage(pub(crate) Box<str>);

impl fmt::Debug for ErrorMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// The future of an async callback, boxed so that callbacks of every type fit one record.
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
}

/// The result of starting a callback: sync callbacks finish at once, async ones give a future.
pub(crate) enum Started<'a> {
    Finished(Result<(), ErrorMessage>),
    Pending(CallbackFuture<'a>),
}

impl Invoke {
    pub(crate) const fn sync<T: 'static>(f: fn(&T) -> Result<(), ErrorMessage>) -> Self {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called with a `&T` behind the `*const ()`, as `SyncFn` requires.
        Invoke::Sync(unsafe { std::mem::transmute::<fn(&T) -> Result<(), ErrorMessage>, SyncFn>(f) })
    }

    pub(crate) const fn asynchronous<T: 'static>(f: for<'a> fn(&'a T) -> CallbackFuture<'a>) -> Self {
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

    /// The sync function, `None` for an async callback.
    pub(crate) fn sync_fn(self) -> Option<SyncFn> {
        match self {
            Invoke::Sync(f) => Some(f),
            Invoke::Async(_) => None,
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
        }
    }
}
