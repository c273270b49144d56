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
//! `after` and `before` constraints beat priorities: each plan is sorted topologically, taking
//! the first callback by priority, then path, among those whose constraints are met; a target
//! outside the plan counts as met, and a cycle leaves the plan in priority order (and is a
//! [`Registry::validate`] error).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::plan::Plan;
use crate::{Callback, Declaration, HookKind, TriggerSite};

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
    REGISTRY.get_or_init(|| {
        let registry = collect();
        crate::switch::start_disabled(registry.callbacks());
        registry
    })
}

/// Not public API. Used by the benchmarks: builds a fresh registry from the collected records, as
/// the first call to [`registry()`] does, without storing it.
pub fn collect() -> Registry {
    Registry::build(
        crate::backend::callbacks(),
        crate::backend::declarations(),
        crate::backend::sites().map(crate::trigger_site::SiteRecord::site),
    )
}

impl Registry {
    #[cold]
    #[inline(never)]
    fn build(
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
                // hooks-core's own hook appears only in programs that register callbacks on it.
                Err(_) if declaration.name == crate::callback_failed::NAME => {}
                Err(_) => declared_only.push(Hook::new(declaration.name, Vec::new(), Some(declaration))),
            }
        }
        hooks.extend(declared_only);
        // hooks-core's own declaration is the program's only once it registers callbacks on it.
        let own = |declaration: &&Declaration| declaration.name == crate::callback_failed::NAME;
        if !hooks.iter().any(|hook| hook.name == crate::callback_failed::NAME) {
            declarations.retain(|declaration| !own(declaration));
        }
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

    /// The callback whose path (as the dump shows it, `my_crate::wallet::open_wallet`) is `path`;
    /// the first in execution order if several functions share it.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_find_callback")]
    /// fn found(_: &u8) {}
    ///
    /// let path = format!("{}::found", module_path!());
    /// assert_eq!(hooks_core::registry().callback(&path).map(|c| c.hook()), Some("doc_find_callback"));
    /// assert!(hooks_core::registry().callback("no::such::callback").is_none());
    /// ```
    pub fn callback(&self, path: &str) -> Option<&'static Callback> {
        self.callbacks().find(|callback| callback.path == path)
    }

    /// Every declaration, duplicates included, by name.
    pub fn declarations(&self) -> impl ExactSizeIterator<Item = &'static Declaration> + '_ {
        self.declarations.iter().copied()
    }

    /// Every `trigger!` and `trigger_async!` call site of the program, by file and line.
    pub fn trigger_sites(&self) -> impl ExactSizeIterator<Item = &'static TriggerSite> + '_ {
        self.sites.iter().copied()
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry").field("hooks", &self.hooks).finish()
    }
}

/// Ascending priority, then fully qualified path: the order the docs promise.
fn execution_order(a: &Callback, b: &Callback) -> std::cmp::Ordering {
    (a.hook, a.priority, a.path, a.line()).cmp(&(b.hook, b.priority, b.path, b.line()))
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
    /// Every callback, durable ones included, in execution order.
    callbacks: Vec<&'static Callback>,
    /// The plans hold the callbacks a trigger runs: all but the durable ones.
    all: Plan,
    globals: Plan,
    by_context: Vec<(&'static str, Plan)>,
    /// Constraints that form cycles, each in cycle order: reported by `validate()`.
    cycles: Vec<Vec<&'static Callback>>,
}

impl Hook {
    fn new(name: &'static str, callbacks: Vec<&'static Callback>, declaration: Option<&'static Declaration>) -> Hook {
        let mut contexts: Vec<&'static str> = callbacks.iter().filter_map(|c| c.context()).collect();
        contexts.sort_unstable();
        contexts.dedup();
        let run = || callbacks.iter().copied().filter(|c| c.durable().is_none());
        // Each plan is sorted on its own: a target absent from it counts as met.
        let plan = |callbacks: Vec<&'static Callback>| Plan::new(crate::order::constrained(callbacks).0);
        let for_context =
            |context: Option<&str>| plan(run().filter(|c| c.context().is_none() || c.context() == context).collect());
        let globals = for_context(None);
        let by_context = contexts.into_iter().map(|context| (context, for_context(Some(context)))).collect();
        let all = plan(run().collect());
        let (callbacks, cycles) = crate::order::constrained(callbacks);
        Hook { name, declaration, callbacks, all, globals, by_context, cycles }
    }

    /// The hook's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The cycles that `after` and `before` constraints form, each in cycle order.
    pub(crate) fn cycles(&self) -> &[Vec<&'static Callback>] {
        &self.cycles
    }

    /// Its callbacks in execution order, all contexts, durable ones included.
    pub fn callbacks(&self) -> impl ExactSizeIterator<Item = &'static Callback> + '_ {
        self.callbacks.iter().copied()
    }

    /// The callbacks that a trigger with `context` reaches, in execution order: that context's
    /// and the global ones (durable ones included, which the trigger enqueues rather than runs).
    pub fn callbacks_in_context(&self, context: &str) -> impl ExactSizeIterator<Item = &'static Callback> + '_ {
        let reached: Vec<&'static Callback> = self.callbacks_reached_by(Some(context)).collect();
        reached.into_iter()
    }

    /// The callbacks a trigger reaches, in execution order, durable ones included: all of them
    /// without a context; with one, that context's and the global ones. Allocates nothing.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_reached_example", context = "mail")]
    /// fn mail(_: &u8) {}
    ///
    /// #[hooks_core::hook_callback("doc_reached_example")]
    /// fn audit(_: &u8) {}
    ///
    /// let hook = hooks_core::registry().hook("doc_reached_example").unwrap();
    /// assert_eq!(hook.callbacks_reached_by(None).count(), 2);
    /// assert_eq!(hook.callbacks_reached_by(Some("sms")).count(), 1);
    /// ```
    pub fn callbacks_reached_by<'a>(
        &'a self,
        context: Option<&'a str>,
    ) -> impl Iterator<Item = &'static Callback> + 'a {
        let durable = self.callbacks.iter().copied().filter(|c| c.durable().is_some());
        let durable = durable.filter(move |c| context.is_none() || c.context().is_none() || c.context() == context);
        // The trigger's plan, with durable callbacks where the sort would have placed them.
        crate::order::with_unordered(self.plan(context).callbacks().iter().copied(), durable)
    }

    /// The plan of a trigger: every callback without a context; with one, that context's callbacks
    /// and the global ones (only the global ones for a context no callback uses).
    pub(crate) fn plan(&self, context: Option<&str>) -> &Plan {
        match context {
            None => &self.all,
            Some(context) => match self.by_context.binary_search_by(|(c, _)| (*c).cmp(context)) {
                Ok(index) => &self.by_context[index].1,
                Err(_) => &self.globals,
            },
        }
    }

    /// What the hook does with its callbacks: its declaration's kind, or for an undeclared hook
    /// its first callback's.
    ///
    /// ```
    /// #[hooks_core::hook_callback("doc_hook_kind")]
    /// fn listen(_: &u8) {}
    ///
    /// let hook = hooks_core::registry().hook("doc_hook_kind").unwrap();
    /// assert_eq!(hook.kind(), hooks_core::HookKind::Callbacks);
    /// ```
    pub fn kind(&self) -> HookKind {
        match (self.declaration, self.callbacks.first()) {
            (Some(declaration), _) => declaration.kind(),
            (None, Some(callback)) => callback.kind(),
            (None, None) => HookKind::Callbacks,
        }
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
            .field("callbacks", &self.callbacks)
            .finish()
    }
}
