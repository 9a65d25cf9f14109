//! The partner JSON API under `/api/v1` (seed 000 paths). Handlers are thin: read the request,
//! call a `portal` service, map the result. Errors always have one shape:
//! `{"erro": {"codigo": "…", "mensagem": "…"}}`, with 429 and `Retry-After` over a limit.

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER, USER_AGENT};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portal::auth::account::PasswordChangeError;
use portal::auth::codes::CodePurpose;
use portal::auth::{AuthError, CurrentUser, NewSession, RequestOrigin, SessionKind};
use portal::finance::{InstallmentFilter, InstallmentLine};
use portal::notifications::Channel;
use portal::profile::{PersonalDataForm, ProfileError};
use portal::property::PropertyError;
use portal::registration::{Availability, ExistsKind, FieldError, RegistrationError, RegistrationForm};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;

use crate::http::messages::MESSAGE_BODY_LIMIT;
use crate::startup::AppState;

mod messages;
mod works;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/autenticacao", post(password_login))
        .route("/autenticacao/sindico", post(syndic_login))
        .route("/codigo-verificacao", post(request_code))
        .route("/validar-autenticacao", post(validate_code))
        .route("/resetar-senha-email", post(reset_by_email))
        .route("/resetar-senha-sms", post(reset_by_sms))
        .route("/resetar-senha", post(reset_complete))
        .route("/primeiro-acesso", post(first_access_request))
        .route("/primeiro-acesso/senha", post(first_access_complete))
        .route("/identification", post(register))
        .route("/identification/exists/{kind}", get(exists).post(exists))
        .route("/identification/authenticated-user", post(token_grant))
        .route("/sair", post(logout))
        .route("/contrato", get(contracts))
        .route("/empreendimento", get(developments))
        .route("/unidade", get(units))
        .route("/boleto", get(boletos))
        .route("/boleto/{id}", get(boleto))
        .route("/boleto/{id}/pdf", get(boleto_pdf))
        .route("/documento", get(documents))
        .route("/documento/{id}", get(document))
        .route("/pessoa", get(person).put(update_person))
        .route("/empreendimento/{id}/foto", get(works::photos))
        .route("/foto/{id}", get(works::photo))
        .route("/foto/{id}/miniatura", get(works::thumbnail))
        .route(
            "/mensagem",
            get(messages::threads)
                .post(messages::new_message)
                .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route(
            "/mensagem/{id}",
            get(messages::thread)
                .post(messages::reply_message)
                .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route("/mensagem/anexo/{id}", get(messages::attachment))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "nao_encontrado", "Rota inexistente.") })
}

/// The API's error answer.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<i64>,
    /// For invalid forms: the message of each field, under the seed's field name.
    fields: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: &str) -> Self {
        Self { status, code, message: message.to_string(), retry_after: None, fields: None }
    }

    fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let fields = errors.into_iter().map(|error| (error.field.code().to_string(), json!(error.message)));
        Self {
            fields: Some(fields.collect()),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "dados_invalidos",
                "Dados inválidos: veja a mensagem de cada campo em \"campos\".",
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "codigo": self.code, "mensagem": self.message });
        if let Some(fields) = self.fields {
            error["campos"] = serde_json::Value::Object(fields);
        }
        let body = Json(json!({ "erro": error }));
        let mut response = (self.status, body).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::InvalidCredentials => Self::new(
                StatusCode::UNAUTHORIZED,
                "credenciais_invalidas",
                "E-mail, CPF/CNPJ ou senha incorretos.",
            ),
            AuthError::InvalidCode => {
                Self::new(StatusCode::UNAUTHORIZED, "codigo_invalido", "Código inválido ou expirado.")
            }
            AuthError::Unauthenticated | AuthError::InvalidToken => Self::new(
                StatusCode::UNAUTHORIZED,
                "token_invalido",
                "Token ausente, inválido ou expirado: autentique-se de novo.",
            ),
            AuthError::NotSyndic => Self::new(
                StatusCode::FORBIDDEN,
                "nao_sindico",
                "Esta autenticação é exclusiva para síndicos de empreendimento.",
            ),
            AuthError::RateLimited(retry) => Self {
                retry_after: Some(retry.0),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "limite_excedido",
                    "Muitas tentativas; aguarde e tente de novo.",
                )
            },
            AuthError::Store(error) => {
                tracing::error!(%error, "store failure in the partner API");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "indisponivel",
                    "Serviço indisponível; tente de novo.",
                )
            }
        }
    }
}

impl From<RegistrationError> for ApiError {
    fn from(error: RegistrationError) -> Self {
        match error {
            RegistrationError::Closed => Self::new(
                StatusCode::FORBIDDEN,
                "cadastro_fechado",
                "O cadastro aberto está desativado pela construtora; o comprador usa o primeiro acesso.",
            ),
            RegistrationError::Invalid(errors) => Self::invalid_fields(errors),
            RegistrationError::RateLimited(retry) => AuthError::RateLimited(retry).into(),
            RegistrationError::Session(auth) => auth.into(),
            RegistrationError::Store(store) => AuthError::Store(store).into(),
            RegistrationError::Password(error) => {
                tracing::error!(%error, "password hashing failed");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "indisponivel",
                    "Serviço indisponível; tente de novo.",
                )
            }
        }
    }
}

impl From<PropertyError> for ApiError {
    fn from(error: PropertyError) -> Self {
        match error {
            PropertyError::NotFound => {
                Self::new(StatusCode::NOT_FOUND, "nao_encontrado", "Registro não encontrado.")
            }
            PropertyError::Store(error) => AuthError::Store(error).into(),
        }
    }
}

/// Reads a JSON body, answering a malformed one in the API's error shape.
fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(value)| value).map_err(|rejection| ApiError {
        message: format!("Corpo JSON inválido: {}", rejection.body_text()),
        ..ApiError::new(StatusCode::BAD_REQUEST, "requisicao_invalida", "")
    })
}

/// The caller's address and user agent, for sessions, rate limits and the audit trail.
struct ClientOrigin(RequestOrigin);

impl<S: Send + Sync> FromRequestParts<S> for ClientOrigin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string());
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(|agent| agent.chars().take(300).collect());
        Ok(Self(RequestOrigin { ip, user_agent }))
    }
}

fn bearer(headers: &HeaderMap) -> Result<&str, ApiError> {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| AuthError::InvalidToken.into())
}

async fn authenticated(state: &AppState, headers: &HeaderMap) -> Result<CurrentUser, ApiError> {
    Ok(state.portal.authenticate_api_token(bearer(headers)?).await?)
}

/// The buyer behind the bearer token, checked before a large body is read.
struct Caller(CurrentUser);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticated(state, &parts.headers).await.map(Caller)
    }
}

fn token_response(session: NewSession) -> Json<serde_json::Value> {
    Json(json!({
        "token": session.token,
        "tipo": "Bearer",
        "expira_em": session.expires_at,
        "pessoa": { "id": session.user.person_id, "nome": session.user.name, "sindico": session.user.is_syndic },
    }))
}

#[derive(Deserialize)]
struct PasswordLogin {
    /// E-mail, CPF or CNPJ (`email` is accepted as the seed calls it).
    #[serde(alias = "email")]
    login: String,
    senha: String,
}

async fn password_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<PasswordLogin>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = body(payload)?;
    let session = state.portal.login(&request.login, &request.senha, None, &origin, SessionKind::Api).await?;
    Ok(token_response(session))
}

async fn syndic_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<PasswordLogin>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = body(payload)?;
    let session =
        state.portal.login_syndic(&request.login, &request.senha, None, &origin, SessionKind::Api).await?;
    Ok(token_response(session))
}

#[derive(Deserialize)]
struct CodeRequest {
    /// E-mail, CPF or CNPJ (`cpf` and `email` are accepted too).
    #[serde(alias = "cpf", alias = "email")]
    login: String,
    /// `email` (default) or `sms`.
    #[serde(default)]
    canal: Option<String>,
}

async fn request_code(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let request = body(payload)?;
    let channel = channel_of(request.canal.as_deref())?;
    let challenge = state.portal.request_login_code(&request.login, channel, &origin).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({
            "desafio": challenge.id,
            "expira_em": challenge.expires_at,
            "mensagem": "Se houver um cadastro com esses dados, um código de 6 dígitos foi enviado.",
        })),
    ))
}

/// `email` when absent.
fn channel_of(requested: Option<&str>) -> Result<Channel, ApiError> {
    match requested {
        None => Ok(Channel::Email),
        Some(code) => Channel::from_code(code).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "canal_invalido",
                "Canal inválido: use \"email\" ou \"sms\".",
            )
        }),
    }
}

#[derive(Deserialize)]
struct CodeValidation {
    desafio: String,
    codigo: String,
}

async fn validate_code(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeValidation>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = body(payload)?;
    let session = state
        .portal
        .login_with_code(&request.desafio, &request.codigo, None, &origin, SessionKind::Api)
        .await?;
    Ok(token_response(session))
}

#[derive(Deserialize)]
struct ResetRequest {
    #[serde(alias = "cpf", alias = "email")]
    login: String,
}

async fn reset_request(
    state: AppState,
    origin: RequestOrigin,
    payload: Result<Json<ResetRequest>, JsonRejection>,
    channel: Channel,
    purpose: CodePurpose,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let request = body(payload)?;
    let challenge = state.portal.request_password_code(&request.login, channel, purpose, &origin).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({
            "desafio": challenge.id,
            "expira_em": challenge.expires_at,
            "mensagem": "Se houver um cadastro com esses dados, um código para criar a nova senha foi enviado.",
        })),
    ))
}

async fn reset_by_email(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    reset_request(state, origin, payload, Channel::Email, CodePurpose::PasswordReset).await
}

async fn reset_by_sms(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    reset_request(state, origin, payload, Channel::Sms, CodePurpose::PasswordReset).await
}

#[derive(Deserialize)]
struct ResetCompletion {
    desafio: String,
    codigo: String,
    senha: String,
}

/// Sets the new password with the code; answers a token like a login.
async fn reset_complete(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetCompletion>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    complete_with_code(state, origin, payload, CodePurpose::PasswordReset).await
}

#[derive(Deserialize)]
struct FirstAccessRequest {
    #[serde(alias = "cpf", alias = "cnpj", alias = "documento", alias = "email")]
    login: String,
    /// `email` (default) or `sms`.
    #[serde(default)]
    canal: Option<String>,
}

/// First access of a buyer provisioned by staff: a code to create the password, by e-mail or
/// SMS; the same answer whether or not the account exists.
async fn first_access_request(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<FirstAccessRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let request = body(payload)?;
    let channel = channel_of(request.canal.as_deref())?;
    let payload = Ok(Json(ResetRequest { login: request.login }));
    reset_request(state, origin, payload, channel, CodePurpose::FirstAccess).await
}

/// Creates the first password with the code; answers a token like a login.
async fn first_access_complete(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetCompletion>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    complete_with_code(state, origin, payload, CodePurpose::FirstAccess).await
}

async fn complete_with_code(
    state: AppState,
    origin: RequestOrigin,
    payload: Result<Json<ResetCompletion>, JsonRejection>,
    purpose: CodePurpose,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = body(payload)?;
    let session = state
        .portal
        .set_password_with_code(
            &request.desafio,
            &request.codigo,
            purpose,
            &request.senha,
            &request.senha,
            &origin,
            SessionKind::Api,
        )
        .await
        .map_err(|error| match error {
            PasswordChangeError::Rule(rule) => ApiError {
                message: rule.to_string(),
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "senha_invalida", "")
            },
            PasswordChangeError::WrongCurrentPassword => AuthError::InvalidCode.into(),
            PasswordChangeError::Auth(auth) => auth.into(),
        })?;
    Ok(token_response(session))
}

/// Seed 001's token request. `scope`, `client_id` and `client_secret` are accepted and
/// ignored: partners are identified by their API keys, not by these fields.
#[derive(Deserialize)]
struct TokenGrant {
    grant_type: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    /// For `password_recovery_token`: `"<desafio>:<codigo>"` from `/codigo-verificacao`.
    #[serde(default)]
    access_token: Option<String>,
}

/// `grant_type` `password` (username + password), `persisted` (the browser session cookie of
/// this site) or `password_recovery_token` (a one-time code, seed 001's "type 2" temporary
/// login); answers `{"access_token": "<JWT>"}` like the seed.
async fn token_grant(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    payload: Result<Json<TokenGrant>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = body(payload)?;
    let missing = |field: &'static str| ApiError {
        message: format!("Campo obrigatório ausente: {field}."),
        ..ApiError::new(StatusCode::BAD_REQUEST, "requisicao_invalida", "")
    };
    let session = match request.grant_type.as_str() {
        "password" => {
            let username = request.username.ok_or_else(|| missing("username"))?;
            let password = request.password.ok_or_else(|| missing("password"))?;
            state.portal.login(&username, &password, None, &origin, SessionKind::Api).await?
        }
        "persisted" => {
            let token = crate::http::downloads::session_token(&headers, state.session_cookie_name)
                .ok_or(AuthError::Unauthenticated)?;
            let user = state.portal.authenticate(&token).await?;
            state.portal.issue_api_session(user.person_id, &origin).await?
        }
        "password_recovery_token" => {
            let token = request.access_token.ok_or_else(|| missing("access_token"))?;
            let (challenge, code) = token.split_once(':').ok_or(AuthError::InvalidCode)?;
            state.portal.login_with_code(challenge, code, None, &origin, SessionKind::Api).await?
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "grant_type_invalido",
                "grant_type deve ser password, persisted ou password_recovery_token.",
            ))
        }
    };
    Ok(Json(
        json!({ "access_token": session.token, "token_type": "Bearer", "expires_at": session.expires_at }),
    ))
}

/// Ends the session behind the token: the token stops working at once.
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    state.portal.revoke_api_token(bearer(&headers)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The buyer's contracts with unit, empreendimento and payment position.
async fn contracts(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<PageQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let property = state.portal.my_property(user.person_id).await?;
    let items = property.contracts.iter().map(|contract| json!(contract)).collect();
    Ok(Json(Page::of(query.pagina, query.por_pagina).answer("contratos", items)))
}

/// Seed 001's registration body. Numbers may come as JSON numbers or strings.
#[derive(Deserialize)]
struct Registration {
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

#[derive(Deserialize)]
struct Telephone {
    #[serde(default)]
    ddd: serde_json::Value,
    #[serde(default)]
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

/// Creates a buyer account (open registration) and answers a token for it, 201.
async fn register(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<Registration>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
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
    let session = state.portal.register(&form, &origin, SessionKind::Api).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": session.user.person_id,
            "access_token": session.token,
            "token_type": "Bearer",
            "expires_at": session.expires_at,
        })),
    ))
}

#[derive(Deserialize)]
struct ExistsQuery {
    value: Option<String>,
}

/// Seed 001's duplicate check: `{type}` is `email` or `document1`; the value comes as
/// `?value=` or in a JSON body `{"value": …}` (the seed sends a body with GET).
async fn exists(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    axum::extract::Path(kind): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<ExistsQuery>,
    raw_body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let exists_kind = ExistsKind::from_code(&kind).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "tipo_invalido",
            "Tipo inválido: use \"email\" ou \"document1\".",
        )
    })?;
    let from_body = || serde_json::from_slice::<ExistsQuery>(&raw_body).ok().and_then(|parsed| parsed.value);
    let value = query.value.or_else(from_body).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "requisicao_invalida",
            "Informe \"value\" (na URL ou no corpo JSON).",
        )
    })?;
    let exists = match state.portal.check_availability(exists_kind, &value, &origin).await? {
        Availability::Available => false,
        Availability::Taken(_) => true,
        Availability::Invalid(message) => {
            return Err(ApiError::invalid_fields(vec![FieldError { field: exists_kind.field(), message }]))
        }
    };
    Ok(Json(json!({ "type": kind, "exists": exists })))
}

#[derive(Deserialize)]
struct BoletoQuery {
    situacao: Option<String>,
    contrato: Option<String>,
    ano: Option<String>,
    pagina: Option<usize>,
    por_pagina: Option<usize>,
}

const MAX_PAGE_SIZE: usize = 100;

fn installment_json(line: &InstallmentLine) -> serde_json::Value {
    json!({
        "id": line.id,
        "contrato_id": line.contract_id,
        "contrato": line.contract_number,
        "parcela": line.number,
        "tipo": line.kind,
        "vencimento": line.due_iso,
        "valor_centavos": line.amount.0,
        "situacao": line.status.code(),
        "pago_em": line.paid_on,
        "valor_pago_centavos": line.paid_amount.map(|amount| amount.0),
        "link": format!("/api/v1/boleto/{}", line.id),
    })
}

/// The caller's boletos (installments) with their status; `situacao` (`em-aberto`, `vencidas`,
/// `pagas`), `contrato` and `ano` filter; `pagina` / `por_pagina` (up to 100) paginate.
async fn boletos(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<BoletoQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let filter = InstallmentFilter::from_query(
        query.situacao.as_deref(),
        query.contrato.as_deref(),
        query.ano.as_deref(),
    );
    let overview = state.portal.my_installments(user.person_id, &filter).await?;
    let items = overview.installments.iter().map(installment_json).collect();
    Ok(Json(Page::of(query.pagina, query.por_pagina).answer("boletos", items)))
}

/// `pagina` (from 1) and `por_pagina` (50 by default, at most 100) of a list answer.
struct Page {
    number: usize,
    size: usize,
}

impl Page {
    fn of(number: Option<usize>, size: Option<usize>) -> Self {
        Self { number: number.unwrap_or(1).max(1), size: size.unwrap_or(50).clamp(1, MAX_PAGE_SIZE) }
    }

    /// `{"<list>": [this page], "pagina", "por_pagina", "total"}`.
    fn answer(&self, list: &str, items: Vec<serde_json::Value>) -> serde_json::Value {
        let total = items.len();
        let page: Vec<serde_json::Value> =
            items.into_iter().skip((self.number - 1) * self.size).take(self.size).collect();
        json!({ list: page, "pagina": self.number, "por_pagina": self.size, "total": total })
    }
}

#[derive(Deserialize)]
struct PageQuery {
    pagina: Option<usize>,
    por_pagina: Option<usize>,
}

fn record_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| PropertyError::NotFound.into())
}

/// One boleto of the caller, with linha digitável, barcode, PIX and the PDF's address.
async fn boleto(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let detail = state.portal.my_boleto(user.person_id, record_id(&id)?).await?;
    let mut body = installment_json(&detail.installment);
    let payment = detail.payment.as_ref();
    body["empreendimento"] = json!(detail.development_name);
    body["unidade"] = json!(detail.unit_label);
    body["linha_digitavel"] = json!(payment.map(|payment| payment.digitable_line.clone()));
    body["codigo_barras"] = json!(payment.map(|payment| payment.barcode.clone()));
    body["nosso_numero"] = json!(payment.map(|payment| payment.nosso_numero.clone()));
    body["pix_copia_e_cola"] = json!(payment.and_then(|payment| payment.pix_payload.clone()));
    body["beneficiario"] = json!(detail.beneficiary.as_ref().map(|beneficiary| json!({
        "nome": beneficiary.name,
        "cnpj": beneficiary.document,
        "banco": beneficiary.bank,
        "agencia_conta": beneficiary.agency_account,
    })));
    body["pdf"] = json!(format!("/api/v1/boleto/{}/pdf", detail.installment.id));
    Ok(Json(body))
}

/// The boleto's PDF for the partner to forward to the buyer.
async fn boleto_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let (file_name, pdf) = state.portal.my_boleto_pdf(user.person_id, record_id(&id)?).await?;
    Ok(crate::http::downloads::attachment("application/pdf", &file_name, pdf))
}

#[derive(Deserialize)]
struct DocumentQuery {
    tipo: Option<String>,
    pagina: Option<usize>,
    por_pagina: Option<usize>,
}

/// The documents the caller may see; `tipo` filters, `pagina` / `por_pagina` paginate.
async fn documents(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<DocumentQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let kind = query.tipo.filter(|kind| !kind.is_empty());
    let list = state.portal.my_documents(user.person_id, kind.as_deref()).await?;
    let all: Vec<serde_json::Value> = list
        .groups
        .iter()
        .flat_map(|group| group.documents.iter())
        .map(|document| {
            json!({
                "id": document.id,
                "tipo": document.kind,
                "titulo": document.title,
                "arquivo": document.file_name,
                "content_type": document.content_type,
                "tamanho_bytes": document.size_bytes,
                "publicado_em": document.published_on,
                "referente_a": document.context,
                "download": format!("/api/v1/documento/{}", document.id),
            })
        })
        .collect();
    Ok(Json(Page::of(query.pagina, query.por_pagina).answer("documentos", all)))
}

/// Downloads one of the caller's documents; anyone else's is 404.
async fn document(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let file = state.portal.my_document_file(user.person_id, record_id(&id)?).await?;
    Ok(crate::http::downloads::attachment_of(&file))
}

impl From<ProfileError> for ApiError {
    fn from(error: ProfileError) -> Self {
        match error {
            ProfileError::NotFound => PropertyError::NotFound.into(),
            ProfileError::Invalid(reason) => ApiError {
                message: reason,
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "dados_invalidos", "")
            },
            ProfileError::Store(store) => AuthError::Store(store).into(),
        }
    }
}

/// Seed 000 `GET /pessoa`: the caller's data and addresses.
async fn person(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let data = state.portal.my_data(user.person_id).await?;
    Ok(Json(json!({
        "id": user.person_id,
        "tipo": data.kind,
        "nome": data.name,
        "nome_fantasia": data.trade_name,
        "documento": data.document,
        "documento2": data.secondary_document,
        "data_nascimento": data.birth_date_iso,
        "genero": data.gender,
        "email": data.email,
        "telefone": data.phone,
        "telefone_confirmado": data.phone_verified,
        "enderecos": data.addresses.iter().map(|a| json!({
            "id": a.id, "tipo": a.label, "cep": a.cep, "logradouro": a.street, "numero": a.number,
            "complemento": a.complement, "bairro": a.district, "cidade": a.city, "uf": a.state,
        })).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct PersonUpdate {
    #[serde(default)]
    data_nascimento: Option<String>,
    #[serde(default)]
    genero: Option<String>,
    #[serde(default)]
    documento2: Option<String>,
}

/// Seed 000 `PUT /pessoa`: changes birth date, gender and RG/inscrição estadual (name,
/// documents, e-mail and phone are changed with the company); answers the updated data.
async fn update_person(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<PersonUpdate>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let request = body(payload)?;
    let current = state.portal.my_data(user.person_id).await?;
    let form = PersonalDataForm {
        birth_date: request.data_nascimento.or(current.birth_date_iso).unwrap_or_default(),
        gender: request.genero.or(current.gender).unwrap_or_default(),
        secondary_document: request.documento2.or(current.secondary_document).unwrap_or_default(),
    };
    state.portal.update_personal_data(user.person_id, &form).await?;
    person(State(state), headers).await
}

/// Seed 000 `GET /empreendimento`: the empreendimentos the caller buys in, with stage and
/// construction progress.
async fn developments(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let property = state.portal.my_property(user.person_id).await?;
    let items: Vec<serde_json::Value> = property
        .by_development()
        .into_iter()
        .map(|(development, contracts)| {
            json!({
                "id": development.id,
                "nome": development.name,
                "endereco": development.address,
                "cidade": development.city,
                "uf": development.state,
                "estagio": development.stage.label(),
                "obra_percentual": development.progress_percent,
                "etapas": development.stages.iter().map(|stage| json!({ "nome": stage.name, "percentual": stage.percent })).collect::<Vec<_>>(),
                "fotos_total": development.photo_count,
                "fotos_recentes": development.recent_photos.iter().map(works::photo_json).collect::<Vec<_>>(),
                "fotos": format!("/api/v1/empreendimento/{}/foto", development.id),
                "entrega_prevista": development.expected_delivery,
                "entregue_em": development.delivered_on,
                "sindico": development.is_syndic,
                "contratos": contracts.iter().map(|contract| contract.number.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({ "empreendimentos": items })))
}

/// Seed 000 `GET /unidade`: the caller's units, each with its contract and empreendimento.
async fn units(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let property = state.portal.my_property(user.person_id).await?;
    let items: Vec<serde_json::Value> = property
        .contracts
        .iter()
        .map(|contract| {
            let unit = &contract.unit;
            json!({
                "id": unit.id,
                "descricao": unit.label(),
                "bloco": unit.block,
                "numero": unit.number,
                "andar": unit.floor,
                "tipo": unit.kind,
                "area_privativa": unit.private_area,
                "vagas": unit.parking_spaces,
                "empreendimento_id": contract.development.id,
                "empreendimento": contract.development.name,
                "contrato": contract.number,
            })
        })
        .collect();
    Ok(Json(json!({ "unidades": items })))
}
