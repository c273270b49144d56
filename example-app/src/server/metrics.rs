//! `GET /metrics` (with `--metrics`): the hooks' metrics (triggers, callback calls by outcome,
//! durations, retries) in the Prometheus text format.
//!
//! The recorder is the process's global one, installed by the first server that asks for it;
//! later servers in the same process share it.

use std::sync::OnceLock;

use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// The handle of the installed recorder; `None` when another recorder was installed first.
pub(crate) fn install() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| match PrometheusBuilder::new().install_recorder() {
            Ok(handle) => Some(handle),
            Err(error) => {
                tracing::error!(%error, "cannot install the metrics recorder: GET /metrics answers 503");
                None
            }
        })
        .as_ref()
}

/// The metrics as Prometheus text.
pub(crate) async fn render() -> impl IntoResponse {
    match install() {
        Some(handle) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
        }
        None => (StatusCode::SERVICE_UNAVAILABLE, "no metrics recorder").into_response(),
    }
}
