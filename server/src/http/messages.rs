//! Sending messages with files: plain multipart form posts (the same with and without
//! JavaScript), answered with a redirect; a refused message comes back to its form with its
//! text kept (never the files) and the reason.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use portal::messages::{Attachment, MessageDraft, MessageError, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES};
use portal_app::api::messages::MESSAGE_DRAFT_FORM;

use super::browser_session::signed_in;
use super::files::{attachment_of, plain, unavailable};
use crate::http::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mensagens/enviar", post(new_thread))
        .route("/mensagens/{id}/responder", post(reply))
        .route("/mensagens/anexos/{id}", get(attachment))
        // Larger bodies are refused early.
        .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT))
}

/// The text fields and the files of a message form.
#[derive(Default)]
pub(crate) struct MessageForm {
    pub subject: String,
    pub body: String,
    pub contract: String,
    pub files: Vec<Attachment>,
}

/// The names a multipart message uses for its parts.
pub(crate) struct MessageFields {
    pub subject: &'static str,
    pub body: &'static str,
    pub contract: &'static str,
    pub files: &'static str,
}

/// The portal's own forms.
const PAGE_FIELDS: MessageFields =
    MessageFields { subject: "subject", body: "body", contract: "contract", files: "attachments" };

/// The largest multipart body a message may have: the largest allowed files plus the text.
pub(crate) const MESSAGE_BODY_LIMIT: usize = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024;

/// Reads a multipart message; an over-limit or broken body is the sentence to show.
pub(crate) async fn read_form(
    mut multipart: Multipart,
    names: &MessageFields,
) -> Result<MessageForm, String> {
    let too_big = || {
        format!(
            "Os arquivos passam do limite: até {MAX_ATTACHMENTS} arquivos de {} MB cada.",
            MAX_ATTACHMENT_BYTES / (1024 * 1024)
        )
    };
    let mut form = MessageForm::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == names.files {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| too_big())?;
            form.files.push(Attachment { file_name, bytes: bytes.to_vec() });
            continue;
        }
        let target = if name == names.subject {
            &mut form.subject
        } else if name == names.body {
            &mut form.body
        } else if name == names.contract {
            &mut form.contract
        } else {
            continue;
        };
        *target = field.text().await.map_err(|_| too_big())?;
    }
    Ok(form)
}

/// Sends a refused form back to `page` with its text and the reason.
/// Only the session that sent the form can read the draft (the handlers run signed in).
async fn back_with_draft(
    state: &AppState,
    headers: &HeaderMap,
    page: &str,
    form: &MessageForm,
    error: String,
) -> Response {
    let owner = state.session_cookie.draft_owner(headers).unwrap_or_else(portal::drafts::new_draft_key);
    let draft = MessageDraft {
        subject: form.subject.clone(),
        body: form.body.clone(),
        contract: form.contract.clone(),
        error: format!("{error} Selecione os arquivos de novo, se houver."),
    };
    match state.portal.keep_draft(MESSAGE_DRAFT_FORM, &owner, &draft).await {
        Ok(id) => Redirect::to(&format!("{page}?rascunho={id}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not keep a message draft");
            unavailable()
        }
    }
}

/// What became of a message: sent (to this thread), refused (why), or failed (the answer).
enum Outcome {
    Sent(i64),
    Refused(String),
    Failed(Response),
}

fn outcome(result: Result<i64, MessageError>) -> Outcome {
    match result {
        Ok(thread) => Outcome::Sent(thread),
        Err(MessageError::Invalid(reason)) => Outcome::Refused(reason),
        Err(MessageError::NotFound) => {
            Outcome::Failed(plain(StatusCode::NOT_FOUND, "Conversa não encontrada."))
        }
        Err(error) => {
            tracing::error!(%error, "could not send a message");
            Outcome::Failed(unavailable())
        }
    }
}

async fn new_thread(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let user = match signed_in(&state, &headers, "/mensagens/nova").await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let form = match read_form(multipart, &PAGE_FIELDS).await {
        Ok(form) => form,
        Err(reason) => {
            return back_with_draft(&state, &headers, "/mensagens/nova", &MessageForm::default(), reason)
                .await
        }
    };
    let contract = form.contract.parse::<i64>().ok();
    let result =
        state.portal.start_thread(user.person_id, contract, &form.subject, &form.body, &form.files).await;
    match outcome(result) {
        Outcome::Sent(thread) => Redirect::to(&format!("/mensagens/{thread}?enviada=1")).into_response(),
        Outcome::Refused(reason) => back_with_draft(&state, &headers, "/mensagens/nova", &form, reason).await,
        Outcome::Failed(response) => response,
    }
}

async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/mensagens/{id}");
    let user = match signed_in(&state, &headers, &page).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let Ok(thread_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Conversa não encontrada.");
    };
    let form = match read_form(multipart, &PAGE_FIELDS).await {
        Ok(form) => form,
        Err(reason) => {
            return back_with_draft(&state, &headers, &page, &MessageForm::default(), reason).await
        }
    };
    let result = state
        .portal
        .reply_to_thread(user.person_id, thread_id, &form.body, &form.files)
        .await
        .map(|()| thread_id);
    match outcome(result) {
        Outcome::Sent(thread) => Redirect::to(&format!("/mensagens/{thread}?enviada=1")).into_response(),
        Outcome::Refused(reason) => back_with_draft(&state, &headers, &page, &form, reason).await,
        Outcome::Failed(response) => response,
    }
}

async fn attachment(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let user = match signed_in(&state, &headers, "/mensagens").await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let Ok(attachment_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Anexo não encontrado.");
    };
    match state.portal.my_attachment(user.person_id, attachment_id).await {
        Ok(file) => attachment_of(&file),
        Err(MessageError::NotFound) => plain(StatusCode::NOT_FOUND, "Anexo não encontrado."),
        Err(error) => {
            tracing::error!(%error, "could not read an attachment");
            unavailable()
        }
    }
}
