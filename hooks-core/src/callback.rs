//! The registration record that `#[hook_callback]` emits for each callback.

use std::any::TypeId;
use std::fmt;

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
        matches!(self.invoke, Invoke::Fallible(_))
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

/// A callback with its payload type erased.
///
/// The pointers take the payload as `*const ()`; they were made from `fn(&T)` and
/// `fn(&T) -> Result<(), ErrorMessage>`, and are only called after the payload's `TypeId` was
/// compared with the callback's (see [`Invoke::call`]).
#[derive(Clone, Copy)]
pub(crate) enum Invoke {
    /// `fn(&T)`, called with no wrapper.
    Plain(fn(*const ())),
    /// A generated adapter around `fn(&T) -> Result<(), E>`.
    Fallible(fn(*const ()) -> Result<(), ErrorMessage>),
}

impl Invoke {
    pub(crate) const fn plain<T: 'static>(f: fn(&T)) -> Self {
        // SAFETY: a transmute between two function pointer types, which have the same size. The
        // result is only called by `Invoke::call`, whose contract makes the call sound.
        Invoke::Plain(unsafe { std::mem::transmute::<fn(&T), fn(*const ())>(f) })
    }

    pub(crate) const fn fallible<T: 'static>(f: fn(&T) -> Result<(), ErrorMessage>) -> Self {
        // SAFETY: as in `plain`.
        Invoke::Fallible(unsafe {
            std::mem::transmute::<fn(&T) -> Result<(), ErrorMessage>, fn(*const ()) -> Result<(), ErrorMessage>>(f)
        })
    }

    /// Calls the callback with `payload`.
    ///
    /// # Safety
    ///
    /// `payload` must be a valid `&T` for the `T` this `Invoke` was made from (the caller checks
    /// the `TypeId`).
    #[inline(always)]
    pub(crate) unsafe fn call(self, payload: *const ()) -> Result<(), ErrorMessage> {
        // The functions were written for `&T` and are called with `*const ()`. Both are thin
        // pointers: the std docs on function pointers list `&T` and `*const U` as ABI-compatible
        // when `T` and `U` are `Sized`, and the caller guarantees the pointer is a live `&T`.
        match self {
            Invoke::Plain(f) => {
                f(payload);
                Ok(())
            }
            Invoke::Fallible(f) => f(payload),
        }
    }
}
