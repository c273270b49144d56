//! Not public API. How generated code builds a callback's registration record, in a constant.
//!
//! The record is built in one call with the function (or its adapter), the hook and the path,
//! every option at its default. `priority = N` is one more call chained on it (`with_priority`);
//! the options few callbacks set (context, `enabled`, retry, ordering constraints) are built
//! apart, from [`CallbackOptions::DEFAULT`], in a static the record points to (`with_options`).
//! So a callback with no options costs its crate the least to compile: rustc type-checks and
//! evaluates one call per callback, and checks a record of few fields. The file and the line are
//! the call's (`#[track_caller]`, which reports the outermost macro call: the attribute spans it
//! on the function's name), so no `file!()` or `line!()` is expanded per callback.

use std::marker::PhantomData;

use crate::Callback;
use crate::adapter::{self, Adapter, Invoke, PlainFn};
use crate::callback::{CallbackOptions, Signature};
use crate::chain::Chain;
use crate::kind::Shape;
use crate::payload::PayloadType;

/// A record with every option at its default: priority 10, and [`CallbackOptions::DEFAULT`].
/// Written out in each constructor rather than called: rustc evaluates every record at compile
/// time, and each nested call is one more frame to set up and one more copy of the record.
macro_rules! record {
    ($signature:expr, $function:expr, $adapter:expr, $hook:ident, $path:ident) => {{
        let location = std::panic::Location::caller();
        Callback {
            hook: $hook,
            priority: 10,
            path: $path,
            file: location.file(),
            line: location.line(),
            signature: $signature as *const Signature,
            function: $function,
            adapter: $adapter as *const Invoke,
            options: &CallbackOptions::DEFAULT as *const CallbackOptions,
        }
    }};
}

/// A signature whose payload is `P`.
const fn signature<P: 'static>(shape: Shape, plain: bool, fallible: bool) -> Signature {
    Signature { plain, payload: PayloadType::of::<P>(), shape, fallible }
}

/// The signatures of callbacks of `T`, one constant each (evaluated once per type).
struct CallbackOf<T>(PhantomData<fn(&T)>);

impl<T: 'static> CallbackOf<T> {
    const PLAIN: &'static Signature = &signature::<T>(Shape::CALLBACKS, true, false);
    const INFALLIBLE: &'static Signature = &signature::<T>(Shape::CALLBACKS, false, false);
    const FALLIBLE: &'static Signature = &signature::<T>(Shape::CALLBACKS, false, true);
}

/// The signatures of filters of `V` with an argument `A`.
struct FilterOf<V, A>(PhantomData<fn(&V, &A)>);

impl<V: 'static, A: 'static> FilterOf<V, A> {
    const INFALLIBLE: &'static Signature = &signature::<Chain<'static, V, A>>(Shape::filter::<V, A>(), false, false);
    const FALLIBLE: &'static Signature = &signature::<Chain<'static, V, A>>(Shape::filter::<V, A>(), false, true);
}

/// The signatures of first-result callbacks of `A` answering with `R`.
struct FirstResultOf<A, R>(PhantomData<fn(&A, &R)>);

impl<A: 'static, R: 'static> FirstResultOf<A, R> {
    const INFALLIBLE: &'static Signature =
        &signature::<Chain<'static, Option<R>, A>>(Shape::first_result::<A, R>(), false, false);
    const FALLIBLE: &'static Signature =
        &signature::<Chain<'static, Option<R>, A>>(Shape::first_result::<A, R>(), false, true);
}

/// Not public API. Used by generated code: the record of a sync callback that returns `()`, the
/// user's function itself.
#[track_caller]
pub const fn plain_callback<T: 'static>(path: &'static str, hook: &'static str, function: fn(&T)) -> Callback {
    // SAFETY: a transmute between two function pointer types, which have the same size. The
    // result is only called with a `&T` behind the `*const ()`, as `PlainFn` requires.
    let function = unsafe { std::mem::transmute::<fn(&T), PlainFn>(function) };
    record!(CallbackOf::<T>::PLAIN, function, &Invoke::UNUSED, hook, path)
}

/// Not public API. Used by generated code: the record of any other callback, through its adapter.
#[track_caller]
pub const fn callback<T: 'static>(path: &'static str, hook: &'static str, adapter: &'static Adapter<T>) -> Callback {
    let signature = if adapter.fallible { CallbackOf::<T>::FALLIBLE } else { CallbackOf::<T>::INFALLIBLE };
    record!(signature, adapter::unused, &adapter.invoke, hook, path)
}

/// Not public API. Used by generated code: the record of a filter of `V` with an argument `A`
/// (`()` for none).
#[track_caller]
pub const fn filter_callback<V: 'static, A: 'static>(
    path: &'static str,
    hook: &'static str,
    adapter: &'static Adapter<Chain<'static, V, A>>,
) -> Callback {
    let signature = if adapter.fallible { FilterOf::<V, A>::FALLIBLE } else { FilterOf::<V, A>::INFALLIBLE };
    record!(signature, adapter::unused, &adapter.invoke, hook, path)
}

/// Not public API. Used by generated code: the record of a first-result callback of `A` answering
/// with `R`.
#[track_caller]
pub const fn first_result_callback<A: 'static, R: 'static>(
    path: &'static str,
    hook: &'static str,
    adapter: &'static Adapter<Chain<'static, Option<R>, A>>,
) -> Callback {
    let signature = if adapter.fallible { FirstResultOf::<A, R>::FALLIBLE } else { FirstResultOf::<A, R>::INFALLIBLE };
    record!(signature, adapter::unused, &adapter.invoke, hook, path)
}

// The options are methods, chained after the record's constructor in the expansion: a callback
// that sets none is the constructor's call alone, and one that sets some needs no macro of its
// own to nest the calls.
impl Callback {
    /// Not public API. Used by generated code: `priority = N`.
    #[doc(hidden)]
    pub const fn with_priority(self, priority: u8) -> Callback {
        Callback { priority, ..self }
    }

    /// Not public API. Used by generated code: the options other than the priority, built from
    /// [`CallbackOptions::DEFAULT`] by the methods below in a static of the hidden constant's
    /// block (a static, so that constraints between two callbacks are no cycle of constants).
    #[doc(hidden)]
    pub const fn with_options(self, options: &'static CallbackOptions) -> Callback {
        Callback { options: options as *const CallbackOptions, ..self }
    }
}

impl CallbackOptions {
    /// Not public API. Used by generated code: `context = c`.
    pub const fn with_context(self, context: &'static str) -> CallbackOptions {
        CallbackOptions { context: Some(context), ..self }
    }

    /// Not public API. Used by generated code: `enabled = false`.
    pub const fn disabled(self) -> CallbackOptions {
        CallbackOptions { enabled_at_start: false, ..self }
    }

    /// Not public API. Used by generated code: `retry = N` and `backoff = ".."`, in milliseconds.
    pub const fn with_retry(self, retries: u8, backoff_ms: u32) -> CallbackOptions {
        CallbackOptions { retries, backoff_ms, ..self }
    }

    /// Not public API. Used by generated code: `after = ..` and `before = ..`, the targets' paths.
    pub const fn with_order(self, after: &'static [&'static str], before: &'static [&'static str]) -> CallbackOptions {
        CallbackOptions { after, before, ..self }
    }
}
