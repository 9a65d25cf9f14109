//! `POST /api/v1/parceiro/token`: a partner backend exchanges its API key for a 15-minute
//! access token (OAuth 2.0 client credentials, RFC 6749 §4.4), for the APIs that take a JWT
//! (seed 004). The key comes as `Authorization: Bearer`, or as `client_secret` in a JSON or
//! form body; `grant_type` must be `client_credentials`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal::partners::PartnerError;
use serde::Deserialize;
use serde_json::json;

use crate::http::AppState;

#[derive(Debug, Default, Deserialize)]
struct TokenRequest {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    client_secret: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (status, [(CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

fn read_request(headers: &HeaderMap, body: &Bytes) -> Option<TokenRequest> {
    if body.is_empty() {
        return Some(TokenRequest::default());
    }
    let kind = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    if kind.starts_with("application/x-www-form-urlencoded") {
        serde_urlencoded::from_bytes(body).ok()
    } else {
        serde_json::from_slice(body).ok()
    }
}

pub(super) async fn issue(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(request) = read_request(&headers, &body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Corpo inválido: envie JSON ou formulário.",
        );
    };
    if request.grant_type != "client_credentials" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Use grant_type=client_credentials.",
        );
    }
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::to_string);
    let Some(key) = bearer.or(request.client_secret).filter(|key| !key.trim().is_empty()) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Informe a chave de API do parceiro.",
        );
    };
    match state.portal.issue_partner_token(&key).await {
        Ok(token) => (
            [(CACHE_CONTROL, "no-store")],
            Json(json!({
                "access_token": token.token,
                "token_type": "Bearer",
                "expires_in": token.expires_in,
            })),
        )
            .into_response(),
        Err(PartnerError::RateLimited(retry)) => {
            let mut response = oauth_error(
                StatusCode::TOO_MANY_REQUESTS,
                "slow_down",
                "Muitas requisições. Tente novamente em instantes.",
            );
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry.0));
            response
        }
        Err(PartnerError::Store(error)) => {
            tracing::error!(%error, "store failure issuing a partner token");
            oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "Erro interno. Tente novamente.")
        }
        Err(_) => {
            oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "Chave de API inválida ou revogada.")
        }
    }
}
