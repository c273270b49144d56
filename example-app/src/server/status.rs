//! `GET /modules/status`: each module's health and the callbacks it registered.

use axum::Json;
use axum::extract::State;
use serde_json::{Map, Value, json};

use super::state::AppState;
use crate::events::MODULES;

/// `{"modules": {"<name>": {"health": {"status", "errors"}, "context", "callbacks": [...]}}}`.
///
/// A module's callbacks are those registered in its context, in hook and execution order.
pub(crate) async fn modules_status(State(state): State<AppState>) -> Json<Value> {
    let registry = hooks_core::registry();
    let mut modules = Map::new();
    for module in MODULES {
        let callbacks: Vec<Value> = registry
            .hooks()
            .flat_map(|hook| hook.callbacks().filter(|callback| callback.context() == Some(module)))
            .map(|callback| {
                json!({
                    "hook": callback.hook(),
                    "priority": callback.priority(),
                    "callback": callback.path(),
                    "async": callback.is_async(),
                })
            })
            .collect();
        let health = state.health.get(module).map_or_else(|| json!({ "status": "unknown" }), |health| json!(health));
        modules.insert(module.to_owned(), json!({ "health": health, "context": module, "callbacks": callbacks }));
    }
    Json(json!({ "modules": modules }))
}
