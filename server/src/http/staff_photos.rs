//! Photos of the works in the back office: the upload (multipart, up to 20 MB) and the files
//! staff see. Each checks the staff session, then the use case checks role and scope.

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use portal::property::photos::{NewWorksPhoto, MAX_UPLOAD_BYTES};
use portal::records::{DevelopmentPageForm, RecordDraft, DEVELOPMENT_PAGE_DRAFT};
use portal::staff::StaffError;
use portal_app::context::ClientIp;

use super::files::{inline_image, plain, unavailable};
use super::staff::{origin_of, refusal, signed_in_staff};
use crate::http::AppState;

/// Every route here, with its method: the role matrix test covers each.
pub const ROUTES: [(&str, &str); 2] =
    [("POST", "/equipe/empreendimentos/{id}/fotos"), ("GET", "/equipe/fotos/{id}")];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ROUTES[0].1, post(upload))
        .route(ROUTES[1].1, get(file))
        // The photo plus the form's few short fields.
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024))
}

/// The upload form's fields.
#[derive(Default)]
struct PhotoForm {
    photo: Vec<u8>,
    taken_on: String,
    caption: String,
}

async fn read_photo_form(mut multipart: Multipart) -> Result<PhotoForm, String> {
    let mut form = PhotoForm::default();
    let too_big = "A foto passa de 20 MB. Envie uma versão menor.".to_string();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big.clone())? {
        match field.name().unwrap_or_default() {
            "photo" => form.photo = field.bytes().await.map_err(|_| too_big.clone())?.to_vec(),
            "taken_on" => form.taken_on = field.text().await.unwrap_or_default().chars().take(20).collect(),
            "caption" => form.caption = field.text().await.unwrap_or_default().chars().take(400).collect(),
            _ => {}
        }
    }
    Ok(form)
}

async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/equipe/empreendimentos/{id}");
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, &page).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(development_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Empreendimento não encontrado.");
    };
    let (form, refused) = match read_photo_form(multipart).await {
        Ok(form) if form.photo.is_empty() => (form, Some("Escolha a foto a publicar.".to_string())),
        Ok(form) => (form, None),
        Err(reason) => (PhotoForm::default(), Some(reason)),
    };
    let result = match refused {
        Some(reason) => Err(StaffError::Invalid(reason)),
        None => {
            let photo = NewWorksPhoto {
                development_id,
                taken_on: &form.taken_on,
                caption: &form.caption,
                bytes: &form.photo,
            };
            state.portal.staff_add_works_photo(&staff, photo).await
        }
    };
    match result {
        Ok(_) => Redirect::to(&format!("{page}?foto=1#fotos")).into_response(),
        Err(StaffError::Invalid(reason)) => {
            let Some(owner) = state.session_cookie.staff_draft_owner(&headers) else {
                return unavailable();
            };
            let draft = RecordDraft {
                form: DevelopmentPageForm {
                    photo_caption: form.caption,
                    photo_taken_on: form.taken_on,
                    ..Default::default()
                },
                errors: [("photo".to_string(), format!("{reason} Selecione a foto de novo."))]
                    .into_iter()
                    .collect(),
            };
            match state.portal.keep_draft(DEVELOPMENT_PAGE_DRAFT, &owner, &draft).await {
                Ok(id) => Redirect::to(&format!("{page}?rascunho={id}#fotos")).into_response(),
                Err(error) => {
                    tracing::error!(%error, "could not keep a photo form draft");
                    unavailable()
                }
            }
        }
        Err(error) => refusal(error, "Empreendimento não encontrado."),
    }
}

#[derive(serde::Deserialize)]
struct PhotoQuery {
    inteira: Option<String>,
}

async fn file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<PhotoQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/empreendimentos").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(photo_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Foto não encontrada.");
    };
    match state.portal.staff_works_photo_file(&staff, photo_id, query.inteira.is_some()).await {
        Ok(file) => inline_image(&file),
        Err(error) => refusal(error, "Foto não encontrada."),
    }
}
