//! Images in the back office: photos of the works (upload up to 20 MB, and the files staff
//! see) and a company's logo. Each checks the staff session, then the use case checks role and
//! scope.

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
pub const ROUTES: [(&str, &str); 3] = [
    ("POST", "/equipe/empreendimentos/{id}/fotos"),
    ("GET", "/equipe/fotos/{id}"),
    ("POST", "/equipe/configuracoes/empresas/{id}/logo"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ROUTES[0].1, post(upload))
        .route(ROUTES[1].1, get(file))
        .route(ROUTES[2].1, post(logo))
        // The photo plus the form's few short fields.
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024))
}

/// An upload form: its short text fields and its one file (name and bytes).
#[derive(Default)]
pub(super) struct UploadForm {
    pub fields: std::collections::BTreeMap<String, String>,
    pub file_name: String,
    pub file: Vec<u8>,
}

impl UploadForm {
    pub fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

/// Reads a multipart form whose file field is `file_field`; other fields are cut at 400
/// characters. The refusal when the body breaks off (too big) is `too_big`.
pub(super) async fn read_upload_form(
    mut multipart: Multipart,
    file_field: &str,
    too_big: &str,
) -> Result<UploadForm, String> {
    let mut form = UploadForm::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big.to_string())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            form.file_name = field.file_name().unwrap_or("arquivo").to_string();
            form.file = field.bytes().await.map_err(|_| too_big.to_string())?.to_vec();
        } else if form.fields.len() < 20 {
            let text: String = field.text().await.unwrap_or_default().chars().take(400).collect();
            form.fields.insert(name, text);
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
    let too_big = "A foto passa de 20 MB. Envie uma versão menor.";
    let (form, refused) = match read_upload_form(multipart, "photo", too_big).await {
        Ok(form) if form.file.is_empty() => (form, Some("Escolha a foto a publicar.".to_string())),
        Ok(form) => (form, None),
        Err(reason) => (UploadForm::default(), Some(reason)),
    };
    let (taken_on, caption) = (form.field("taken_on"), form.field("caption"));
    let result = match refused {
        Some(reason) => Err(StaffError::Invalid(reason)),
        None => {
            let photo =
                NewWorksPhoto { development_id, taken_on: &taken_on, caption: &caption, bytes: &form.file };
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
                    photo_caption: caption,
                    photo_taken_on: taken_on,
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

async fn logo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/equipe/configuracoes/empresas/{id}");
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, &page).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(company) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Empresa não encontrada.");
    };
    let too_big = "O logo passa do limite: envie PNG, JPG ou WEBP de até 256 KB.";
    let result = match read_upload_form(multipart, "logo", too_big).await {
        Ok(form) if form.file.is_empty() => Err(StaffError::Invalid("Escolha o arquivo do logo.".into())),
        Ok(form) => state.portal.set_company_logo(&staff, company, Some(&form.file)).await,
        Err(reason) => Err(StaffError::Invalid(reason)),
    };
    match result {
        Ok(()) => Redirect::to(&format!("{page}?logo=1")).into_response(),
        Err(StaffError::Invalid(reason)) => {
            let Some(owner) = state.session_cookie.staff_draft_owner(&headers) else {
                return unavailable();
            };
            let draft = RecordDraft {
                form: portal::companies::CompanyForm::default(),
                errors: [("geral".to_string(), reason)].into_iter().collect(),
            };
            match state.portal.keep_draft(portal::companies::COMPANY_DRAFT, &owner, &draft).await {
                Ok(kept) => Redirect::to(&format!("{page}?rascunho={kept}")).into_response(),
                Err(error) => {
                    tracing::error!(%error, "could not keep a logo form draft");
                    unavailable()
                }
            }
        }
        Err(error) => refusal(error, "Empresa não encontrada."),
    }
}
