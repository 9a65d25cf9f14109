//! Photos of the works: the list per empreendimento and the two JPEGs of each photo, for the
//! caller's empreendimentos only.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use portal::property::{PhotoSize, WorksPhoto};
use serde_json::json;

use super::{authenticated, record_id, ApiError, Page, PageQuery};
use crate::startup::AppState;

pub(super) fn photo_json(photo: &WorksPhoto) -> serde_json::Value {
    json!({
        "id": photo.id,
        "data": photo.taken_on_iso,
        "legenda": photo.caption,
        "largura": photo.width,
        "altura": photo.height,
        "url": format!("/api/v1/foto/{}", photo.id),
        "miniatura": format!("/api/v1/foto/{}/miniatura", photo.id),
    })
}

/// Every photo of one of the caller's empreendimentos, newest first, paginated.
pub(super) async fn photos(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let gallery = state.portal.my_works_gallery(user.person_id, record_id(&id)?).await?;
    let items = gallery.photos.iter().map(photo_json).collect();
    Ok(Json(Page::of(query.pagina, query.por_pagina).answer("fotos", items)))
}

pub(super) async fn photo(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    photo_file(state, headers, &id, PhotoSize::Full).await
}

pub(super) async fn thumbnail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    photo_file(state, headers, &id, PhotoSize::Thumbnail).await
}

async fn photo_file(
    state: AppState,
    headers: HeaderMap,
    id: &str,
    size: PhotoSize,
) -> Result<Response, ApiError> {
    let user = authenticated(&state, &headers).await?;
    let file = state.portal.my_works_photo_file(user.person_id, record_id(id)?, size).await?;
    Ok(crate::http::downloads::inline_image(&file))
}
