//! Seed 002's exchange, at its path: `GET /clientes/chavePasse/usuario?instanciaApp=&chavePasse=
//! &chaveFuncionalidade=` with the partner's API key in `Authorization` (bare, as the seed
//! shows, or after `Bearer `). Every answer is the seed's envelope `{status, data, message,
//! critical, statusCode, timestamp}`, its HTTP status equal to `statusCode`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal::partners::{PartnerError, PartnerScope, PassKeyError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema};
use utoipa::{IntoParams, IntoResponses, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(exchange))
}

/// The seed's envelope, on success and on failure.
#[derive(Serialize, ToSchema)]
#[schema(as = EnvelopeChavePasse)]
struct Envelope<'a> {
    status: bool,
    /// The buyer's data on success; `[]` on failure, as the seed answers.
    #[schema(schema_with = envelope_data_schema)]
    data: Value,
    message: &'a str,
    /// Empty on success; one `{"mensagem"}` on failure.
    critical: Vec<Critical<'a>>,
    /// The HTTP status again.
    #[serde(rename = "statusCode")]
    status_code: u16,
    /// Unix milliseconds.
    timestamp: i64,
}

#[derive(Serialize, ToSchema)]
struct Critical<'a> {
    mensagem: &'a str,
}

/// What a pass key gives the partner: a stable pseudonym of the buyer, and only the fields the
/// funcionalidade was allowed.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
struct PassKeyUser {
    /// The same for the same buyer and partner, different across partners.
    #[schema(rename = "chaveUnica")]
    unique_key: String,
    #[schema(inline)]
    integracao: PassKeyFields,
}

/// Each present only when the funcionalidade shares it.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
struct PassKeyFields {
    /// Digits (and letters, for an alphanumeric CNPJ), no mask.
    cpf_cnpj: Option<String>,
    nome: Option<String>,
    email: Option<String>,
    /// Digits with DDD; null when the buyer has no phone.
    telefone: Option<String>,
    /// `{"id", "numero", "empreendimento", "unidade"}` each.
    contratos: Option<Vec<HashMap<String, Value>>>,
    /// `{"id", "descricao", "empreendimento", "tipo"}` each.
    unidades: Option<Vec<HashMap<String, Value>>>,
}

fn envelope_data_schema() -> Schema {
    let empty = ArrayBuilder::new().items(ObjectBuilder::new()).max_items(Some(0)).build();
    OneOfBuilder::new().item(PassKeyUser::schema()).item(empty).build().into()
}

fn envelope(status: StatusCode, data: Value, message: &str, now_ms: i64) -> Response {
    let ok = status.is_success();
    let critical = if ok { Vec::new() } else { vec![Critical { mensagem: message }] };
    let body =
        Envelope { status: ok, data, message, critical, status_code: status.as_u16(), timestamp: now_ms };
    (status, Json(body)).into_response()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ExchangeQuery {
    /// `sandbox` or `producao`.
    #[serde(rename = "instanciaApp")]
    #[param(rename = "instanciaApp")]
    instance: Option<String>,
    /// The key the buyer's browser brought.
    #[serde(rename = "chavePasse")]
    #[param(rename = "chavePasse")]
    pass_key: Option<String>,
    /// The funcionalidade's key.
    #[serde(rename = "chaveFuncionalidade")]
    #[param(rename = "chaveFuncionalidade")]
    feature_key: Option<String>,
}

/// Every refusal of the exchange, in the envelope.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
enum ExchangeRefusals<'a> {
    /// Parâmetros ausentes ou malformados.
    #[response(status = 400)]
    BadRequest(Envelope<'a>),
    /// Chave de API inválida ou sem a permissão; chavePasse inválida, usada, expirada ou de outra funcionalidade ou instância.
    #[response(status = 403)]
    Forbidden(Envelope<'a>),
    /// Funcionalidade inexistente para esta chave.
    #[response(status = 404)]
    NotFound(Envelope<'a>),
    /// Acima do limite por minuto da chave.
    #[response(status = 429, headers(("Retry-After" = i64, description = "Segundos até tentar de novo")))]
    TooMany(Envelope<'a>),
    /// Serviço indisponível por um momento.
    #[response(status = 503)]
    Unavailable(Envelope<'a>),
}

#[utoipa::path(get, path = "/clientes/chavePasse/usuario", operation_id = "exchange_pass_key", tag = "Parceiros: chave de passe (seed 002)",
    security(("chave_de_api" = [])), params(ExchangeQuery),
    responses((status = 200, description = "Os dados do comprador", body = Envelope), ExchangeRefusals))]
/// Troca a chave de passe de uso único pelos dados do comprador que a funcionalidade recebe.
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
