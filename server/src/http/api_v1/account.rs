//! Seed 001's account endpoints: persisting the partner token as this site's browser session
//! (and forgetting it), password recovery by e-mail code, and a new password for the caller.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal::auth::codes::CodePurpose;
use portal::auth::AuthError;
use portal::notifications::Channel;
use serde::Deserialize;

use super::auth::{password_error, ChallengeAnswer, GrantAnswer};
use super::error::{body, ApiError, BuyerRefusals, ErrorBody, Refusals};
use super::extract::{Caller, ClientOrigin};
use super::people::own_client;
use crate::http::AppState;
use utoipa::ToSchema;

#[utoipa::path(post, path = "/identification/persist-login", summary = "Dá ao navegador o cookie de sessão deste site para a pessoa do token (a sessão que ele tinha acaba).", tag = "Cadastro e conta", security(("comprador" = [])),
    responses((status = 204, description = "O navegador recebe o cookie de sessão deste site",
            headers(("Set-Cookie" = String, description = "O cookie da sessão do navegador"))),
        BuyerRefusals, Refusals))]
/// `persist-login`: the caller's browser gets this site's session cookie for the person behind
/// the bearer token (the cookie it had is ended). 204.
pub(super) async fn persist_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    Caller(user): Caller,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let previous = state.session_cookie.token(&headers);
    let session = state.portal.persist_login(user.person_id, previous.as_deref(), &origin).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(cookie) = state.session_cookie.set(session.token, session.cookie_max_age) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

#[utoipa::path(post, path = "/identification/forget-login", summary = "Encerra a sessão deste navegador da mesma pessoa e remove o cookie; o token do parceiro continua valendo.", tag = "Cadastro e conta", security(("comprador" = [])),
    responses((status = 204, description = "A sessão deste navegador acabou e o cookie foi removido"),
        BuyerRefusals, Refusals))]
/// `forget-login`: ends this browser's session of the same person and removes the cookie; the
/// bearer token stays valid (it is the partner's, `POST /sair` ends it). 204.
pub(super) async fn forget_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    Caller(user): Caller,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = state.session_cookie.token(&headers) {
        state.portal.forget_browser_session(user.person_id, &token, &origin).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(removal) = state.session_cookie.removal() {
        response.headers_mut().append(SET_COOKIE, removal);
    }
    Ok(response)
}

#[derive(Deserialize, ToSchema)]
pub(super) struct RecoveryTokenRequest {
    email: String,
    /// 1: a code to create a new password; 2: a code to sign in (`password_recovery_token`).
    #[serde(rename = "type")]
    #[schema(value_type = i64, minimum = 1, maximum = 2)]
    kind: serde_json::Value,
}

#[utoipa::path(post, path = "/identification/password-recovery/token", summary = "Envia por e-mail um código de 6 dígitos: tipo 1 para criar nova senha, tipo 2 para entrar; a mesma resposta exista ou não a conta.", tag = "Cadastro e conta", request_body = RecoveryTokenRequest,
    responses((status = 202, description = "Código enviado (a mesma resposta quando não há cadastro)", body = ChallengeAnswer),
        Refusals))]
/// `password-recovery/token`: a 6-digit code by e-mail; 202 with the `desafio` it belongs to, the
/// same whether or not the account exists.
pub(super) async fn recovery_token(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<RecoveryTokenRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ChallengeAnswer>), ApiError> {
    let request = body(payload)?;
    let kind = match &request.kind {
        serde_json::Value::Number(number) => number.as_i64(),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    };
    let portal = &state.portal;
    let (challenge, message) = match kind {
        Some(1) => (
            portal
                .request_password_code(&request.email, Channel::Email, CodePurpose::PasswordReset, &origin)
                .await?,
            "Se houver um cadastro com esse e-mail, um código para criar a nova senha foi enviado.",
        ),
        Some(2) => (
            portal.request_login_code(&request.email, Channel::Email, &origin).await?,
            "Se houver um cadastro com esse e-mail, um código para entrar foi enviado.",
        ),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "tipo_invalido",
                "type deve ser 1 (criar nova senha) ou 2 (entrar com código temporário).",
            ))
        }
    };
    Ok(ChallengeAnswer::accepted(challenge, message))
}

#[derive(Deserialize, ToSchema)]
pub(super) struct RecoveryRequest {
    password: String,
    /// `"<desafio>:<codigo>"`: the code is bound to the challenge it was sent for.
    token: String,
}

#[utoipa::path(post, path = "/identification/password-recovery", summary = "Cria a nova senha com o código do tipo 1; as outras sessões acabam e a resposta é um token.", tag = "Cadastro e conta", request_body = RecoveryRequest,
    responses((status = 200, description = "Senha trocada; token", body = GrantAnswer),
        (status = 401, description = "Código inválido ou expirado", body = ErrorBody),
        (status = 422, description = "A senha não atende às regras (`senha_invalida`)", body = ErrorBody),
        Refusals))]
/// `password-recovery`: the new password with the type 1 code; every other session ends, and
/// the answer is a token like seed 001's grants.
pub(super) async fn recovery(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    payload: Result<Json<RecoveryRequest>, JsonRejection>,
) -> Result<Json<GrantAnswer>, ApiError> {
    let request = body(payload)?;
    let (challenge, code) = request.token.trim().split_once(':').ok_or(AuthError::InvalidCode)?;
    let session = state
        .portal
        .set_password_with_code(
            challenge,
            code,
            CodePurpose::PasswordReset,
            &request.password,
            &request.password,
            &origin,
            portal::auth::SessionKind::Api,
        )
        .await
        .map_err(|error| password_error(error, AuthError::InvalidCode.into()))?;
    Ok(Json(GrantAnswer::of(session)))
}

#[derive(Deserialize, ToSchema)]
pub(super) struct NewPassword {
    password: String,
    /// Beyond the seed: the current password, so a stolen token cannot take the account over.
    #[serde(default)]
    current_password: Option<String>,
}

#[utoipa::path(post, path = "/account/clients/{client}/passwords", summary = "Troca a senha da própria pessoa (a senha atual é exigida); ela é avisada por e-mail.", tag = "Cadastro e conta", security(("comprador" = [])),
    params(("client" = i64, Path, description = "O id da própria pessoa (o de outra é 404)")),
    request_body = NewPassword,
    responses((status = 204, description = "Senha trocada; a pessoa é avisada por e-mail"),
        (status = 422, description = "Senha atual ausente ou incorreta, ou a nova fora das regras", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// `POST /account/clients/{client}/passwords`: the caller's new password (the current one is
/// required); the person is told by e-mail. 204.
pub(super) async fn new_password(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    Path(client): Path<String>,
    Caller(user): Caller,
    payload: Result<Json<NewPassword>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    own_client(&client, &user)?;
    let request = body(payload)?;
    let current = request.current_password.filter(|current| !current.is_empty()).ok_or_else(|| {
        let mut fields = serde_json::Map::new();
        fields.insert("current_password".into(), "Informe a senha atual.".into());
        ApiError {
            fields: Some(fields),
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "dados_invalidos",
                "Dados inválidos: veja a mensagem de cada campo em \"campos\".",
            )
        }
    })?;
    let wrong = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "senha_atual_incorreta",
        "A senha atual está incorreta.",
    );
    state
        .portal
        .change_password(user.person_id, &current, &request.password, &request.password, None, &origin)
        .await
        .map_err(|error| password_error(error, wrong))?;
    Ok(StatusCode::NO_CONTENT)
}
