//! Module initialization: `module_initialized` once per module, in that module's context.

use std::collections::BTreeMap;

use hooks_core::TriggerReport;

use super::state::Health;
use crate::events::{self, Db, MODULES, ModuleInitialized, module_initialized};
use crate::failures;

/// Triggers `module_initialized` for each of [`MODULES`], in order, and returns each module's
/// health. Failures are recorded through `system_error`.
pub(crate) async fn initialize_modules(db: &Db, app_name: &str) -> BTreeMap<&'static str, Health> {
    let mut health = BTreeMap::new();
    for module in MODULES {
        let event = ModuleInitialized { module, app_name: app_name.to_owned(), db: db.clone() };
        let errors: Vec<String> = match trigger_in_context(&event).await {
            Some(report) => {
                failures::record::<module_initialized>(db, &report, &format!("module={module}")).await;
                report.failures().iter().map(|failure| failure.message()).collect()
            }
            None => vec![format!("module {module} has no context to initialize")],
        };
        let status = if errors.is_empty() { "healthy" } else { "unhealthy" };
        health.insert(module, Health { status, errors });
    }
    health
}

/// Triggers `module_initialized` in the context of `event.module` (its callbacks and the global
/// ones run, not the other modules'); `None` for a name without a context.
async fn trigger_in_context(event: &ModuleInitialized) -> Option<TriggerReport> {
    let report = match event.module {
        "user_management" => {
            hooks_core::trigger_async!(module_initialized, event, context = events::user_management).await
        }
        "wallet" => hooks_core::trigger_async!(module_initialized, event, context = events::wallet).await,
        "communications" => {
            hooks_core::trigger_async!(module_initialized, event, context = events::communications).await
        }
        "transactions" => hooks_core::trigger_async!(module_initialized, event, context = events::transactions).await,
        "monitoring" => hooks_core::trigger_async!(module_initialized, event, context = events::monitoring).await,
        _ => return None,
    };
    Some(report)
}
