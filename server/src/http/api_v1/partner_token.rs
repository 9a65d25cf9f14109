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
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::AppState;

#[derive(Debug, Default, Deserialize, ToSchema)]
struct TokenRequest {
    /// Always `client_credentials`.
    #[serde(default)]
    #[schema(example = "client_credentials")]
    grant_type: String,
    /// The API key, when it does not come as `Authorization: Bearer`.
    #[serde(default)]
    client_secret: Option<String>,
}

/// RFC 6749 §5.1's answer.
#[derive(Serialize, ToSchema)]
struct PartnerTokenAnswer {
    access_token: String,
    /// Always `Bearer`.
    token_type: &'static str,
    /// Seconds the token lasts (900).
    expires_in: i64,
}

/// RFC 6749 §5.2's refusal.
#[derive(Serialize, ToSchema)]
struct OAuthError<'a> {
    /// `invalid_request`, `unsupported_grant_type`, `invalid_client`, `slow_down` or `server_error`.
    error: &'a str,
    error_description: &'a str,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = OAuthError { error, error_description: description };
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

#[utoipa::path(post, path = "/parceiro/token", operation_id = "issue_partner_token", tag = "Parceiros: token de acesso",
    security((), ("parceiro" = [])),
    request_body(content((TokenRequest = "application/json"), (TokenRequest = "application/x-www-form-urlencoded"))),
    responses((status = 200, description = "Token de 15 minutos", body = PartnerTokenAnswer),
        (status = 400, description = "Corpo inválido ou `grant_type` diferente de `client_credentials`", body = OAuthError),
        (status = 401, description = "Chave ausente, inválida ou revogada (`invalid_client`)", body = OAuthError),
        (status = 429, description = "Acima do limite por minuto da chave (`slow_down`)", body = OAuthError,
            headers(("Retry-After" = i64, description = "Segundos até tentar de novo"))),
        (status = 500, description = "Falha interna (`server_error`)", body = OAuthError)))]
/// Troca a chave de API do parceiro por um token de acesso (OAuth 2.0 client credentials).
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
            Json(PartnerTokenAnswer {
                access_token: token.token,
                token_type: "Bearer",
                expires_in: token.expires_in,
            }),
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
