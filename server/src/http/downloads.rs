//! Files a signed-in buyer downloads: authorised on every request by the session cookie (a
//! copied link does not work for anyone else, nor after logout), never cached.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use portal::auth::AuthError;
use portal::property::PropertyError;

use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/financeiro/boletos/{id}/pdf", get(boleto_pdf))
}

/// The session cookie's value, if the browser sent one.
pub(crate) fn session_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.to_string())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// A file as an attachment; `file_name` is made of ASCII letters, digits, `-` and `.` only.
pub(crate) fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    let safe: String =
        file_name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')).collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}

async fn boleto_pdf(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let here = format!("/financeiro/boletos/{id}");
    let user = match session_token(&headers, state.session_cookie_name) {
        Some(token) => state.portal.authenticate(&token).await,
        None => Err(AuthError::Unauthenticated),
    };
    let user = match user {
        Ok(user) => user,
        Err(AuthError::Store(error)) => {
            tracing::error!(%error, "store failure authenticating a download");
            return plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "O portal não conseguiu concluir agora. Tente novamente.",
            );
        }
        Err(_) => return Redirect::to(&format!("/entrar?proximo={here}")).into_response(),
    };
    let Ok(installment_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Boleto não encontrado.");
    };
    match state.portal.my_boleto_pdf(user.person_id, installment_id).await {
        Ok((file_name, pdf)) => attachment("application/pdf", &file_name, pdf),
        Err(PropertyError::NotFound) => plain(StatusCode::NOT_FOUND, "Boleto não encontrado."),
        Err(PropertyError::Store(error)) => {
            tracing::error!(%error, "store failure making a boleto PDF");
            plain(StatusCode::SERVICE_UNAVAILABLE, "O portal não conseguiu concluir agora. Tente novamente.")
        }
    }
}
