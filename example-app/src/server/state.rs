//! The state the router hands to handlers.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::FromRef;
use serde::Serialize;

use crate::http::Env;

/// Everything a handler may extract: the modules' [`Env`] and the server's own data.
#[derive(Debug, Clone)]
pub(crate) struct AppState {
    pub(crate) env: Env,
    /// Each module's health, from its `module_initialized` callbacks at startup.
    pub(crate) health: Arc<BTreeMap<&'static str, Health>>,
    /// The durable-hooks engine, for the dead jobs of `/debug/hooks/dead`.
    pub(crate) engine: hooks_durable::Engine,
}

impl FromRef<AppState> for Env {
    fn from_ref(state: &AppState) -> Env {
        state.env.clone()
    }
}

/// A module's health as `/modules/status` shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Health {
    /// `"healthy"` or `"unhealthy"`.
    pub(crate) status: &'static str,
    /// The messages of the failed `module_initialized` callbacks.
    pub(crate) errors: Vec<String>,
}
