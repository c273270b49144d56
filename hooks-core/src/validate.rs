//! Checking declarations against callbacks before anything runs.

use std::collections::HashMap;
use std::fmt;

use crate::suggest::closest;
use crate::{Callback, Declaration, HookKind, Registry, TriggerSite};

/// The findings of [`Registry::validate`].
///
/// Errors (almost certainly bugs):
/// - a callback on an undeclared name close to a declared one (a likely typo, with "did you
///   mean");
/// - a callback whose payload type differs from its hook's declared one;
/// - one hook declared twice with different payload types;
/// - a `trigger!` of a name that no callback or declaration uses but a close one does;
/// - a `trigger!` context that no callback declares but a close one does (it would run only the
///   global callbacks);
/// - a sync `trigger!` of a hook with async callbacks, which it cannot run;
/// - a trigger without the caller's transaction of a hook with durable callbacks, which it cannot
///   enqueue;
/// - `after` and `before` constraints that form a cycle, naming every callback in it in cycle
///   order (triggers then run that hook's callbacks in priority order).
///
/// Warnings (the program behaves as written, which may not be what was meant):
/// - a callback on an undeclared name when the program declares hooks elsewhere;
/// - an `after` or `before` constraint that moves a callback out of its priority band (1-5
///   critical, 6-10 core, 11-20 notifications, 21+ analytics): `after` a callback of a later band,
///   or `before` one of an earlier band;
/// - a hook declared twice with the same payload type;
/// - a `trigger!` of a hook that has no callback in the program, declared or not: most often the
///   crate that defines its callbacks is not linked (see the crate docs' linking section); an
///   `apply_filters!` without filters is not reported: it returns its value unchanged;
/// - a `trigger!` context that no callback of the program declares.
///
/// ```standalone_crate
/// hooks_core::declare_hook!("doc_validate_order_placed", u32);
///
/// #[hooks_core::hook_callback("doc_validate_order_plcaed")]
/// fn typo(_: &u32) {}
///
/// let validation = hooks_core::registry().validate();
/// assert!(!validation.is_clean());
/// let finding = validation.errors().next().unwrap();
/// assert_eq!(finding.suggestion(), Some("doc_validate_order_placed"));
/// ```
#[derive(Debug, Clone)]
#[must_use = "validation only reports problems; check `is_clean()`"]
pub struct Validation {
    findings: Vec<Finding>,
}

/// One problem found by validation; see [`Validation`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    severity: Severity,
    hook: &'static str,
    message: String,
    suggestion: Option<&'static str>,
}

/// How serious a finding is.
///
/// ```
/// use hooks_core::Severity;
///
/// assert!(Severity::Error > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a look, but the program behaves as written.
    Warning,
    /// Almost certainly a bug: a callback that will never run, or not with the payload it expects.
    Error,
}

impl Registry {
    /// Checks declarations, callbacks and trigger sites against each other; see [`Validation`].
    pub fn validate(&self) -> Validation {
        Validation::of(self)
    }
}

impl Validation {
    fn of(registry: &Registry) -> Validation {
        let mut findings = Vec::new();
        // The program's declarations: hooks-core's own (`callback_failed`, listed once a callback
        // uses it) do not make a program that uses only string names "declaring".
        let declared: Vec<&'static str> = registry
            .hooks()
            .filter(|h| h.declaration().is_some() && h.name() != crate::callback_failed::NAME)
            .map(|h| h.name())
            .collect();
        check_declarations(registry.declarations().collect(), &mut findings);
        for hook in registry.hooks() {
            match hook.declaration() {
                Some(declaration) => {
                    for callback in hook.callbacks() {
                        check_payload(declaration, callback, &mut findings);
                    }
                }
                None if declared.is_empty() => {}
                None => {
                    let suggestion = closest(hook.name(), declared.iter().copied());
                    for callback in hook.callbacks() {
                        findings.push(undeclared(callback, suggestion));
                    }
                }
            }
        }
        for hook in registry.hooks() {
            check_constraints(hook, &mut findings);
        }
        // Every context a callback of the program declares, sorted: what trigger contexts are
        // checked against.
        let mut program_contexts: Vec<&'static str> = registry.callbacks().filter_map(|c| c.context()).collect();
        program_contexts.sort_unstable();
        program_contexts.dedup();
        for site in registry.trigger_sites() {
            check_site(registry, &program_contexts, site, &mut findings);
        }
        if crate::retry::timer().is_none() {
            for callback in registry.callbacks().filter(|c| c.backoff().is_some()) {
                findings.push(Finding {
                    severity: Severity::Warning,
                    hook: callback.hook,
                    message: format!(
                        "callback `{}` at {}:{} has a backoff, but no retry timer is installed: it retries at once; \
                         call hooks_core::set_retry_timer or enable the `tokio` feature of hooks-core",
                        callback.path,
                        callback.file(),
                        callback.line(),
                    ),
                    suggestion: None,
                });
            }
        }
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.hook.cmp(b.hook)));
        Validation { findings }
    }

    /// `true` when there are no errors (warnings allowed).
    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }

    /// Every finding, errors first, then by hook name.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings of severity [`Severity::Error`].
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The findings of severity [`Severity::Warning`].
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Warning)
    }
}

impl fmt::Display for Validation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.findings.is_empty() {
            return f.write_str("hooks: validation clean");
        }
        for (index, finding) in self.findings.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl Finding {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The hook name the finding is about.
    pub fn hook(&self) -> &'static str {
        self.hook
    }

    /// A sentence describing the problem, naming the callback or declaration and its location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The declared name the hook was probably meant to be, for likely typos.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.message)
    }
}

fn check_declarations(declarations: Vec<&'static Declaration>, findings: &mut Vec<Finding>) {
    for pair in declarations.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        if first.name != second.name {
            continue;
        }
        let same_payload = first.payload_type_id() == second.payload_type_id();
        let (severity, what) = if same_payload {
            (Severity::Warning, "declared twice")
        } else {
            (Severity::Error, "declared twice with different payload types")
        };
        findings.push(Finding {
            severity,
            hook: first.name,
            message: format!(
                "hook `{}` {what}: `{}` at {}:{} and `{}` at {}:{}",
                first.name,
                first.payload_type_name().unwrap_or("(no payload type)"),
                first.file,
                first.line,
                second.payload_type_name().unwrap_or("(no payload type)"),
                second.file,
                second.line,
            ),
            suggestion: None,
        });
    }
}

fn check_payload(declaration: &Declaration, callback: &Callback, findings: &mut Vec<Finding>) {
    let Some(declared) = declaration.payload_type_id() else { return };
    if declared == callback.payload_type_id() {
        return;
    }
    findings.push(Finding {
        severity: Severity::Error,
        hook: callback.hook,
        message: format!(
            "callback `{}` at {}:{} takes `&{}`, but hook `{}` is declared with payload `{}` at {}:{}",
            callback.path,
            callback.file(),
            callback.line(),
            callback.payload_type_name(),
            callback.hook,
            declaration.payload_type_name().unwrap_or_default(),
            declaration.file,
            declaration.line,
        ),
        suggestion: None,
    });
}

/// Cycles of `after` and `before` constraints (errors), and constraints that move a callback out
/// of its priority band (warnings).
fn check_constraints(hook: &crate::Hook, findings: &mut Vec<Finding>) {
    for cycle in hook.cycles() {
        let names: Vec<String> = cycle.iter().map(|c| format!("`{}` ({}:{})", c.path, c.file(), c.line())).collect();
        findings.push(Finding {
            severity: Severity::Error,
            hook: hook.name(),
            message: format!(
                "the `after`/`before` constraints of hook `{}` form a cycle: {}, each to run before the next and the last before the first; its callbacks run in priority order",
                hook.name(),
                names.join(", "),
            ),
            suggestion: None,
        });
    }
    let callbacks: Vec<&'static Callback> = hook.callbacks().collect();
    if callbacks.iter().all(|c| c.after().is_empty() && c.before().is_empty()) {
        return;
    }
    let mut by_path: HashMap<&str, Vec<&'static Callback>> = HashMap::new();
    for &callback in callbacks.iter().filter(|c| c.durable().is_none()) {
        by_path.entry(callback.path).or_default().push(callback);
    }
    for callback in &callbacks {
        let constraints = [("after", callback.after()), ("before", callback.before())];
        for (relation, paths) in constraints {
            for target in paths.iter().filter_map(|path| by_path.get(path)).flatten() {
                let (own, other) = (band(callback.priority), band(target.priority));
                let moved = match relation {
                    "after" => other.0 > own.0,
                    _ => other.0 < own.0,
                };
                if moved {
                    findings.push(Finding {
                        severity: Severity::Warning,
                        hook: callback.hook,
                        message: format!(
                            "callback `{}` (priority {}, {} band) runs {relation} `{}` (priority {}, {} band): the constraint moves it out of its priority band",
                            callback.path, callback.priority, own.1, target.path, target.priority, other.1,
                        ),
                        suggestion: None,
                    });
                }
            }
        }
    }
}

/// The priority band of a priority, by rank and name: 1-5 critical, 6-10 core, 11-20
/// notifications, 21+ analytics.
fn band(priority: u8) -> (u8, &'static str) {
    match priority {
        0..=5 => (0, "critical 1-5"),
        6..=10 => (1, "core 6-10"),
        11..=20 => (2, "notifications 11-20"),
        _ => (3, "analytics 21+"),
    }
}

fn undeclared(callback: &Callback, suggestion: Option<&'static str>) -> Finding {
    let location = format!("callback `{}` at {}:{}", callback.path, callback.file(), callback.line());
    match suggestion {
        Some(suggestion) => Finding {
            severity: Severity::Error,
            hook: callback.hook,
            message: format!("{location} uses undeclared hook `{}`: did you mean `{suggestion}`?", callback.hook),
            suggestion: Some(suggestion),
        },
        None => Finding {
            severity: Severity::Warning,
            hook: callback.hook,
            message: format!("{location} uses hook `{}`, which is not declared", callback.hook),
            suggestion: None,
        },
    }
}

fn check_site(registry: &Registry, program_contexts: &[&'static str], site: &TriggerSite, findings: &mut Vec<Finding>) {
    let macro_name = match (site.kind(), site.is_async()) {
        (HookKind::Filter, false) => "apply_filters!",
        (HookKind::Filter, true) => "apply_filters_async!",
        (HookKind::FirstResult, false) => "first_result!",
        (HookKind::FirstResult, true) => "first_result_async!",
        (_, false) => "trigger!",
        (_, true) => "trigger_async!",
    };
    let location = format!("{macro_name} at {}:{}", site.file(), site.line());
    let Some(hook) = registry.hook(site.hook()) else {
        findings.push(unknown_site_hook(registry, site, &location));
        return;
    };
    // A filter without filters returns its value unchanged, as documented.
    if hook.callbacks().len() == 0 && site.kind() != HookKind::Filter {
        findings.push(Finding {
            severity: Severity::Warning,
            hook: site.hook(),
            message: format!(
                "{location} triggers hook `{}`, which is declared but has no callback in this program: {LINKING}",
                site.hook()
            ),
            suggestion: None,
        });
        return;
    }
    if let Some(context) = site.context() {
        let hook_contexts: Vec<&'static str> = hook.callbacks().filter_map(|c| c.context()).collect();
        check_site_context(program_contexts, &hook_contexts, site, context, &location, findings);
    }
    let reached: Vec<&Callback> = hook.callbacks_reached_by(site.context()).collect();
    if !site.is_transactional() {
        for callback in reached.iter().filter(|c| c.durable().is_some()) {
            findings.push(Finding {
                severity: Severity::Error,
                hook: site.hook(),
                message: format!(
                    "{location} cannot enqueue durable callback `{}` ({}:{}) of hook `{}`: pass the caller's transaction, `tx = &mut tx`",
                    callback.path, callback.file(), callback.line(), callback.hook,
                ),
                suggestion: None,
            });
        }
    }
    if site.is_async() {
        return;
    }
    for callback in reached.into_iter().filter(|c| c.is_async()) {
        findings.push(Finding {
            severity: Severity::Error,
            hook: site.hook(),
            message: format!(
                "{location} cannot run async callback `{}` ({}:{}) of hook `{}`: use trigger_async!",
                callback.path,
                callback.file(),
                callback.line(),
                callback.hook,
            ),
            suggestion: None,
        });
    }
}

/// The remedy when callbacks are missing: the crate that defines them is most likely not linked.
const LINKING: &str = "if its callbacks live in a library crate, the binary must name that crate \
    (`use that_crate as _;`; `#![warn(unused_crate_dependencies)]` finds such crates)";

/// A trigger of a name that no callback or declaration uses: a likely typo, or unlinked callbacks.
fn unknown_site_hook(registry: &Registry, site: &TriggerSite, location: &str) -> Finding {
    match closest(site.hook(), registry.hooks().map(|h| h.name())) {
        Some(suggestion) => Finding {
            severity: Severity::Error,
            hook: site.hook(),
            message: format!("{location} triggers unknown hook `{}`: did you mean `{suggestion}`?", site.hook()),
            suggestion: Some(suggestion),
        },
        None => Finding {
            severity: Severity::Warning,
            hook: site.hook(),
            message: format!(
                "{location} triggers hook `{}`, which no callback or declaration names: {LINKING}",
                site.hook()
            ),
            suggestion: None,
        },
    }
}

/// A trigger's context that no callback of its hook declares runs only the global callbacks: fine
/// when other hooks' callbacks use it, an error when it is close to a context in use (a likely
/// typo), a warning otherwise.
fn check_site_context(
    program_contexts: &[&'static str],
    hook_contexts: &[&'static str],
    site: &TriggerSite,
    context: &str,
    location: &str,
    findings: &mut Vec<Finding>,
) {
    if hook_contexts.contains(&context) {
        return;
    }
    if program_contexts.binary_search(&context).is_ok() {
        return;
    }
    let suggestion =
        closest(context, hook_contexts.iter().copied()).or_else(|| closest(context, program_contexts.iter().copied()));
    findings.push(match suggestion {
        Some(suggestion) => Finding {
            severity: Severity::Error,
            hook: site.hook(),
            message: format!(
                "{location} uses context `{context}`, which no callback declares: did you mean `{suggestion}`?"
            ),
            suggestion: Some(suggestion),
        },
        None => Finding {
            severity: Severity::Warning,
            hook: site.hook(),
            message: format!(
                "{location} uses context `{context}`, which no callback declares: only the global callbacks of hook `{}` run",
                site.hook()
            ),
            suggestion: None,
        },
    });
}
