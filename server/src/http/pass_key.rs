//! Seed 002's exchange, at its path: `GET /clientes/chavePasse/usuario?instanciaApp=&chavePasse=
//! &chaveFuncionalidade=` with the partner's API key in `Authorization` (bare, as the seed
//! shows, or after `Bearer `). Every answer is the seed's envelope `{status, data, message,
//! critical, statusCode, timestamp}`, its HTTP status equal to `statusCode`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use portal::partners::{PartnerError, PartnerScope, PassKeyError};
use serde::Deserialize;
use serde_json::{json, Value};

use super::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/clientes/chavePasse/usuario", get(exchange))
}

fn envelope(status: StatusCode, data: Value, message: &str, now_ms: i64) -> Response {
    let ok = status.is_success();
    let critical = if ok { json!([]) } else { json!([{ "mensagem": message }]) };
    let body = json!({
        "status": ok,
        "data": data,
        "message": message,
        "critical": critical,
        "statusCode": status.as_u16(),
        "timestamp": now_ms,
    });
    (status, Json(body)).into_response()
}

#[derive(Deserialize)]
struct ExchangeQuery {
    #[serde(rename = "instanciaApp")]
    instance: Option<String>,
    #[serde(rename = "chavePasse")]
    pass_key: Option<String>,
    #[serde(rename = "chaveFuncionalidade")]
    feature_key: Option<String>,
}

async fn exchange(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ExchangeQuery>, QueryRejection>,
) -> Response {
    let now_ms = (state.portal.clock.now().unix_timestamp_nanos() / 1_000_000) as i64;
    let fail = |status: StatusCode, message: &str| envelope(status, json!([]), message, now_ms);
    let key = headers.get(AUTHORIZATION).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let key = key.strip_prefix("Bearer ").unwrap_or(key);
    let partner = match state.portal.authenticate_partner(key, PartnerScope::PassKey).await {
        Ok(partner) => partner,
        Err(PartnerError::RateLimited(retry)) => {
            let mut response =
                fail(StatusCode::TOO_MANY_REQUESTS, "Muitas requisições. Tente novamente em instantes.");
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry.0));
            return response;
        }
        Err(PartnerError::Store(error)) => {
            tracing::error!(%error, "store failure authenticating a pass key exchange");
            return fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "Ocorreu uma falha interna no servidor. Por favor tente novamente mais tarde.",
            );
        }
        Err(_) => {
            return fail(
                StatusCode::FORBIDDEN,
                "Token de autenticação inválido ou sem permissão para chavePasse.",
            )
        }
    };
    let Ok(Query(query)) = query else {
        return fail(StatusCode::BAD_REQUEST, "Parâmetros inválidos na URL.");
    };
    let instance = query.instance.unwrap_or_default();
    let pass_key = query.pass_key.unwrap_or_default();
    let feature_key = query.feature_key.unwrap_or_default();
    match state.portal.exchange_pass_key(&partner, &instance, &pass_key, &feature_key).await {
        Ok(data) => envelope(
            StatusCode::OK,
            json!({ "chaveUnica": data.unique_key, "integracao": data.integration }),
            "Dados carregados com sucesso.",
            now_ms,
        ),
        Err(PassKeyError::Invalid(message)) => fail(StatusCode::BAD_REQUEST, &message),
        Err(PassKeyError::UnknownFeature) => {
            fail(StatusCode::NOT_FOUND, "Funcionalidade não encontrada para esta chave.")
        }
        Err(PassKeyError::InvalidPassKey) => fail(
            StatusCode::FORBIDDEN,
            "chavePasse inválida, já usada, expirada ou de outra funcionalidade ou instância.",
        ),
        Err(PassKeyError::Store(error)) => {
            tracing::error!(%error, "store failure exchanging a pass key");
            fail(
                StatusCode::SERVICE_UNAVAILABLE,
                "Ocorreu uma falha interna no servidor. Por favor tente novamente mais tarde.",
            )
        }
    }
}
