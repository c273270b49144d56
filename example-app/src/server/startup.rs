//! Module initialization: `module_initialized` once per module, in that module's context.

use std::collections::BTreeMap;
use std::future::Future;

use hooks_core::{TriggerReport, TypedHook};

use super::state::Health;
use crate::events::{Db, MODULES, ModuleInitialized, module_initialized};
use crate::failures;

/// Triggers `module_initialized` for each of [`MODULES`], in order, in the module's context (its
/// callbacks and the global ones run, not the other modules'), and returns each module's health.
/// Failed callbacks are recorded through `system_error` ([`failures::recording`]).
pub(crate) async fn initialize_modules(db: &Db, app_name: &str) -> BTreeMap<&'static str, Health> {
    let mut health = BTreeMap::new();
    for module in MODULES {
        let event = ModuleInitialized { module, app_name: app_name.to_owned(), db: db.clone() };
        let report = failures::recording(db, async {
            failures::describe(format!("module={module}"));
            trigger_in_context::<module_initialized>(module, &event).await
        })
        .await;
        let errors: Vec<String> = report.failures().iter().map(|failure| failure.message().to_owned()).collect();
        let status = if errors.is_empty() { "healthy" } else { "unhealthy" };
        health.insert(module, Health { status, errors });
    }
    health
}

/// Triggers the hook `H` in the context named `context`, which is only known at runtime here (a
/// `trigger_async!` call site names its context at compile time); rustc still checks the payload
/// against the hook's type.
fn trigger_in_context<'a, H: TypedHook>(
    context: &'a str,
    payload: &'a H::Payload,
) -> impl Future<Output = TriggerReport> + 'a {
    hooks_core::registry().trigger_async_in_context(H::NAME, context, payload)
}
