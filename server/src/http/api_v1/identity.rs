//! Seed 001 `identification`: open registration and the "already registered?" check.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use portal::registration::{Availability, ExistsKind, FieldError, RegistrationForm};
use serde::{Deserialize, Serialize};

use super::error::{body, ApiError, ErrorBody, Refusals};
use super::extract::{ApiQuery, ClientOrigin};
use crate::http::AppState;
use utoipa::{IntoParams, ToSchema};

/// Seed 001's registration body. Numbers may come as JSON numbers or strings.
#[derive(Deserialize, ToSchema)]
pub(super) struct Registration {
    /// 1 (pessoa física) or 2 (pessoa jurídica), as a number or a string.
    #[schema(value_type = i64, minimum = 1, maximum = 2)]
    legal_personality: serde_json::Value,
    #[serde(default)]
    name1: String,
    #[serde(default)]
    name2: Option<String>,
    #[serde(default)]
    document1: String,
    #[serde(default)]
    document2: Option<String>,
    #[serde(default)]
    date_of_birth: Option<String>,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    telephone: Option<Telephone>,
}

#[derive(Deserialize, ToSchema)]
struct Telephone {
    #[serde(default)]
    #[schema(value_type = String, example = "41")]
    ddd: serde_json::Value,
    #[serde(default)]
    #[schema(value_type = String, example = "999998888")]
    number: serde_json::Value,
}

/// `11` or `"11"` → `"11"`; null → empty.
fn loose_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct Registered {
    id: i64,
    desafio: String,
    expira_em: i64,
    mensagem: &'static str,
}

#[utoipa::path(post, path = "/identification", operation_id = "register_buyer", summary = "Cria uma conta de comprador (cadastro aberto). Sem token ainda: a conta entra quando o código enviado ao e-mail volta a /validar-autenticacao com o desafio.", tag = "Cadastro e conta", request_body = Registration,
    responses((status = 201, description = "Cadastro criado; um código foi enviado ao e-mail", body = Registered),
        (status = 403, description = "O cadastro aberto está desativado (`cadastro_fechado`)", body = ErrorBody),
        (status = 422, description = "Campos recusados (`dados_invalidos`, com `campos`)", body = ErrorBody),
        Refusals))]
/// Creates a buyer account (open registration), 201. No token yet: the account signs in once
/// the code sent to its e-mail comes back to `POST /validar-autenticacao` with the `desafio`.
pub(super) async fn register(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<Registration>, JsonRejection>,
) -> Result<(StatusCode, Json<Registered>), ApiError> {
    let request = body(payload)?;
    let telephone = request.telephone.as_ref();
    let form = RegistrationForm {
        legal_personality: loose_text(&request.legal_personality),
        name1: request.name1,
        name2: request.name2.unwrap_or_default(),
        document1: request.document1,
        document2: request.document2.unwrap_or_default(),
        date_of_birth: request.date_of_birth.unwrap_or_default(),
        gender: request.gender.unwrap_or_default(),
        email: request.email,
        telephone_ddd: telephone.map(|phone| loose_text(&phone.ddd)).unwrap_or_default(),
        telephone_number: telephone.map(|phone| loose_text(&phone.number)).unwrap_or_default(),
        password: request.password,
        password_confirmation: None,
    };
    let registered = state.portal.register(&form, &origin).await?;
    let answer = Registered {
        id: registered.person_id,
        desafio: registered.challenge.id,
        expira_em: registered.challenge.expires_at,
        mensagem: "Cadastro criado. Enviamos um código ao e-mail: envie-o com o desafio a \
                   POST /api/v1/validar-autenticacao para confirmar o e-mail e receber o token.",
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ExistsQuery {
    value: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct ExistsAnswer {
    #[serde(rename = "type")]
    kind: String,
    exists: bool,
}

#[utoipa::path(get, path = "/identification/exists/{kind}", operation_id = "exists", summary = "Se já há cadastro com este e-mail ou documento: `{kind}` é `email` ou `document1`; o valor vem em `?value=` ou no corpo JSON.", tag = "Cadastro e conta",
    params(("kind" = String, Path, description = "`email` ou `document1`"), ExistsQuery),
    responses((status = 200, description = "Se já há cadastro com esse valor", body = ExistsAnswer),
        (status = 422, description = "Valor inválido (`dados_invalidos`)", body = ErrorBody),
        Refusals))]
/// Seed 001's duplicate check: `{type}` is `email` or `document1`; the value comes as
/// `?value=` or in a JSON body `{"value": …}` (the seed sends a body with GET).
pub(super) async fn exists(
    state: State<AppState>,
    origin: ClientOrigin,
    kind: Path<String>,
    query: ApiQuery<ExistsQuery>,
    raw_body: axum::body::Bytes,
) -> Result<Json<ExistsAnswer>, ApiError> {
    check_exists(state, origin, kind, query, raw_body).await
}

#[utoipa::path(post, path = "/identification/exists/{kind}", operation_id = "exists_by_post", summary = "Se já há cadastro com este e-mail ou documento: `{kind}` é `email` ou `document1`; o valor vem em `?value=` ou no corpo JSON.", tag = "Cadastro e conta",
    params(("kind" = String, Path, description = "`email` ou `document1`"), ExistsQuery),
    responses((status = 200, description = "Se já há cadastro com esse valor", body = ExistsAnswer),
        (status = 422, description = "Valor inválido (`dados_invalidos`)", body = ErrorBody),
        Refusals))]
/// The same check by POST, for clients that cannot send a body with GET.
pub(super) async fn exists_by_post(
    state: State<AppState>,
    origin: ClientOrigin,
    kind: Path<String>,
    query: ApiQuery<ExistsQuery>,
    raw_body: axum::body::Bytes,
) -> Result<Json<ExistsAnswer>, ApiError> {
    check_exists(state, origin, kind, query, raw_body).await
}

async fn check_exists(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    Path(kind): Path<String>,
    ApiQuery(query): ApiQuery<ExistsQuery>,
    raw_body: axum::body::Bytes,
) -> Result<Json<ExistsAnswer>, ApiError> {
    let exists_kind = ExistsKind::from_code(&kind).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "tipo_invalido",
            "Tipo inválido: use \"email\" ou \"document1\".",
        )
    })?;
    let from_body = || serde_json::from_slice::<ExistsQuery>(&raw_body).ok().and_then(|parsed| parsed.value);
    let value = query
        .value
        .or_else(from_body)
        .ok_or_else(|| ApiError::bad_request("Informe \"value\" (na URL ou no corpo JSON).".into()))?;
    let exists = match state.portal.check_availability(exists_kind, &value, &origin).await? {
        Availability::Available => false,
        Availability::Taken(_) => true,
        Availability::Invalid(message) => {
            return Err(ApiError::invalid_fields(vec![FieldError { field: exists_kind.field(), message }]))
        }
    };
    Ok(Json(ExistsAnswer { kind, exists }))
}
