//! Photos of the works: the list per empreendimento and the two JPEGs of each photo, for the
//! caller's empreendimentos only.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use portal::property::{PhotoSize, WorksPhoto};
use serde::Serialize;

use super::error::ApiError;
use super::error::{BuyerRefusals, Refusals};
use super::extract::{record_id, ApiQuery, Caller, Listed, PageQuery, Paged};
use crate::http::files::inline_image;
use crate::http::AppState;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct PhotoAnswer {
    id: i64,
    data: String,
    legenda: String,
    largura: i64,
    altura: i64,
    url: String,
    miniatura: String,
}

impl Listed for PhotoAnswer {
    const LIST: &'static str = "fotos";
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

#[utoipa::path(get, path = "/empreendimento/{id}/foto", summary = "Todas as fotos da obra de um empreendimento da pessoa, das mais novas.", tag = "Meu Imóvel", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id do empreendimento"), PageQuery),
    responses((status = 200, description = "Uma página das fotos da obra, das mais novas", body = Paged<PhotoAnswer>),
        BuyerRefusals, Refusals))]
/// Every photo of one of the caller's empreendimentos, newest first, paginated.
pub(super) async fn photos(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Paged<PhotoAnswer>>, ApiError> {
    let page = query.page();
    let photos = state.portal.my_works_photo_page(user.person_id, record_id(&id)?, page).await?;
    Ok(Json(Paged::new(page, photos.map(|photo| PhotoAnswer::of(&photo)))))
}

#[utoipa::path(get, path = "/foto/{id}", tag = "Meu Imóvel", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da foto")),
    responses((status = 200, description = "A foto (JPEG)", content_type = "image/jpeg", body = Vec<u8>),
        BuyerRefusals, Refusals))]
/// Uma foto da obra, em tamanho inteiro.
pub(super) async fn photo(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = state.portal.my_works_photo_file(user.person_id, record_id(&id)?, PhotoSize::Full).await?;
    Ok(inline_image(&file))
}

#[utoipa::path(get, path = "/foto/{id}/miniatura", tag = "Meu Imóvel", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da foto")),
    responses((status = 200, description = "A miniatura (JPEG)", content_type = "image/jpeg", body = Vec<u8>),
        BuyerRefusals, Refusals))]
/// A miniatura de uma foto da obra.
pub(super) async fn thumbnail(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file =
        state.portal.my_works_photo_file(user.person_id, record_id(&id)?, PhotoSize::Thumbnail).await?;
    Ok(inline_image(&file))
}
