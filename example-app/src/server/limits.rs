//! Per-address request limits, as a tower layer (`tower_governor`).

use axum::body::Body;
use axum::http::Response;
use axum::response::IntoResponse;
use governor::middleware::NoOpMiddleware;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::http::ApiError;

/// At most `per_minute` requests a minute from one client address (the peer address: behind a
/// proxy, every client shares the proxy's), refilled evenly; 429 with `Retry-After` beyond.
pub(super) fn per_address(per_minute: u32) -> GovernorLayer<PeerIpKeyExtractor, NoOpMiddleware, Body> {
    let per_minute = per_minute.max(1);
    let config = GovernorConfigBuilder::default()
        .per_millisecond(60_000 / u64::from(per_minute))
        .burst_size(per_minute)
        .finish()
        .expect("a period and a burst of at least 1");
    GovernorLayer::new(config).error_handler(too_many)
}

fn too_many(error: GovernorError) -> Response<Body> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            ApiError::too_many_requests("Too many registrations from this address: try again later", wait_time.max(1))
                .into_response()
        }
        other => ApiError::bad_request(other.to_string()).into_response(),
    }
}
