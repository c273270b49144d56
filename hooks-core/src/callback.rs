//! The registration record that `#[hook_callback]` emits for each callback.

use std::any::TypeId;
use std::fmt;

use crate::adapter::{Invoke, PlainFn, SyncCall};
use crate::kind::Shape;
use crate::payload::PayloadType;
use crate::{Durable, HookKind};

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
//
// The three shared parts (signature, adapter, options) are held as pointers made from `&'static`
// references: rustc checks the value of every static it compiles and follows references into what
// they point to (once per record, so the shared parts once per callback), but not raw pointers.
pub struct Callback {
    pub(crate) hook: &'static str,
    pub(crate) priority: u8,
    pub(crate) path: &'static str,
    pub(crate) file: &'static str,
    pub(crate) line: u32,
    /// What it shares with every callback of the same types: a `&'static Signature`.
    pub(crate) signature: *const Signature,
    /// A sync callback that returns `()` (`signature.plain`): the user's function. Any other:
    /// [`unused`](crate::adapter::unused).
    pub(crate) function: PlainFn,
    /// Any other callback: its adapter, a `&'static Invoke`. A plain one: [`Invoke::UNUSED`].
    pub(crate) adapter: *const Invoke,
    /// The options few callbacks set, a `&'static CallbackOptions` shared by every callback that
    /// sets none of them.
    pub(crate) options: *const CallbackOptions,
}

// SAFETY: the pointers are made only by the constructors of `crate::record`, from `&'static`
// references to values that are never written (`Signature`, `Invoke` and
// `CallbackOptions` are `Sync` and have no interior mutability): reading them from any thread is
// reading through those references.
unsafe impl Send for Callback {}
// SAFETY: as above.
unsafe impl Sync for Callback {}

// What the impls above rely on: the pointees are `Sync` (and, being promoted or constants, have no
// interior mutability: rustc refuses to promote a value that has).
const _: fn() = || {
    fn sync<T: Sync>() {}
    sync::<Signature>();
    sync::<Invoke>();
    sync::<CallbackOptions>();
};

/// Not public API. The options of a callback that few callbacks set, behind one pointer: a
/// record with fewer fields costs its crate less to compile, and every callback without them
/// points at [`CallbackOptions::DEFAULT`].
#[doc(hidden)]
#[derive(Debug)]
pub struct CallbackOptions {
    pub(crate) context: Option<&'static str>,
    /// `false` for `#[hook_callback(..., enabled = false)]`: disabled when the registry is built.
    pub(crate) enabled_at_start: bool,
    /// `retry = N`: calls after an `Err` before the failure is reported.
    pub(crate) retries: u8,
    /// `backoff = "50ms"`: the first delay between an async callback's calls, in milliseconds.
    pub(crate) backoff_ms: u32,
    /// `after = [..]` and `before = [..]`: the paths of the callbacks it runs after and before.
    pub(crate) after: &'static [&'static str],
    pub(crate) before: &'static [&'static str],
}

impl CallbackOptions {
    /// No context, enabled, no retry, no constraint.
    pub const DEFAULT: CallbackOptions =
        CallbackOptions { context: None, enabled_at_start: true, retries: 0, backoff_ms: 0, after: &[], before: &[] };
}

/// What a callback's record shares with every callback of the same types: its
/// payload type, its shape (a plain callback, a filter or a first-result callback, with their
/// types) and whether it returns a `Result`. One constant per combination of types (see
/// `crate::record`), so a record holds one pointer instead of the fields: rustc checks each
/// record's value once per registration, and fewer fields cost each callback's crate less to
/// compile.
pub(crate) struct Signature {
    /// A sync callback that returns `()`, registered as itself (see [`Callback::invoke`]).
    pub(crate) plain: bool,
    pub(crate) payload: PayloadType,
    pub(crate) shape: Shape,
    pub(crate) fallible: bool,
}

impl Callback {
    fn signature(&self) -> &'static Signature {
        // SAFETY: made from a `&'static Signature` (see the `Sync` impl).
        unsafe { &*self.signature }
    }

    pub(crate) fn options(&self) -> &'static CallbackOptions {
        // SAFETY: made from a `&'static CallbackOptions` (see the `Sync` impl).
        unsafe { &*self.options }
    }

    /// The name of the hook this callback reacts to.
    pub const fn hook(&self) -> &'static str {
        self.hook
    }

    /// Its priority, 1 to 100; lower runs first.
    pub fn priority(&self) -> u8 {
        self.priority
    }

    /// Its context, or `None` for a global callback that runs for every context.
    pub fn context(&self) -> Option<&'static str> {
        self.options().context
    }

    /// The fully qualified path of the function, `module::path::fn_name`.
    pub const fn path(&self) -> &'static str {
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

    /// The name of the payload type the callback takes by reference; for a filter or a
    /// first-result callback, its argument's type (`()` for a filter declared without one).
    pub fn payload_type_name(&self) -> &'static str {
        self.signature().shape.payload_type_name(Some(self.signature().payload)).unwrap_or_default()
    }

    /// Whether this is a plain callback, a filter or a first-result callback.
    pub fn kind(&self) -> HookKind {
        self.signature().shape.kind
    }

    /// A filter's value type, or a first-result callback's output type; `None` for a plain
    /// callback.
    ///
    /// ```
    /// hooks_core::declare_filter! {
    ///     /// Prices, in cents, after discounts.
    ///     pub doc_value_price: u64, String;
    /// }
    ///
    /// #[hooks_core::hook_filter(doc_value_price)]
    /// fn members_discount(cents: &u64, _customer: &String) -> u64 {
    ///     cents * 9 / 10
    /// }
    ///
    /// let hook = hooks_core::registry().hook("doc_value_price").unwrap();
    /// let filter = hook.callbacks().next().unwrap();
    /// assert_eq!(filter.value_type_name(), Some("u64"));
    /// assert_eq!(filter.argument_type_name(), Some("alloc::string::String"));
    /// ```
    pub fn value_type_name(&self) -> Option<&'static str> {
        self.signature().shape.value_type_name()
    }

    /// A filter's or first-result callback's argument type; `None` for a plain callback and for
    /// a filter declared without an argument.
    pub fn argument_type_name(&self) -> Option<&'static str> {
        self.signature().shape.argument_type_name()
    }

    /// Whether the callback returns a `Result` (and so can fail without panicking).
    pub fn is_fallible(&self) -> bool {
        self.signature().fallible
    }

    /// Whether the callback is an `async fn`, run only by `trigger_async!`.
    pub fn is_async(&self) -> bool {
        self.invoke().is_async()
    }

    /// The job options of a durable callback (`#[hook_callback(hook, durable)]`), `None` for a
    /// callback that triggers run in process. Durable callbacks are enqueued, never run by a
    /// trigger.
    pub fn durable(&self) -> Option<&'static Durable> {
        self.invoke().durable()
    }

    /// How many more calls a failing (`Err`) callback gets before its failure is reported:
    /// `retry = N`, 0 by default.
    pub fn retries(&self) -> u8 {
        self.options().retries
    }

    /// The delay before an async callback's first retry (`backoff = "50ms"`), doubled for each
    /// further one, with jitter; `None` for retries at once.
    pub fn backoff(&self) -> Option<std::time::Duration> {
        let backoff_ms = self.options().backoff_ms;
        (backoff_ms > 0).then(|| std::time::Duration::from_millis(u64::from(backoff_ms)))
    }

    /// The paths of the callbacks it runs after (`after = path` or `after = [a, b]`), as
    /// [`path`](Self::path) shows them.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_after_example", priority = 1, after = stock)]
    /// fn invoice(_: &u32) {}
    ///
    /// #[hooks_core::hook_callback("doc_after_example", priority = 2)]
    /// fn stock(_: &u32) {}
    ///
    /// let invoice = hooks_core::registry().callback(&format!("{}::invoice", module_path!())).unwrap();
    /// assert_eq!(invoice.after(), [format!("{}::stock", module_path!())]);
    /// // Constraints beat priorities.
    /// let hook = hooks_core::registry().hook("doc_after_example").unwrap();
    /// let order: Vec<u8> = hook.callbacks().map(|c| c.priority()).collect();
    /// assert_eq!(order, [2, 1]);
    /// ```
    pub fn after(&self) -> &'static [&'static str] {
        self.options().after
    }

    /// The paths of the callbacks it runs before (`before = path` or `before = [a, b]`), as
    /// [`path`](Self::path) shows them.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_before_example", priority = 9, before = [mail, sms])]
    /// fn render(_: &u32) {}
    ///
    /// #[hooks_core::hook_callback("doc_before_example", priority = 1)]
    /// fn mail(_: &u32) {}
    ///
    /// #[hooks_core::hook_callback("doc_before_example", priority = 2)]
    /// fn sms(_: &u32) {}
    ///
    /// let render = hooks_core::registry().callback(&format!("{}::render", module_path!())).unwrap();
    /// assert_eq!(render.before().len(), 2);
    /// let hook = hooks_core::registry().hook("doc_before_example").unwrap();
    /// let order: Vec<u8> = hook.callbacks().map(|c| c.priority()).collect();
    /// assert_eq!(order, [9, 1, 2]);
    /// ```
    pub fn before(&self) -> &'static [&'static str] {
        self.options().before
    }

    /// Whether the callback takes `&T`.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_takes_payload")]
    /// fn on_event(_: &u32) {}
    ///
    /// let callback = hooks_core::registry().hook("doc_takes_payload").unwrap().callbacks().next().unwrap();
    /// assert!(callback.takes_payload::<u32>());
    /// assert!(!callback.takes_payload::<i32>());
    /// ```
    pub fn takes_payload<T: 'static>(&self) -> bool {
        self.payload_type_id() == TypeId::of::<T>()
    }

    pub(crate) fn payload_type_id(&self) -> TypeId {
        (self.signature().payload.id)()
    }

    /// The callback's function, with its payload type erased.
    #[inline(always)]
    pub(crate) fn invoke(&self) -> Invoke {
        if self.signature().plain {
            Invoke::Sync(SyncCall::Plain(self.function))
        } else {
            // SAFETY: made from a `&'static Invoke` (see the `Sync` impl).
            unsafe { *self.adapter }
        }
    }
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callback")
            .field("hook", &self.hook)
            .field("priority", &self.priority)
            .field("context", &self.context())
            .field("path", &self.path)
            .field("file", &self.file())
            .field("line", &self.line())
            .field("payload", &self.payload_type_name())
            .field("kind", &self.kind())
            .field("fallible", &self.is_fallible())
            .field("async", &self.is_async())
            .field("durable", &self.durable())
            .field("after", &self.after())
            .field("before", &self.before())
            .finish()
    }
}
