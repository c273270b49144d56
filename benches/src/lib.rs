//! Support code of the hooks benchmarks (the benchmarks themselves live in `benches/`).
//!
//! - [`UserCreated`]: the payload every benchmarked hook carries.
//! - [`BaselineRegistry`]: a registry written the way the original Python hook system worked, a
//!   map from hook name to a priority-sorted list of boxed closures, looked up by name on every
//!   trigger, to compare `trigger!` with.

use std::any::Any;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The payload of the benchmarked hooks: a small, plain struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCreated {
    /// The new user's id.
    pub user_id: u64,
    /// Credits granted on sign-up.
    pub credits: i64,
    /// Account tier.
    pub tier: u8,
    /// Whether the e-mail address is verified.
    pub email_verified: bool,
}

impl UserCreated {
    /// The payload used by every benchmark.
    pub fn sample() -> Self {
        UserCreated { user_id: 4_242, credits: 100, tier: 2, email_verified: true }
    }
}

/// A type-erased callback of the baseline registry.
pub type BaselineCallback = Box<dyn Fn(&dyn Any) -> Result<(), String>>;

/// One registration of the baseline registry: priority, context, callback.
type Entry = (u8, Option<String>, BaselineCallback);

/// The outcome of a baseline trigger: how many callbacks ran and the error messages.
#[derive(Debug, Default)]
pub struct BaselineReport {
    /// How many callbacks were called.
    pub ran: usize,
    /// The messages of the callbacks that failed (returned `Err`, panicked, or got a payload of
    /// another type), in execution order.
    pub errors: Vec<String>,
}

/// The hook registry of the original (Python) system, transcribed: `HashMap<String, Vec<(priority,
/// context, Box<dyn Fn>)>>`, callbacks kept sorted by priority on registration, the hook looked up
/// by name on every trigger, each callback's context checked, the payload downcast from `&dyn Any`
/// by each callback and every call isolated with `catch_unwind` (Python's `try`/`except`).
#[derive(Default)]
pub struct BaselineRegistry {
    hooks: HashMap<String, Vec<Entry>>,
}

impl std::fmt::Debug for BaselineRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaselineRegistry").field("hooks", &self.hooks.len()).finish()
    }
}

impl BaselineRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `callback` for `hook`, after the callbacks of lower or equal priority.
    pub fn register<T: 'static>(
        &mut self,
        hook: &str,
        priority: u8,
        context: Option<&str>,
        callback: impl Fn(&T) -> Result<(), String> + 'static,
    ) {
        let erased: BaselineCallback = Box::new(move |payload: &dyn Any| match payload.downcast_ref::<T>() {
            Some(payload) => callback(payload),
            None => Err(format!("payload type mismatch: expected {}", std::any::type_name::<T>())),
        });
        let callbacks = self.hooks.entry(hook.to_owned()).or_default();
        let at = callbacks.partition_point(|(p, _, _)| *p <= priority);
        callbacks.insert(at, (priority, context.map(str::to_owned), erased));
    }

    /// How many callbacks are registered, over all hooks.
    pub fn len(&self) -> usize {
        self.hooks.values().map(Vec::len).sum()
    }

    /// Whether no callback is registered.
    pub fn is_empty(&self) -> bool {
        self.hooks.is_empty()
    }

    /// Runs the callbacks of `hook` in priority order; with a `context`, only the callbacks of
    /// that context and the global ones.
    pub fn trigger(&self, hook: &str, context: Option<&str>, payload: &dyn Any) -> BaselineReport {
        let mut report = BaselineReport::default();
        let Some(callbacks) = self.hooks.get(hook) else {
            return report;
        };
        for (_priority, callback_context, callback) in callbacks {
            if matches!((context, callback_context.as_deref()), (Some(wanted), Some(own)) if wanted != own) {
                continue;
            }
            report.ran += 1;
            match catch_unwind(AssertUnwindSafe(|| callback(payload))) {
                Ok(Ok(())) => {}
                Ok(Err(error)) => report.errors.push(error),
                Err(_) => report.errors.push("callback panicked".to_owned()),
            }
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn baseline_runs_by_priority_filters_context_and_isolates_failures() {
        let order = Rc::new(RefCell::new(Vec::new()));
        let mut registry = BaselineRegistry::new();
        for (priority, context, name) in [(20, None, "late"), (5, Some("wallet"), "wallet"), (10, Some("mail"), "mail")]
        {
            let order = Rc::clone(&order);
            registry.register("user_created", priority, context, move |user: &UserCreated| {
                order.borrow_mut().push(name);
                assert_eq!(user.user_id, 4_242);
                Ok(())
            });
        }
        registry.register("user_created", 15, None, |_: &UserCreated| Err("declined".to_owned()));
        registry.register("user_created", 16, None, |_: &UserCreated| panic!("boom"));
        assert_eq!(registry.len(), 5);

        let report = registry.trigger("user_created", None, &UserCreated::sample());
        assert_eq!((report.ran, report.errors.len()), (5, 2));
        assert_eq!(*order.borrow(), ["wallet", "mail", "late"]);

        order.borrow_mut().clear();
        let report = registry.trigger("user_created", Some("wallet"), &UserCreated::sample());
        assert_eq!(report.ran, 4);
        assert_eq!(*order.borrow(), ["wallet", "late"]);

        let report = registry.trigger("user_created", None, &7_u32);
        assert_eq!((report.ran, report.errors.len()), (5, 5));
        assert_eq!(registry.trigger("unknown", None, &UserCreated::sample()).ran, 0);
    }
}
