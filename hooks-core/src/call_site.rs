//! `trigger!` call sites: each caches its plan after the first trigger, and each is registered at
//! link time so that [`Registry::validate`](crate::Registry::validate) can check it before it
//! runs.

use std::fmt;
use std::future::Future;
use std::sync::OnceLock;

use crate::dispatch;
use crate::dispatch_async::{self, Mode};
use crate::registry::Plan;
use crate::{TriggerReport, registry};

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
    plan: OnceLock<Option<&'static Plan>>,
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
        CallSite { site: TriggerSite { hook, context, file, line, asynchronous }, plan: OnceLock::new() }
    }

    /// Not public API: runs the call site's plan with `payload`.
    #[inline(always)]
    pub fn trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        match self.plan.get() {
            Some(Some(plan)) => dispatch::run(plan, self.site.hook, self.site.context, payload),
            Some(None) => TriggerReport::unknown_hook(),
            None => self.first_trigger(payload),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_trigger<T: 'static>(&'static self, payload: &T) -> TriggerReport {
        match self.resolve() {
            Some(plan) => dispatch::run(plan, self.site.hook, self.site.context, payload),
            None => TriggerReport::unknown_hook(),
        }
    }

    #[cold]
    #[inline(never)]
    fn resolve(&'static self) -> Option<&'static Plan> {
        *self.plan.get_or_init(|| {
            let registry = registry();
            let plan = registry.plan(self.site.hook, self.site.context);
            if plan.is_none() {
                registry.warn_unknown(self.site.hook);
            }
            plan
        })
    }

    /// Not public API: runs the call site's plan with `payload`, awaiting async callbacks;
    /// `concurrent` runs equal-priority async callbacks together.
    pub fn trigger_async<'a, T: 'static>(
        &'static self,
        payload: &'a T,
        concurrent: bool,
    ) -> impl Future<Output = TriggerReport> + 'a {
        let plan = match self.plan.get() {
            Some(plan) => *plan,
            None => self.resolve(),
        };
        let mode = if concurrent { Mode::Concurrent } else { Mode::Sequential };
        dispatch_async::run(plan, self.site.hook, self.site.context, payload, mode)
    }
}

impl fmt::Debug for CallSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.site, f)
    }
}
