//! Seed 000's `POST /autenticacao-externa/{origem}`: a signed assertion from an origem the
//! company trusts, for a token like `/autenticacao`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use portal::partners::ExternalLoginError;
use serde::Deserialize;

use super::auth::TokenAnswer;
use super::error::{body, ApiError, ErrorBody, Refusals};
use super::extract::ClientOrigin;
use crate::http::AppState;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub(super) struct ExternalLogin {
    /// The JWT (`token` and `jwt` are accepted too).
    #[serde(alias = "token", alias = "jwt")]
    assertion: String,
}

#[utoipa::path(post, path = "/autenticacao-externa/{origem}", tag = "Parceiros: login externo",
    params(("origem" = String, Path, description = "A origem cadastrada pela construtora")),
    request_body = ExternalLogin,
    responses((status = 200, description = "Token da sessão do comprador", body = TokenAnswer),
        (status = 401, description = "Asserção inválida, expirada ou já usada (`assercao_invalida`)", body = ErrorBody),
        (status = 403, description = "O comprador não pode entrar (e-mail não confirmado)", body = ErrorBody),
        (status = 404, description = "Origem desconhecida (`origem_desconhecida`)", body = ErrorBody),
        Refusals))]
/// Entra com uma asserção JWT assinada por uma origem em que a construtora confia.
pub(super) async fn external_login(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    Path(slug): Path<String>,
    payload: Result<Json<ExternalLogin>, JsonRejection>,
) -> Result<Json<TokenAnswer>, ApiError> {
    let request = body(payload)?;
    let session =
        state.portal.login_external(&slug, &request.assertion, &origin).await.map_err(
            |error| match error {
                ExternalLoginError::UnknownOrigin => ApiError::new(
                    StatusCode::NOT_FOUND,
                    "origem_desconhecida",
                    "Origem de login externo desconhecida.",
                ),
                ExternalLoginError::Invalid(reason) => {
                    ApiError::new(StatusCode::UNAUTHORIZED, "assercao_invalida", reason)
                }
                ExternalLoginError::Auth(error) => error.into(),
                ExternalLoginError::Store(error) => portal::auth::AuthError::Store(error).into(),
            },
        )?;
    Ok(Json(session.into()))
}
