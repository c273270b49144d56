//! Scopes: callbacks disabled and payloads recorded for the code of one test (or one request),
//! without touching other threads.
//!
//! The scopes in force are a thread-local stack. [`Scope::run`] pushes its scope for the closure;
//! [`Scope::run_async`] wraps the future and pushes the scope around each poll, on whatever thread
//! polls it, so a future moved between the threads of a multi-thread runtime keeps its scope, and
//! no other task sees it.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use crate::{Callback, TypedHook, registry};

thread_local! {
    static STACK: RefCell<Vec<Arc<State>>> = const { RefCell::new(Vec::new()) };
}

/// What a scope changes: callbacks it skips, hooks whose payloads it records.
#[derive(Default)]
struct State {
    /// Callbacks skipped inside the scope, by record address.
    disabled: HashSet<usize>,
    /// Per recorded hook: the payload type's recorder.
    recorders: HashMap<&'static str, Recorder>,
}

/// The payloads of one hook: a `Vec<P>` behind `dyn Any`, and the function that clones a payload
/// into it when the trigger's payload is a `P`.
struct Recorder {
    payloads: Mutex<Box<dyn Any + Send>>,
    push: fn(&mut (dyn Any + Send), &dyn Any),
}

fn push<P: Clone + Send + 'static>(payloads: &mut (dyn Any + Send), payload: &dyn Any) {
    if let (Some(payloads), Some(payload)) = (payloads.downcast_mut::<Vec<P>>(), payload.downcast_ref::<P>()) {
        payloads.push(payload.clone());
    }
}

/// Callbacks to skip and payloads to record, for the code run inside [`run`](Scope::run) on the
/// current thread or inside the future given to [`run_async`](Scope::run_async): a test that
/// does not want every callback linked into the test binary to run, or that wants to see what was
/// triggered.
///
/// A scope never leaks to other threads, so parallel tests with different scopes do not
/// interfere; a task spawned inside a scope is outside it, unless its future is wrapped with
/// `run_async` again. Scopes nest: the inner one adds to the outer (callbacks disabled by either
/// are skipped, and each records what it asked for).
///
/// ```
/// use hooks_core::{Scope, declare_hook, hook_callback, trigger};
///
/// #[derive(Clone, Debug, PartialEq)]
/// pub struct Signup { pub email: String }
///
/// declare_hook! { pub doc_signed_up: Signup; }
///
/// #[hook_callback(doc_signed_up)]
/// fn send_welcome(_: &Signup) { panic!("no mail server in tests") }
///
/// let scope = Scope::new()
///     .disable(&format!("{}::send_welcome", module_path!()))
///     .record::<doc_signed_up>();
/// let report = scope.run(|| trigger!(doc_signed_up, Signup { email: "ada@example.com".into() }));
/// assert!(report.is_ok());
/// assert_eq!(report.skipped(), 1);
/// assert_eq!(scope.recorded::<doc_signed_up>(), [Signup { email: "ada@example.com".into() }]);
/// ```
#[derive(Clone, Default)]
pub struct Scope {
    state: Arc<State>,
}

impl Scope {
    /// A scope that changes nothing yet.
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Skips the callback at `path` (as the dump shows it, `my_crate::mailer::send_welcome`)
    /// inside the scope.
    ///
    /// # Panics
    ///
    /// When no callback of the program has this path: a typo would otherwise silently disable
    /// nothing.
    pub fn disable(mut self, path: &str) -> Scope {
        let Some(callback) = registry().callback(path) else {
            panic!("Scope::disable: no callback has the path `{path}`; the dump lists every callback's path");
        };
        self.state_mut().disabled.insert(callback as *const Callback as usize);
        self
    }

    /// Records a clone of the payload of every trigger of `H` inside the scope (also triggers
    /// whose callbacks are all skipped), for [`recorded`](Self::recorded).
    pub fn record<H>(mut self) -> Scope
    where
        H: TypedHook,
        H::Payload: Clone + Send,
    {
        let recorder = Recorder { payloads: Mutex::new(Box::new(Vec::<H::Payload>::new())), push: push::<H::Payload> };
        self.state_mut().recorders.insert(H::NAME, recorder);
        self
    }

    /// The payloads of `H` recorded so far, in trigger order; empty when `H` is not recorded.
    pub fn recorded<H>(&self) -> Vec<H::Payload>
    where
        H: TypedHook,
        H::Payload: Clone + Send,
    {
        let Some(recorder) = self.state.recorders.get(H::NAME) else { return Vec::new() };
        let payloads = recorder.payloads.lock().unwrap_or_else(PoisonError::into_inner);
        payloads.downcast_ref::<Vec<H::Payload>>().cloned().unwrap_or_default()
    }

    /// Runs `f` inside the scope, on this thread.
    pub fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        let _entered = Entered::push(&self.state);
        f()
    }

    /// Wraps `future` so that every poll of it runs inside the scope, on whatever thread polls it.
    ///
    /// ```
    /// # use std::task::{Context, Poll, Waker};
    /// # use hooks_core::{Scope, trigger_async};
    /// #[hooks_core::hook_callback("doc_scope_async")]
    /// async fn slow(_: &u8) {}
    ///
    /// let scope = Scope::new().disable(&format!("{}::slow", module_path!()));
    /// let mut triggered = std::pin::pin!(scope.run_async(trigger_async!("doc_scope_async", 1u8)));
    /// // Any executor polls it; this one polls once (nothing in it waits).
    /// let Poll::Ready(report) = triggered.as_mut().poll(&mut Context::from_waker(Waker::noop())) else {
    ///     unreachable!()
    /// };
    /// assert_eq!((report.ran(), report.skipped()), (0, 1));
    /// ```
    pub fn run_async<F: Future>(&self, future: F) -> Scoped<F> {
        Scoped { state: Arc::clone(&self.state), future }
    }

    /// The state, to change before the scope is shared (a scope is built, then used).
    fn state_mut(&mut self) -> &mut State {
        Arc::get_mut(&mut self.state).expect("a scope is configured before it runs or is cloned")
    }
}

impl fmt::Debug for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("disabled", &self.state.disabled.len())
            .field("recorded", &self.state.recorders.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A future running inside a [`Scope`]: see [`Scope::run_async`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Scoped<F> {
    state: Arc<State>,
    future: F,
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: `future` is structurally pinned: it is never moved out of `self`, and `Scoped`
        // has no `Drop` impl and is `Unpin` only when `F` is.
        let this = unsafe { self.get_unchecked_mut() };
        let _entered = Entered::push(&this.state);
        // SAFETY: see above.
        unsafe { Pin::new_unchecked(&mut this.future) }.poll(cx)
    }
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State").finish_non_exhaustive()
    }
}

/// The scope pushed on this thread's stack for as long as it lives.
struct Entered;

impl Entered {
    fn push(state: &Arc<State>) -> Entered {
        crate::switch::activate();
        STACK.with(|stack| stack.borrow_mut().push(Arc::clone(state)));
        Entered
    }
}

impl Drop for Entered {
    fn drop(&mut self) {
        STACK.with(|stack| stack.borrow_mut().pop());
    }
}

/// Whether a trigger skips `callback`: disabled process-wide or by a scope in force on this thread
/// (or around the future being polled).
pub(crate) fn skips(callback: &'static Callback) -> bool {
    crate::switch::disabled(callback) || disables(callback)
}

/// Whether a scope in force on this thread skips `callback`.
fn disables(callback: &'static Callback) -> bool {
    let key = callback as *const Callback as usize;
    STACK.with(|stack| stack.borrow().iter().any(|state| !state.disabled.is_empty() && state.disabled.contains(&key)))
}

/// Records `payload` of a trigger of `hook` in every scope in force that records `hook`.
pub(crate) fn record(hook: &str, payload: &dyn Any) {
    STACK.with(|stack| {
        for state in stack.borrow().iter() {
            if let Some(recorder) = state.recorders.get(hook) {
                let mut payloads = recorder.payloads.lock().unwrap_or_else(PoisonError::into_inner);
                (recorder.push)(&mut **payloads, payload);
            }
        }
    });
}
