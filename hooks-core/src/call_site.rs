//! `trigger!` call sites: each caches its plan after the first trigger, and each is registered at
//! link time so that [`Registry::validate`](crate::Registry::validate) can check it before it
//! runs.

use std::any::TypeId;
use std::fmt;
use std::future::Future;
use std::sync::OnceLock;

use crate::dispatch::{self, Names};
use crate::dispatch_async::{self, Mode};
use crate::registry::Plan;
use crate::{TriggerReport, TypedHook, registry};

/// Where a `trigger!` or `trigger_async!` is written, as listed by
/// [`Registry::trigger_sites`](crate::Registry::trigger_sites).
///
/// ```
/// #[hooks_core::hook_callback("doc_site_example")]
/// fn listen(_: &u8) {}
///
/// fn fire() {
///     let _ = hooks_core::trigger!("doc_site_example", 1_u8, context = "docs");
/// }
///
/// let site = hooks_core::registry()
///     .trigger_sites()
///     .find(|site| site.hook() == "doc_site_example")
///     .unwrap();
/// assert_eq!(site.context(), Some("docs"));
/// assert!(!site.is_async());
/// ```
pub struct TriggerSite {
    hook: &'static str,
    context: Option<&'static str>,
    file: &'static str,
    line: u32,
    asynchronous: bool,
}

impl TriggerSite {
    /// The hook the site triggers.
    pub fn hook(&self) -> &'static str {
        self.hook
    }

    /// The site's `context = "..."`, if any.
    pub fn context(&self) -> Option<&'static str> {
        self.context
    }

    /// The source file of the site.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line of the site in [`file`](Self::file).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// `true` for `trigger_async!`.
    pub fn is_async(&self) -> bool {
        self.asynchronous
    }
}

impl fmt::Debug for TriggerSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TriggerSite")
            .field("hook", &self.hook)
            .field("context", &self.context)
            .field("file", &self.file)
            .field("line", &self.line)
            .field("async", &self.asynchronous)
            .finish()
    }
}

/// Not public API. Used by generated code: a `trigger!` call site and its cached plan.
pub struct CallSite {
    site: TriggerSite,
    resolved: OnceLock<Resolved>,
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

/// Not public API. Used by generated code: the link-time record of a call site.
#[derive(Debug)]
pub struct SiteRecord(pub(crate) &'static CallSite);

impl SiteRecord {
    /// Not public API.
    pub const fn new(site: &'static CallSite) -> Self {
        SiteRecord(site)
    }

    pub(crate) fn site(&self) -> &'static TriggerSite {
        &self.0.site
    }
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
        CallSite { site: TriggerSite { hook, context, file, line, asynchronous }, resolved: OnceLock::new() }
    }

    /// Not public API: runs the call site's plan with `payload`.
    #[inline(always)]
    pub fn trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        match self.resolved.get() {
            Some(Resolved { plan: Some(plan), .. }) => dispatch::run(plan, Names::Site(&self.site), payload),
            Some(Resolved { plan: None, .. }) => TriggerReport::unknown_hook(),
            None => self.first_trigger(payload),
        }
    }

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
        match self.resolved.get() {
            Some(Resolved { plan: Some(plan), proven }) => {
                dispatch::run_with(plan, Names::Site(&self.site), payload, *proven)
            }
            Some(Resolved { plan: None, .. }) => TriggerReport::unknown_hook(),
            None => self.first_trigger_typed::<H>(payload),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_trigger_typed<H: TypedHook>(&'static self, payload: &H::Payload) -> TriggerReport {
        match self.resolve(Some(TypeId::of::<H::Payload>())) {
            Resolved { plan: Some(plan), proven } => dispatch::run_with(plan, Names::Site(&self.site), payload, proven),
            Resolved { plan: None, .. } => TriggerReport::unknown_hook(),
        }
    }

    /// Finds the plan once; `typed_payload` is the payload type a typed site passes.
    #[cold]
    #[inline(never)]
    fn resolve(&'static self, typed_payload: Option<TypeId>) -> Resolved {
        *self.resolved.get_or_init(|| {
            let registry = registry();
            let plan = registry.plan(self.site.hook, self.site.context);
            if plan.is_none() {
                registry.warn_unknown(self.site.hook);
            }
            let proven = typed_payload.is_some() && plan.is_some_and(|plan| plan.fast_payload == typed_payload);
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
        let plan = match self.resolved.get() {
            Some(resolved) => resolved.plan,
            None => self.resolve(None).plan,
        };
        let mode = if concurrent { Mode::Concurrent } else { Mode::Sequential };
        dispatch_async::run(plan, self.site.hook, self.site.context, payload, mode)
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
