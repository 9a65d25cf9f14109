//! Seed 000's sign-in endpoints (password, síndico, one-time code, password reset, first
//! access, logout) and seed 001's token grant. Each answers a token tied to a server-side
//! session, or a challenge that the code comes back with.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use portal::auth::account::PasswordChangeError;
use portal::auth::codes::{CodeChallenge, CodePurpose};
use portal::auth::{AuthError, NewSession, RequestOrigin, SessionKind};
use portal::notifications::Channel;
use serde::{Deserialize, Serialize};

use super::error::{body, ApiError, ErrorBody, Refusals};
use super::extract::{bearer, ClientOrigin};
use crate::http::AppState;
use utoipa::ToSchema;

/// A token answer: `{"token", "tipo": "Bearer", "expira_em", "pessoa": {"id", "nome", "sindico"}}`.
#[derive(Serialize, ToSchema)]
pub(super) struct TokenAnswer {
    token: String,
    tipo: &'static str,
    expira_em: i64,
    pessoa: TokenPerson,
}

#[derive(Serialize, ToSchema)]
struct TokenPerson {
    id: i64,
    nome: String,
    sindico: bool,
}

impl From<NewSession> for TokenAnswer {
    fn from(session: NewSession) -> Self {
        Self {
            token: session.token,
            tipo: "Bearer",
            expira_em: session.expires_at,
            pessoa: TokenPerson {
                id: session.user.person_id,
                nome: session.user.name,
                sindico: session.user.is_syndic,
            },
        }
    }
}

/// 202 after a code was (or, for unknown accounts, seemed to be) sent.
#[derive(Serialize, ToSchema)]
pub(super) struct ChallengeAnswer {
    desafio: String,
    expira_em: i64,
    mensagem: &'static str,
}

impl ChallengeAnswer {
    pub(super) fn accepted(challenge: CodeChallenge, mensagem: &'static str) -> (StatusCode, Json<Self>) {
        (
            StatusCode::ACCEPTED,
            Json(Self { desafio: challenge.id, expira_em: challenge.expires_at, mensagem }),
        )
    }
}

#[derive(Deserialize, ToSchema)]
pub(super) struct PasswordLogin {
    /// E-mail, CPF or CNPJ (`email` is accepted as the seed calls it).
    #[serde(alias = "email")]
    login: String,
    senha: String,
}

#[utoipa::path(post, path = "/autenticacao", tag = "Autenticação", request_body = PasswordLogin,
    responses((status = 200, description = "Token da sessão", body = TokenAnswer),
        (status = 401, description = "Login ou senha incorretos (`credenciais_invalidas`)", body = ErrorBody),
        (status = 403, description = "E-mail ainda não confirmado (`email_nao_confirmado`, com `desafio`)", body = ErrorBody),
        Refusals))]
/// Entra com e-mail, CPF ou CNPJ e senha.
pub(super) async fn password_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<PasswordLogin>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    let request = body(payload)?;
    let session = state.portal.login(&request.login, &request.senha, None, &origin, SessionKind::Api).await?;
    Ok(Json(session.into()))
}

#[utoipa::path(post, path = "/autenticacao/sindico", tag = "Autenticação", request_body = PasswordLogin,
    responses((status = 200, description = "Token da sessão", body = TokenAnswer),
        (status = 401, description = "Login ou senha incorretos", body = ErrorBody),
        (status = 403, description = "Não é síndico de empreendimento (`nao_sindico`) ou e-mail não confirmado", body = ErrorBody),
        Refusals))]
/// Entra como síndico de um empreendimento entregue.
pub(super) async fn syndic_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<PasswordLogin>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    let request = body(payload)?;
    let session =
        state.portal.login_syndic(&request.login, &request.senha, None, &origin, SessionKind::Api).await?;
    Ok(Json(session.into()))
}

#[derive(Deserialize, ToSchema)]
pub(super) struct CodeRequest {
    /// E-mail, CPF or CNPJ (`cpf` and `email` are accepted too).
    #[serde(alias = "cpf", alias = "email")]
    login: String,
    /// `email` (default) or `sms`.
    #[serde(default)]
    canal: Option<String>,
}

#[utoipa::path(post, path = "/codigo-verificacao", tag = "Autenticação", request_body = CodeRequest,
    responses((status = 202, description = "Código enviado (a mesma resposta quando não há cadastro)", body = ChallengeAnswer),
        Refusals))]
/// Pede um código de 6 dígitos para entrar, por e-mail ou SMS.
pub(super) async fn request_code(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let request = body(payload)?;
    let channel = channel_of(request.canal.as_deref())?;
    let challenge = state.portal.request_login_code(&request.login, channel, &origin).await?;
    Ok(ChallengeAnswer::accepted(
        challenge,
        "Se houver um cadastro com esses dados, um código de 6 dígitos foi enviado.",
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

#[derive(Deserialize, ToSchema)]
pub(super) struct CodeValidation {
    desafio: String,
    codigo: String,
}

#[utoipa::path(post, path = "/validar-autenticacao", tag = "Autenticação", request_body = CodeValidation,
    responses((status = 200, description = "Token da sessão", body = TokenAnswer),
        (status = 401, description = "Código inválido ou expirado (`codigo_invalido`)", body = ErrorBody),
        Refusals))]
/// Entra com o código recebido e o `desafio` a que ele pertence.
pub(super) async fn validate_code(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeValidation>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    let request = body(payload)?;
    let session = state
        .portal
        .login_with_code(&request.desafio, &request.codigo, None, &origin, SessionKind::Api)
        .await?;
    Ok(Json(session.into()))
}

#[derive(Deserialize, ToSchema)]
pub(super) struct ResetRequest {
    #[serde(alias = "cpf", alias = "email")]
    login: String,
}

async fn password_code(
    state: AppState,
    origin: RequestOrigin,
    login: &str,
    channel: Channel,
    purpose: CodePurpose,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let challenge = state.portal.request_password_code(login, channel, purpose, &origin).await?;
    Ok(ChallengeAnswer::accepted(
        challenge,
        "Se houver um cadastro com esses dados, um código para criar a nova senha foi enviado.",
    ))
}

#[utoipa::path(post, path = "/resetar-senha-email", tag = "Autenticação", request_body = ResetRequest,
    responses((status = 202, description = "Código enviado (a mesma resposta quando não há cadastro)", body = ChallengeAnswer),
        Refusals))]
/// Pede por e-mail um código para criar uma nova senha.
pub(super) async fn reset_by_email(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let request = body(payload)?;
    password_code(state, origin, &request.login, Channel::Email, CodePurpose::PasswordReset).await
}

#[utoipa::path(post, path = "/resetar-senha-sms", tag = "Autenticação", request_body = ResetRequest,
    responses((status = 202, description = "Código enviado (a mesma resposta quando não há cadastro)", body = ChallengeAnswer),
        Refusals))]
/// Pede por SMS um código para criar uma nova senha.
pub(super) async fn reset_by_sms(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<ResetRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let request = body(payload)?;
    password_code(state, origin, &request.login, Channel::Sms, CodePurpose::PasswordReset).await
}

#[derive(Deserialize, ToSchema)]
pub(super) struct CodeCompletion {
    desafio: String,
    codigo: String,
    senha: String,
}

#[utoipa::path(post, path = "/resetar-senha", summary = "Cria a nova senha com o código; responde um token como um login (as outras sessões acabam).", tag = "Autenticação", request_body = CodeCompletion,
    responses((status = 200, description = "Senha trocada; token da sessão", body = TokenAnswer),
        (status = 401, description = "Código inválido ou expirado", body = ErrorBody),
        (status = 422, description = "A senha não atende às regras (`senha_invalida`)", body = ErrorBody),
        Refusals))]
/// Sets the new password with the code; answers a token like a login.
pub(super) async fn reset_complete(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeCompletion>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    complete_with_code(state, origin, body(payload)?, CodePurpose::PasswordReset).await
}

#[derive(Deserialize, ToSchema)]
pub(super) struct FirstAccessRequest {
    #[serde(alias = "cpf", alias = "cnpj", alias = "documento", alias = "email")]
    login: String,
    /// `email` (default) or `sms`.
    #[serde(default)]
    canal: Option<String>,
}

#[utoipa::path(post, path = "/primeiro-acesso", summary = "Primeiro acesso de um comprador cadastrado pela equipe: um código para criar a senha, por e-mail ou SMS; a mesma resposta exista ou não a conta.", tag = "Autenticação", request_body = FirstAccessRequest,
    responses((status = 202, description = "Código enviado (a mesma resposta quando não há cadastro)", body = ChallengeAnswer),
        Refusals))]
/// First access of a buyer provisioned by staff: a code to create the password, by e-mail or
/// SMS; the same answer whether or not the account exists.
pub(super) async fn first_access_request(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<FirstAccessRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let request = body(payload)?;
    let channel = channel_of(request.canal.as_deref())?;
    password_code(state, origin, &request.login, channel, CodePurpose::FirstAccess).await
}

#[utoipa::path(post, path = "/primeiro-acesso/senha", summary = "Cria a primeira senha com o código; responde um token como um login.", tag = "Autenticação", request_body = CodeCompletion,
    responses((status = 200, description = "Senha criada; token da sessão", body = TokenAnswer),
        (status = 401, description = "Código inválido ou expirado", body = ErrorBody),
        (status = 422, description = "A senha não atende às regras (`senha_invalida`)", body = ErrorBody),
        Refusals))]
/// Creates the first password with the code; answers a token like a login.
pub(super) async fn first_access_complete(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<CodeCompletion>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    complete_with_code(state, origin, body(payload)?, CodePurpose::FirstAccess).await
}

async fn complete_with_code(
    state: AppState,
    origin: RequestOrigin,
    request: CodeCompletion,
    purpose: CodePurpose,
) -> Result<Json<TokenAnswer>, ApiError> {
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
        .map_err(|error| password_error(error, AuthError::InvalidCode.into()))?;
    Ok(Json(session.into()))
}

/// A refused new password: 422 `senha_invalida` with the rule; `wrong` for a wrong current
/// password or code.
pub(super) fn password_error(error: PasswordChangeError, wrong: ApiError) -> ApiError {
    match error {
        PasswordChangeError::Rule(rule) => ApiError {
            message: rule.to_string(),
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "senha_invalida", "")
        },
        PasswordChangeError::WrongCurrentPassword => wrong,
        PasswordChangeError::Auth(auth) => auth.into(),
    }
}

/// Seed 001's token request. `scope`, `client_id` and `client_secret` are accepted and
/// ignored: partners are identified by their API keys, not by these fields.
#[derive(Deserialize, ToSchema)]
pub(super) struct TokenGrant {
    grant_type: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    /// For `password_recovery_token`: `"<desafio>:<codigo>"` from `/codigo-verificacao`.
    #[serde(default)]
    access_token: Option<String>,
}

/// Seed 001's token answer.
#[derive(Serialize, ToSchema)]
pub(super) struct GrantAnswer {
    access_token: String,
    token_type: &'static str,
    expires_at: i64,
}

#[utoipa::path(post, path = "/identification/authenticated-user", summary = "Token da seed 001: `grant_type` `password` (username e password), `persisted` (o cookie de sessão deste site) ou `password_recovery_token` (`desafio:codigo`).", tag = "Cadastro e conta", request_body = TokenGrant,
    responses((status = 200, description = "Token (seed 001)", body = GrantAnswer),
        (status = 401, description = "Credenciais, sessão ou código inválidos", body = ErrorBody),
        (status = 403, description = "E-mail ainda não confirmado", body = ErrorBody),
        Refusals))]
/// `grant_type` `password` (username + password), `persisted` (the browser session cookie of
/// this site) or `password_recovery_token` (a one-time code, seed 001's "type 2" temporary
/// login); answers `{"access_token": "<JWT>"}` like the seed.
pub(super) async fn token_grant(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    payload: Result<Json<TokenGrant>, JsonRejection>,
) -> Result<Json<GrantAnswer>, ApiError> {
    let request = body(payload)?;
    let missing = |field: &'static str| ApiError::bad_request(format!("Campo obrigatório ausente: {field}."));
    let session = match request.grant_type.as_str() {
        "password" => {
            let username = request.username.ok_or_else(|| missing("username"))?;
            let password = request.password.ok_or_else(|| missing("password"))?;
            state.portal.login(&username, &password, None, &origin, SessionKind::Api).await?
        }
        "persisted" => {
            let token = state.session_cookie.token(&headers).ok_or(AuthError::Unauthenticated)?;
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
    Ok(Json(GrantAnswer::of(session)))
}

impl GrantAnswer {
    pub(super) fn of(session: NewSession) -> Self {
        Self { access_token: session.token, token_type: "Bearer", expires_at: session.expires_at }
    }
}

#[utoipa::path(post, path = "/sair", summary = "Encerra a sessão do token: ele para de valer na hora.", tag = "Autenticação", security(("comprador" = [])),
    responses((status = 204, description = "Sessão encerrada: o token deixa de valer"),
        (status = 401, description = "Token ausente ou inválido", body = ErrorBody),
        Refusals))]
/// Ends the session behind the token: the token stops working at once.
pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    state.portal.revoke_api_token(bearer(&headers)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
