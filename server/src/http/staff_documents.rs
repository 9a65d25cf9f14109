//! Documents in the back office: publishing and replacing files (multipart, up to 20 MB) and
//! the files staff download, every version. Each checks the staff session; the use case checks
//! role and scope.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use portal::documents::{DocumentUploadDraft, NewDocumentUpload, DOCUMENT_DRAFT, MAX_DOCUMENT_BYTES};
use portal::staff::StaffError;
use portal_app::context::ClientIp;

use super::files::{attachment_of, plain, unavailable};
use super::staff::{origin_of, refusal, signed_in_staff};
use super::staff_photos::{read_upload_form, UploadForm};
use crate::http::AppState;

/// Every route here, with its method: the role matrix test covers each.
pub const ROUTES: [(&str, &str); 3] = [
    ("POST", "/equipe/documentos/publicar"),
    ("POST", "/equipe/documentos/{id}/substituir"),
    ("GET", "/equipe/documentos/arquivos/{id}"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ROUTES[0].1, post(publish))
        .route(ROUTES[1].1, post(replace))
        .route(ROUTES[2].1, get(file))
        .layer(DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 64 * 1024))
}

const TOO_BIG: &str = "O arquivo passa de 20 MB. Reduza o tamanho ou envie em partes.";

/// Back to `page` with what was typed (never the file) and the reason, for this staff session.
async fn back_with_draft(
    state: &AppState,
    headers: &HeaderMap,
    page: &str,
    form: &UploadForm,
    reason: String,
) -> Response {
    let Some(owner) = state.session_cookie.staff_draft_owner(headers) else {
        return unavailable();
    };
    let draft = DocumentUploadDraft {
        kind: form.field("kind"),
        title: form.field("title"),
        notify: !form.field("notify").is_empty(),
        error: format!("{reason} Selecione o arquivo de novo."),
    };
    let joint = if page.contains('?') { '&' } else { '?' };
    match state.portal.keep_draft(DOCUMENT_DRAFT, &owner, &draft).await {
        Ok(id) => Redirect::to(&format!("{page}{joint}rascunho={id}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not keep a document form draft");
            unavailable()
        }
    }
}

async fn publish(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/documentos").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let form = read_upload_form(multipart, "file", TOO_BIG).await;
    let (form, broken) = match form {
        Ok(form) => (form, None),
        Err(reason) => (UploadForm::default(), Some(reason)),
    };
    let scope = form.field("escopo");
    let id = form.field("id").parse::<i64>().unwrap_or_default();
    let page = format!(
        "/equipe/documentos/novo?escopo={}&id={id}",
        percent_encoding::utf8_percent_encode(&scope, percent_encoding::NON_ALPHANUMERIC)
    );
    if let Some(reason) = broken {
        return back_with_draft(&state, &headers, "/equipe/documentos", &form, reason).await;
    }
    let kind = form.field("kind");
    let title = form.field("title");
    let upload = NewDocumentUpload {
        scope: &scope,
        id,
        kind: &kind,
        title: &title,
        file_name: &form.file_name,
        bytes: &form.file,
        notify: !form.field("notify").is_empty(),
    };
    match state.portal.publish_document(&staff, upload).await {
        Ok(document) => Redirect::to(&format!("/equipe/documentos/{document}?publicado=1")).into_response(),
        Err(StaffError::Invalid(reason)) => back_with_draft(&state, &headers, &page, &form, reason).await,
        Err(error) => refusal(error, "Registro não encontrado."),
    }
}

async fn replace(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/equipe/documentos/{id}");
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, &page).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(document_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Documento não encontrado.");
    };
    let form = match read_upload_form(multipart, "file", TOO_BIG).await {
        Ok(form) => form,
        Err(reason) => return back_with_draft(&state, &headers, &page, &UploadForm::default(), reason).await,
    };
    let notify = !form.field("notify").is_empty();
    match state.portal.replace_document(&staff, document_id, &form.file_name, &form.file, notify).await {
        Ok(new_id) => Redirect::to(&format!("/equipe/documentos/{new_id}?substituido=1")).into_response(),
        Err(StaffError::Invalid(reason)) => back_with_draft(&state, &headers, &page, &form, reason).await,
        Err(error) => refusal(error, "Documento não encontrado."),
    }
}

async fn file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/documentos").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(document_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Documento não encontrado.");
    };
    match state.portal.staff_document_file(&staff, document_id).await {
        Ok(file) => attachment_of(&file),
        Err(error) => refusal(error, "Documento não encontrado."),
    }
}
