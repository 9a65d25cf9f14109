//! Photos of the works: the list per empreendimento and the two JPEGs of each photo, for the
//! caller's empreendimentos only.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use portal::property::{PhotoSize, WorksPhoto};
use serde::Serialize;

use super::error::ApiError;
use super::extract::{record_id, ApiQuery, Caller, PageQuery, Paged};
use crate::http::files::inline_image;
use crate::http::AppState;

#[derive(Serialize)]
pub(super) struct PhotoAnswer {
    id: i64,
    data: String,
    legenda: String,
    largura: i64,
    altura: i64,
    url: String,
    miniatura: String,
}

impl PhotoAnswer {
    pub(super) fn of(photo: &WorksPhoto) -> Self {
        Self {
            id: photo.id,
            data: photo.taken_on_iso.clone(),
            legenda: photo.caption.clone(),
            largura: photo.width,
            altura: photo.height,
            url: format!("/api/v1/foto/{}", photo.id),
            miniatura: format!("/api/v1/foto/{}/miniatura", photo.id),
        }
    }
}

/// Every photo of one of the caller's empreendimentos, newest first, paginated.
pub(super) async fn photos(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Paged<PhotoAnswer>>, ApiError> {
    let page = query.page();
    let photos = state.portal.my_works_photo_page(user.person_id, record_id(&id)?, page).await?;
    Ok(Json(Paged::new("fotos", page, photos.map(|photo| PhotoAnswer::of(&photo)))))
}

pub(super) async fn photo(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = state.portal.my_works_photo_file(user.person_id, record_id(&id)?, PhotoSize::Full).await?;
    Ok(inline_image(&file))
}

pub(super) async fn thumbnail(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file =
        state.portal.my_works_photo_file(user.person_id, record_id(&id)?, PhotoSize::Thumbnail).await?;
    Ok(inline_image(&file))
}
