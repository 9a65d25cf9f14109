use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use crate::http::AppState;

/// `/healthz`: the process is up and the database answers.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if state.portal.store.is_reachable().await {
        (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok" })))
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "degraded", "database": "unreachable" })))
    }
}
