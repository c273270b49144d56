//! Not public API. How generated code builds a callback's registration record, in a constant.
//!
//! The record is built in one call with the function (or its adapter), the hook and the path,
//! every option at its default; an option the attribute sets is one more call around it
//! (`with_priority`, `with_context`, ...). So a callback with no options costs its crate the least
//! to compile: rustc type-checks and evaluates one call per callback. The file and the line are
//! the call's (`#[track_caller]`, which reports the outermost macro call: the attribute spans it
//! on the function's name), so no `file!()` or `line!()` is expanded per callback.

use crate::Callback;
use crate::adapter::{Adapter, Invoke, PlainFn, SyncCall};
use crate::chain::Chain;
use crate::kind::Shape;
use crate::payload::PayloadType;

/// A record with every option at its default: priority 10, no context, enabled, no retry, no
/// constraint. Written out in each constructor rather than called: rustc evaluates every record
/// at compile time, and each nested call is one more frame to set up and one more copy of the
/// record.
macro_rules! record {
    ($payload:ty, $invoke:expr, $fallible:expr, $shape:expr, $hook:ident, $path:ident) => {{
        let location = std::panic::Location::caller();
        Callback {
            hook: $hook,
            priority: 10,
            context: None,
            path: $path,
            file: location.file(),
            line: location.line(),
            payload: PayloadType { id: std::any::TypeId::of::<$payload>, name: std::any::type_name::<$payload> },
            shape: $shape,
            fallible: $fallible,
            invoke: $invoke,
            enabled_at_start: true,
            retries: 0,
            backoff_ms: 0,
            after: &[],
            before: &[],
        }
    }};
}

/// Not public API. Used by generated code: the record of a sync callback that returns `()`, the
/// user's function itself.
#[track_caller]
pub const fn plain_callback<T: 'static>(function: fn(&T), hook: &'static str, path: &'static str) -> Callback {
    // SAFETY: a transmute between two function pointer types, which have the same size. The
    // result is only called with a `&T` behind the `*const ()`, as `PlainFn` requires.
    let function = unsafe { std::mem::transmute::<fn(&T), PlainFn>(function) };
    record!(T, Invoke::Sync(SyncCall::Plain(function)), false, Shape::CALLBACKS, hook, path)
}

/// Not public API. Used by generated code: the record of any other callback, through its adapter.
#[track_caller]
pub const fn callback<T: 'static>(adapter: Adapter<T>, hook: &'static str, path: &'static str) -> Callback {
    record!(T, adapter.invoke, adapter.fallible, Shape::CALLBACKS, hook, path)
}

/// Not public API. Used by generated code: the record of a filter of `V` with an argument `A`
/// (`()` for none).
#[track_caller]
pub const fn filter_callback<V: 'static, A: 'static>(
    adapter: Adapter<Chain<'static, V, A>>,
    hook: &'static str,
    path: &'static str,
) -> Callback {
    let shape = Shape::filter::<V, A>();
    record!(Chain<'static, V, A>, adapter.invoke, adapter.fallible, shape, hook, path)
}

/// Not public API. Used by generated code: the record of a first-result callback of `A` answering
/// with `R`.
#[track_caller]
pub const fn first_result_callback<A: 'static, R: 'static>(
    adapter: Adapter<Chain<'static, Option<R>, A>>,
    hook: &'static str,
    path: &'static str,
) -> Callback {
    let shape = Shape::first_result::<A, R>();
    record!(Chain<'static, Option<R>, A>, adapter.invoke, adapter.fallible, shape, hook, path)
}

/// Not public API. Used by generated code: `priority = N`.
pub const fn with_priority(record: Callback, priority: u8) -> Callback {
    Callback { priority, ..record }
}

/// Not public API. Used by generated code: `context = c`.
pub const fn with_context(record: Callback, context: &'static str) -> Callback {
    Callback { context: Some(context), ..record }
}

/// Not public API. Used by generated code: `enabled = false`.
pub const fn disabled(record: Callback) -> Callback {
    Callback { enabled_at_start: false, ..record }
}

/// Not public API. Used by generated code: `retry = N` and `backoff = ".."`, in milliseconds.
pub const fn with_retry(record: Callback, retries: u8, backoff_ms: u32) -> Callback {
    Callback { retries, backoff_ms, ..record }
}

/// Not public API. Used by generated code: `after = ..` and `before = ..`, the targets' paths.
pub const fn with_order(record: Callback, after: &'static [&'static str], before: &'static [&'static str]) -> Callback {
    Callback { after, before, ..record }
}
