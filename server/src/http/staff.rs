//! The back office's own routes (multipart replies with files, file downloads): each reads the
//! staff session cookie (never the buyer's) and calls a staff use case, which checks the role
//! and the scope.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use portal::auth::RequestOrigin;
use portal::messages::MessageDraft;
use portal::staff::{CurrentStaff, StaffError};
use portal_app::api::staff::messages::STAFF_REPLY_DRAFT_FORM;
use portal_app::context::ClientIp;

use super::files::{attachment_of, plain, unavailable};
use super::messages::{read_form, MessageFields, MessageForm, MESSAGE_BODY_LIMIT};
use crate::http::AppState;

/// Every route here, with its method: the role matrix test covers each.
pub const ROUTES: [(&str, &str); 2] =
    [("POST", "/equipe/mensagens/{id}/responder"), ("GET", "/equipe/mensagens/anexos/{id}")];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ROUTES[0].1, post(reply))
        .route(ROUTES[1].1, get(attachment))
        .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT))
}

const REPLY_FIELDS: MessageFields =
    MessageFields { subject: "subject", body: "body", contract: "contract", files: "attachments" };

pub(super) fn origin_of(headers: &HeaderMap, ip: Option<Extension<ClientIp>>) -> RequestOrigin {
    RequestOrigin {
        ip: ip.map(|Extension(ip)| ip.0),
        user_agent: headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(|agent| agent.chars().take(300).collect()),
    }
}

/// The signed-in staff user, or the response to send instead: the staff sign-in coming back
/// to `back`, or 503.
pub(super) async fn signed_in_staff(
    state: &AppState,
    headers: &HeaderMap,
    origin: &RequestOrigin,
    back: &str,
) -> Result<CurrentStaff, Response> {
    let staff = match state.session_cookie.staff_token(headers) {
        Some(token) => state.portal.authenticate_staff(&token, origin).await,
        None => Err(StaffError::Unauthenticated),
    };
    match staff {
        Ok(staff) => Ok(staff),
        Err(StaffError::Unauthenticated) => Err(Redirect::to(&format!(
            "/equipe/entrar?proximo={}",
            utf8_percent_encode(back, NON_ALPHANUMERIC)
        ))
        .into_response()),
        Err(error) => {
            tracing::error!(%error, "store failure authenticating staff");
            Err(unavailable())
        }
    }
}

/// The answer to a staff use case's refusal that is not a form rule.
pub(super) fn refusal(error: StaffError, what: &'static str) -> Response {
    match error {
        StaffError::Forbidden => plain(
            StatusCode::FORBIDDEN,
            "Seu perfil na equipe não permite esta ação. Peça a um administrador, se precisar.",
        ),
        StaffError::NotFound => plain(StatusCode::NOT_FOUND, what),
        error => {
            tracing::error!(%error, "staff action failed");
            unavailable()
        }
    }
}

async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/equipe/mensagens/{id}");
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, &page).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(thread_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Conversa não encontrada.");
    };
    let form = match read_form(multipart, &REPLY_FIELDS).await {
        Ok(form) => form,
        Err(reason) => {
            return back_with_draft(&state, &headers, &page, &MessageForm::default(), reason).await
        }
    };
    match state.portal.staff_reply(&staff, thread_id, &form.body, &form.files).await {
        Ok(()) => Redirect::to(&format!("{page}?enviada=1")).into_response(),
        Err(StaffError::Invalid(reason)) => back_with_draft(&state, &headers, &page, &form, reason).await,
        Err(error) => refusal(error, "Conversa não encontrada."),
    }
}

/// Sends a refused reply back to its page with its text (never the files) and the reason, in a
/// draft only this staff session can read.
async fn back_with_draft(
    state: &AppState,
    headers: &HeaderMap,
    page: &str,
    form: &MessageForm,
    error: String,
) -> Response {
    let Some(owner) = state.session_cookie.staff_draft_owner(headers) else {
        return unavailable();
    };
    let draft = MessageDraft {
        body: form.body.clone(),
        error: format!("{error} Selecione os arquivos de novo, se houver."),
        ..MessageDraft::default()
    };
    match state.portal.keep_draft(STAFF_REPLY_DRAFT_FORM, &owner, &draft).await {
        Ok(id) => Redirect::to(&format!("{page}?rascunho={id}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not keep a reply draft");
            unavailable()
        }
    }
}

async fn attachment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/mensagens").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(attachment_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Anexo não encontrado.");
    };
    match state.portal.staff_message_attachment(&staff, attachment_id).await {
        Ok(file) => attachment_of(&file),
        Err(error) => refusal(error, "Anexo não encontrado."),
    }
}
