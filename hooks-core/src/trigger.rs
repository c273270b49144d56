//! Where triggers enter: the `trigger!` call sites, each caching its plan after its first trigger,
//! and the registry's methods for hook names known only at runtime.
//!
//! # The call-site cache
//!
//! Every `trigger!` and `trigger_async!` expands to a `static` [`CallSite`]. Its first trigger
//! looks the hook and context up in the [`registry`] (building it if needed), warns once if the
//! hook is unknown, and stores the [`Plan`]; every later trigger reads the stored plan (one load
//! of a pointer that is null until then), so a trigger does no hashing and no string comparison. A typed call site also proves once that the
//! plan's callbacks take the hook's payload type, which rustc has checked at the trigger.

use std::any::TypeId;
use std::fmt;
use std::future::Future;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicPtr, Ordering};

use crate::chain::Chain;
use crate::dispatch::{self, Given, Names};
use crate::dispatch_async::{self, Mode};
use crate::plan::Plan;
use crate::{HookKind, Registry, TriggerReport, TriggerSite, TypedFilter, TypedFirstResult, TypedHook, registry};

/// Not public API. Used by generated code: a `trigger!` call site and its cached plan.
pub struct CallSite {
    site: TriggerSite,
    resolved: OnceLock<Resolved>,
    /// The plan once a string site resolved it, so that a trigger's check is one load: null
    /// until then and for an unknown hook; only ever set (once, by `resolve`) to a `&'static Plan`.
    ready: AtomicPtr<Plan>,
    /// The same for a typed site, set only when its plan is `proven`.
    proven: AtomicPtr<Plan>,
}

/// A call site's cache before its plan is known.
const fn unresolved() -> AtomicPtr<Plan> {
    AtomicPtr::new(std::ptr::null_mut())
}

/// What a call site learns on its first trigger.
#[derive(Clone, Copy)]
struct Resolved {
    /// `None` for an unknown hook.
    plan: Option<&'static Plan>,
    /// For a typed site: every callback of the plan is sync and takes the hook's payload type,
    /// so triggers skip the payload check. Always `false` for string sites, whose payload type
    /// may differ between instantiations of a generic function.
    proven: bool,
}

impl CallSite {
    /// Not public API.
    pub const fn new(
        hook: &'static str,
        context: Option<&'static str>,
        file: &'static str,
        line: u32,
        asynchronous: bool,
    ) -> Self {
        CallSite::of(TriggerSite::new(hook, context, file, line, asynchronous, false))
    }

    /// Not public API: an async call site given the caller's transaction, in which the durable
    /// callbacks are enqueued (by the durable-hooks crate) while the others run.
    pub const fn transactional(
        hook: &'static str,
        context: Option<&'static str>,
        file: &'static str,
        line: u32,
    ) -> Self {
        CallSite::of(TriggerSite::new(hook, context, file, line, true, true))
    }

    /// Not public API: an `apply_filters!` or `first_result!` call site (and their async twins).
    pub const fn chain(
        hook: &'static str,
        context: Option<&'static str>,
        file: &'static str,
        line: u32,
        asynchronous: bool,
        kind: HookKind,
    ) -> Self {
        CallSite::of(TriggerSite::new(hook, context, file, line, asynchronous, false).with_kind(kind))
    }

    /// The call site of `site`, its plan not yet resolved.
    const fn of(site: TriggerSite) -> Self {
        CallSite { site, resolved: OnceLock::new(), ready: unresolved(), proven: unresolved() }
    }

    /// Not public API: the site's record, for its link-time registration.
    pub const fn site(&'static self) -> &'static TriggerSite {
        &self.site
    }

    /// Not public API: runs the call site's plan with `payload`.
    #[inline(always)]
    pub fn trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        // SAFETY: `ready` is null or a `&'static Plan` (see the field).
        match unsafe { self.ready.load(Ordering::Acquire).as_ref() } {
            Some(plan) => dispatch::run(plan, Names::Site(&self.site), payload),
            None => self.first_trigger(payload),
        }
    }

    /// A trigger before the plan is known, or of an unknown hook.
    #[cold]
    #[inline(never)]
    fn first_trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        match self.resolve(None).plan {
            Some(plan) => dispatch::run(plan, Names::Site(&self.site), payload),
            None => TriggerReport::unknown_hook(),
        }
    }

    /// Not public API: runs a typed call site's plan; rustc has checked the payload type.
    #[inline(always)]
    pub fn trigger_typed<H: TypedHook>(&'static self, payload: &H::Payload) -> TriggerReport {
        self.trigger_proven(payload)
    }

    /// Runs the plan of a site whose payload type rustc checked: the first trigger proves, once,
    /// that every callback of the plan takes a `P`.
    #[inline(always)]
    fn trigger_proven<P: 'static>(&'static self, payload: &P) -> TriggerReport {
        // SAFETY: `proven` is null or a `&'static Plan`, set only when `plan.fast_payload()` is
        // the `TypeId` of `P`.
        if let Some(plan) = unsafe { self.proven.load(Ordering::Acquire).as_ref() } {
            // SAFETY: as just said.
            return unsafe { dispatch::run_with(plan, Names::Site(&self.site), payload, true) };
        }
        match self.resolved.get() {
            Some(&Resolved { plan: Some(plan), proven }) => {
                // SAFETY: `proven` is only set by `resolve` when `plan.fast_payload()` is the
                // `TypeId` of `P`, the type of `payload`.
                unsafe { dispatch::run_with(plan, Names::Site(&self.site), payload, proven) }
            }
            Some(Resolved { plan: None, .. }) => TriggerReport::unknown_hook(),
            None => self.first_trigger_proven(payload),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_trigger_proven<P: 'static>(&'static self, payload: &P) -> TriggerReport {
        match self.resolve(Some(TypeId::of::<P>())) {
            // SAFETY: as in `trigger_proven`.
            Resolved { plan: Some(plan), proven } => unsafe {
                dispatch::run_with(plan, Names::Site(&self.site), payload, proven)
            },
            Resolved { plan: None, .. } => TriggerReport::unknown_hook(),
        }
    }

    /// Not public API: passes `value` through the filters of the site's plan, each borrowing the
    /// current value and `argument`; the last good value and the report.
    #[inline(always)]
    pub fn apply_filters<H: TypedFilter>(
        &'static self,
        value: H::Value,
        argument: &H::Argument,
    ) -> (H::Value, TriggerReport) {
        let chain = Chain::new(value, argument);
        let report = self.trigger_proven(chain.as_static());
        (chain.into_value(), report)
    }

    /// Not public API: asks the callbacks of the site's plan, in order, for a result; the first
    /// `Some` ends the trigger.
    #[inline(always)]
    pub fn first_result<H: TypedFirstResult>(
        &'static self,
        argument: &H::Argument,
    ) -> (Option<H::Output>, TriggerReport) {
        let chain = Chain::new(None, argument);
        let report = self.trigger_proven(chain.as_static());
        (chain.into_value(), report)
    }

    /// Not public API: [`apply_filters`](Self::apply_filters), awaiting async filters one after
    /// another.
    pub fn apply_filters_async<'a, H: TypedFilter>(
        &'static self,
        value: H::Value,
        argument: &'a H::Argument,
    ) -> impl Future<Output = (H::Value, TriggerReport)> + 'a {
        let plan = self.plan();
        let (hook, context) = (self.site.hook(), self.site.context());
        async move {
            let chain = Chain::new(value, argument);
            let report = dispatch_async::run(plan, hook, context, chain.as_static(), Mode::Sequential).await;
            (chain.into_value(), report)
        }
    }

    /// Not public API: [`first_result`](Self::first_result), awaiting async callbacks one after
    /// another.
    pub fn first_result_async<'a, H: TypedFirstResult>(
        &'static self,
        argument: &'a H::Argument,
    ) -> impl Future<Output = (Option<H::Output>, TriggerReport)> + 'a {
        let plan = self.plan();
        let (hook, context) = (self.site.hook(), self.site.context());
        async move {
            let chain = Chain::new(None, argument);
            let report = dispatch_async::run(plan, hook, context, chain.as_static(), Mode::Sequential).await;
            (chain.into_value(), report)
        }
    }

    /// The site's plan, found on its first use.
    fn plan(&'static self) -> Option<&'static Plan> {
        match self.resolved.get() {
            Some(resolved) => resolved.plan,
            None => self.resolve(None).plan,
        }
    }

    /// Finds the plan once; `typed_payload` is the payload type a typed site passes.
    #[cold]
    #[inline(never)]
    fn resolve(&'static self, typed_payload: Option<TypeId>) -> Resolved {
        *self.resolved.get_or_init(|| {
            let registry = registry();
            let hook = registry.hook(self.site.hook());
            let plan = hook.map(|hook| hook.plan(self.site.context()));
            match hook {
                None => warn_unknown(registry, self.site.hook()),
                Some(hook) if !self.site.is_transactional() => warn_durable_left_out(hook, &self.site),
                Some(_) => {}
            }
            let proven = typed_payload.is_some() && plan.is_some_and(|plan| plan.fast_payload() == typed_payload);
            if let Some(plan) = plan {
                let cache = if typed_payload.is_none() { Some(&self.ready) } else { proven.then_some(&self.proven) };
                if let Some(cache) = cache {
                    cache.store(plan as *const Plan as *mut Plan, Ordering::Release);
                }
            }
            Resolved { plan, proven }
        })
    }

    /// Not public API: runs the call site's plan with `payload`, awaiting async callbacks;
    /// `concurrent` runs equal-priority async callbacks together.
    pub fn trigger_async<'a, T: 'static>(
        &'static self,
        payload: &'a T,
        concurrent: bool,
    ) -> impl Future<Output = TriggerReport> + 'a {
        let plan = self.plan();
        let mode = if concurrent { Mode::Concurrent } else { Mode::Sequential };
        dispatch_async::run(plan, self.site.hook(), self.site.context(), payload, mode)
    }

    /// Not public API: [`trigger_async`](Self::trigger_async) for a typed call site.
    pub fn trigger_async_typed<'a, H: TypedHook>(
        &'static self,
        payload: &'a H::Payload,
        concurrent: bool,
    ) -> impl Future<Output = TriggerReport> + 'a {
        self.trigger_async(payload, concurrent)
    }
}

impl fmt::Debug for CallSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.site, f)
    }
}

/// Triggering hooks whose names are only known at runtime.
impl Registry {
    /// Triggers a hook whose name is only known at runtime, running every callback.
    ///
    /// This is what [`trigger!`](crate::trigger) does, without the call-site cache: it looks the
    /// name up on every call and warns on every call to an unknown hook.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_runtime_name")]
    /// fn on_event(value: &i64) {
    ///     assert_eq!(*value, 42);
    /// }
    ///
    /// let name = String::from("doc_runtime_name");
    /// let report = hooks_core::registry().trigger(&name, &42_i64);
    /// assert_eq!(report.ran(), 1);
    /// ```
    pub fn trigger<T: 'static>(&self, hook: &str, payload: &T) -> TriggerReport {
        self.trigger_in(hook, None, payload)
    }

    /// Triggers a hook whose name is only known at runtime, for one context: the callbacks of that
    /// context and the global ones run, in one priority order.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_runtime_context", context = "mail")]
    /// fn mail(_: &u8) {}
    ///
    /// #[hooks_core::hook_callback("doc_runtime_context", context = "sms")]
    /// fn sms(_: &u8) {}
    ///
    /// let report = hooks_core::registry().trigger_in_context("doc_runtime_context", "sms", &1_u8);
    /// assert_eq!(report.ran(), 1);
    /// ```
    pub fn trigger_in_context<T: 'static>(&self, hook: &str, context: &str, payload: &T) -> TriggerReport {
        self.trigger_in(hook, Some(context), payload)
    }

    /// Triggers a hook whose name is only known at runtime, awaiting its async callbacks in
    /// priority order with the sync ones; see [`trigger_async!`](crate::trigger_async).
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_runtime_async")]
    /// async fn store(value: &u8) {
    ///     assert_eq!(*value, 3);
    /// }
    ///
    /// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
    /// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// #     let mut future = std::pin::pin!(future);
    /// #     loop {
    /// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
    /// #             return output;
    /// #         }
    /// #     }
    /// # }
    /// let name = String::from("doc_runtime_async");
    /// let report = block_on(hooks_core::registry().trigger_async(&name, &3_u8));
    /// assert_eq!(report.ran(), 1);
    /// ```
    pub fn trigger_async<'a, T: 'static>(
        &'a self,
        hook: &'a str,
        payload: &'a T,
    ) -> impl Future<Output = TriggerReport> + 'a {
        self.trigger_async_in(hook, None, payload)
    }

    /// [`trigger_async`](Self::trigger_async) for one context, as
    /// [`trigger_in_context`](Self::trigger_in_context).
    pub fn trigger_async_in_context<'a, T: 'static>(
        &'a self,
        hook: &'a str,
        context: &'a str,
        payload: &'a T,
    ) -> impl Future<Output = TriggerReport> + 'a {
        self.trigger_async_in(hook, Some(context), payload)
    }

    fn trigger_async_in<'a, T: 'static>(
        &'a self,
        hook: &'a str,
        context: Option<&'a str>,
        payload: &'a T,
    ) -> impl Future<Output = TriggerReport> + 'a {
        let plan = self.hook(hook).map(|found| found.plan(context));
        if plan.is_none() {
            warn_unknown(self, hook);
        }
        dispatch_async::run(plan, hook, context, payload, Mode::Sequential)
    }

    fn trigger_in<T: 'static>(&self, hook: &str, context: Option<&str>, payload: &T) -> TriggerReport {
        match self.hook(hook) {
            Some(found) => dispatch::run(found.plan(context), Names::Given(&Given { hook, context }), payload),
            None => {
                warn_unknown(self, hook);
                TriggerReport::unknown_hook()
            }
        }
    }
}

/// The warning for a trigger of a name that no callback or declaration uses.
#[cold]
#[inline(never)]
fn warn_unknown(registry: &Registry, hook: &str) {
    match crate::suggest::closest(hook, registry.hooks().map(|h| h.name())) {
        Some(known) => {
            tracing::warn!(target: "hooks", hook, suggestion = known, "unknown hook `{hook}`: did you mean `{known}`?")
        }
        None => {
            tracing::warn!(target: "hooks", hook, "unknown hook `{hook}`: no callback or declaration has this name")
        }
    }
}

/// The warning for a trigger without a transaction of a hook with durable callbacks, which it
/// cannot enqueue.
#[cold]
#[inline(never)]
fn warn_durable_left_out(hook: &crate::Hook, site: &TriggerSite) {
    // Counted without collecting: a call site's first trigger allocates nothing.
    let reached = hook.callbacks_reached_by(site.context()).filter(|c| c.durable().is_some()).count();
    if reached > 0 {
        tracing::warn!(
            target: "hooks",
            hook = hook.name(),
            file = site.file(),
            line = site.line(),
            "trigger of `{}` at {}:{} leaves out {reached} durable callback(s): pass the caller's transaction, `tx = &mut tx`",
            hook.name(),
            site.file(),
            site.line(),
        );
    }
}
