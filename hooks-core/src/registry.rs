//! The registry: every collected callback and declaration, indexed by hook, built once.
//!
//! # Building
//!
//! The first call to [`registry()`] collects the link-time records, sorts each hook's callbacks
//! into execution order and precomputes one [`Plan`] per hook and context, so that a trigger only
//! walks a slice. Later calls return the same immutable value; it is shared by all threads.
//!
//! # Order
//!
//! Callbacks run by ascending priority; callbacks of equal priority run in the order of their
//! fully qualified paths, so the order is the same on every build, platform and link order.

use std::any::TypeId;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::callback::SyncFn;
use crate::dispatch;
use crate::dispatch_async::{self, Mode};
use crate::{Callback, Declaration, Dump, TriggerReport, TriggerSite, Validation};
use std::future::Future;

/// The program's hooks, built once from the link-time registrations.
///
/// ```
/// #[hooks_core::hook_callback("doc_registry_example", priority = 2)]
/// fn first(_: &String) {}
///
/// #[hooks_core::hook_callback("doc_registry_example", priority = 9)]
/// fn second(_: &String) {}
///
/// let hook = hooks_core::registry().hook("doc_registry_example").unwrap();
/// let order: Vec<u8> = hook.callbacks().map(|c| c.priority()).collect();
/// assert_eq!(order, [2, 9]);
/// ```
pub struct Registry {
    hooks: Vec<Hook>,
    by_name: HashMap<&'static str, usize>,
    declarations: Vec<&'static Declaration>,
    sites: Vec<&'static TriggerSite>,
}

/// Returns the registry, building it on first use.
///
/// ```
/// let registry = hooks_core::registry();
/// assert!(std::ptr::eq(registry, hooks_core::registry()));
/// ```
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(crate::__private::build_registry)
}

impl Registry {
    #[cold]
    #[inline(never)]
    pub(crate) fn build(
        callbacks: impl IntoIterator<Item = &'static Callback>,
        declarations: impl IntoIterator<Item = &'static Declaration>,
        sites: impl IntoIterator<Item = &'static TriggerSite>,
    ) -> Registry {
        let mut callbacks: Vec<&'static Callback> = callbacks.into_iter().collect();
        callbacks.sort_unstable_by(|a, b| execution_order(a, b));
        let mut declarations: Vec<&'static Declaration> = declarations.into_iter().collect();
        declarations.sort_by(|a, b| (a.name, a.file, a.line).cmp(&(b.name, b.file, b.line)));

        let mut hooks: Vec<Hook> = Vec::new();
        let mut rest = callbacks.as_slice();
        while let Some(first) = rest.first() {
            let len = rest.iter().take_while(|c| c.hook == first.hook).count();
            let (group, tail) = rest.split_at(len);
            hooks.push(Hook::new(first.hook, group.to_vec(), None));
            rest = tail;
        }
        let mut declared_only = Vec::new();
        for declaration in &declarations {
            match hooks.binary_search_by(|h| h.name.cmp(declaration.name)) {
                Ok(index) => {
                    hooks[index].declaration.get_or_insert(declaration);
                }
                Err(_) if declared_only.last().is_some_and(|h: &Hook| h.name == declaration.name) => {}
                Err(_) => declared_only.push(Hook::new(declaration.name, Vec::new(), Some(declaration))),
            }
        }
        hooks.extend(declared_only);
        hooks.sort_unstable_by(|a, b| a.name.cmp(b.name));
        let by_name = hooks.iter().enumerate().map(|(index, hook)| (hook.name, index)).collect();
        let mut sites: Vec<&'static TriggerSite> = sites.into_iter().collect();
        sites.sort_by(|a, b| (a.file(), a.line(), a.hook()).cmp(&(b.file(), b.line(), b.hook())));
        Registry { hooks, by_name, declarations, sites }
    }

    /// Every hook that has callbacks or a declaration, by name.
    pub fn hooks(&self) -> impl ExactSizeIterator<Item = &Hook> {
        self.hooks.iter()
    }

    /// The hook of that name, if it has callbacks or a declaration.
    pub fn hook(&self, name: &str) -> Option<&Hook> {
        self.by_name.get(name).map(|&index| &self.hooks[index])
    }

    /// Every callback of every hook: hooks by name, each hook's callbacks in execution order.
    pub fn callbacks(&self) -> impl Iterator<Item = &'static Callback> + '_ {
        self.hooks.iter().flat_map(Hook::callbacks)
    }

    /// Every declaration, duplicates included, by name.
    pub fn declarations(&self) -> impl ExactSizeIterator<Item = &'static Declaration> + '_ {
        self.declarations.iter().copied()
    }

    /// Every `trigger!` and `trigger_async!` call site of the program, by file and line.
    pub fn trigger_sites(&self) -> impl ExactSizeIterator<Item = &'static TriggerSite> + '_ {
        self.sites.iter().copied()
    }

    /// A view of the registry for people (`Display`) and tools ([`Dump::to_json`]).
    pub fn dump(&self) -> Dump<'_> {
        Dump::new(self)
    }

    /// Checks declarations against callbacks; see [`Validation`].
    pub fn validate(&self) -> Validation {
        Validation::of(self)
    }

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
    pub fn trigger_in_context<T: 'static>(&self, hook: &str, context: &str, payload: &T) -> TriggerReport {
        self.trigger_in(hook, Some(context), payload)
    }

    /// Triggers a hook whose name is only known at runtime, awaiting its async callbacks in
    /// priority order with the sync ones; see [`trigger_async!`](crate::trigger_async).
    pub fn trigger_async<'a, T: 'static>(
        &'a self,
        hook: &'a str,
        payload: &'a T,
    ) -> impl Future<Output = TriggerReport> + 'a {
        self.trigger_async_in(hook, None, payload)
    }

    /// [`trigger_async`](Self::trigger_async) for one context.
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
        let plan = self.plan(hook, context);
        if plan.is_none() {
            self.warn_unknown(hook);
        }
        dispatch_async::run(plan, hook, context, payload, Mode::Sequential)
    }

    fn trigger_in<T: 'static>(&self, hook: &str, context: Option<&str>, payload: &T) -> TriggerReport {
        match self.plan(hook, context) {
            Some(plan) => dispatch::run(plan, dispatch::Names::Given { hook, context }, payload),
            None => {
                self.warn_unknown(hook);
                TriggerReport::unknown_hook()
            }
        }
    }

    /// The plan for a hook and context, `None` for an unknown hook.
    pub(crate) fn plan(&self, hook: &str, context: Option<&str>) -> Option<&Plan> {
        let hook = self.hook(hook)?;
        Some(match context {
            None => &hook.all,
            Some(context) => hook
                .by_context
                .binary_search_by(|(c, _)| (*c).cmp(context))
                .map_or(&hook.globals, |index| &hook.by_context[index].1),
        })
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn warn_unknown(&self, hook: &str) {
        match crate::suggest::closest(hook, self.hooks.iter().map(|h| h.name)) {
            Some(known) => tracing::warn!(hook, suggestion = known, "unknown hook `{hook}`: did you mean `{known}`?"),
            None => tracing::warn!(hook, "unknown hook `{hook}`: no callback or declaration has this name"),
        }
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry").field("hooks", &self.hooks).finish()
    }
}

/// Ascending priority, then fully qualified path: the order the docs promise.
fn execution_order(a: &Callback, b: &Callback) -> std::cmp::Ordering {
    (a.hook, a.priority, a.path, a.line).cmp(&(b.hook, b.priority, b.path, b.line))
}

/// One hook: its callbacks in execution order and its declaration.
///
/// ```
/// #[hooks_core::hook_callback("doc_hook_example", context = "mail")]
/// fn mail(_: &u8) {}
///
/// #[hooks_core::hook_callback("doc_hook_example", context = "sms")]
/// fn sms(_: &u8) {}
///
/// let hook = hooks_core::registry().hook("doc_hook_example").unwrap();
/// assert_eq!(hook.name(), "doc_hook_example");
/// assert_eq!(hook.callbacks().len(), 2);
/// assert_eq!(hook.callbacks_in_context("sms").len(), 1);
/// assert!(hook.declaration().is_none());
/// ```
pub struct Hook {
    name: &'static str,
    declaration: Option<&'static Declaration>,
    all: Plan,
    globals: Plan,
    by_context: Vec<(&'static str, Plan)>,
}

impl Hook {
    fn new(name: &'static str, callbacks: Vec<&'static Callback>, declaration: Option<&'static Declaration>) -> Hook {
        let mut contexts: Vec<&'static str> = callbacks.iter().filter_map(|c| c.context).collect();
        contexts.sort_unstable();
        contexts.dedup();
        let for_context = |context: Option<&str>| {
            Plan::new(callbacks.iter().copied().filter(|c| c.context.is_none() || c.context == context).collect())
        };
        let globals = for_context(None);
        let by_context = contexts.into_iter().map(|context| (context, for_context(Some(context)))).collect();
        Hook { name, declaration, all: Plan::new(callbacks), globals, by_context }
    }

    /// The hook's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Its callbacks in execution order, all contexts.
    pub fn callbacks(&self) -> impl ExactSizeIterator<Item = &'static Callback> + '_ {
        self.all.callbacks.iter().copied()
    }

    /// The callbacks that a trigger with `context` runs: that context's and the global ones.
    pub fn callbacks_in_context(&self, context: &str) -> impl ExactSizeIterator<Item = &'static Callback> + '_ {
        let plan = match self.by_context.binary_search_by(|(c, _)| (*c).cmp(context)) {
            Ok(index) => &self.by_context[index].1,
            Err(_) => &self.globals,
        };
        plan.callbacks.iter().copied()
    }

    /// The first declaration of this hook, if it is declared.
    pub fn declaration(&self) -> Option<&'static Declaration> {
        self.declaration
    }
}

impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hook")
            .field("name", &self.name)
            .field("declaration", &self.declaration)
            .field("callbacks", &self.all.callbacks)
            .finish()
    }
}

/// The callbacks one trigger runs, in order, with their common payload type if they share one.
pub(crate) struct Plan {
    pub(crate) callbacks: Vec<&'static Callback>,
    /// `Some` when every callback is sync and takes this payload type: a sync trigger of that
    /// type can skip the per-callback checks.
    pub(crate) fast_payload: Option<TypeId>,
    /// When `fast_payload` is `Some`: the callbacks' functions, side by side, so that the fast
    /// path walks one array of function pointers.
    pub(crate) fast_calls: Vec<SyncFn>,
}

impl Plan {
    fn new(callbacks: Vec<&'static Callback>) -> Plan {
        let mut types = callbacks.iter().map(|c| c.payload_type_id());
        let first = types.next();
        let fast_calls: Option<Vec<SyncFn>> = callbacks.iter().map(|c| c.invoke.sync_fn()).collect();
        let fast_payload = first.filter(|first| fast_calls.is_some() && types.all(|t| t == *first));
        let fast_calls = if fast_payload.is_some() { fast_calls.unwrap_or_default() } else { Vec::new() };
        Plan { callbacks, fast_payload, fast_calls }
    }
}
