//! Seed 000 `GET /documento` and `/documento/{id}`: the documents the caller may see, and one
//! of them as a download.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use portal::documents::DocumentItem;
use portal::paging::PageRequest;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::error::{BuyerRefusals, Refusals};
use super::extract::{record_id, ApiQuery, Caller, Listed, Paged};
use crate::http::files::attachment_of;
use crate::http::AppState;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct DocumentQuery {
    /// Só os deste tipo (`contrato`, `manual`…).
    tipo: Option<String>,
    /// A página, a partir de 1.
    #[param(minimum = 1)]
    pagina: Option<u64>,
    /// Itens por página, até 100 (50 se ausente).
    #[param(minimum = 1, maximum = 100)]
    por_pagina: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct DocumentAnswer {
    id: i64,
    tipo: String,
    titulo: String,
    arquivo: String,
    content_type: String,
    tamanho_bytes: i64,
    publicado_em: String,
    referente_a: String,
    download: String,
}

impl Listed for DocumentAnswer {
    const LIST: &'static str = "documentos";
}

impl DocumentAnswer {
    fn of(document: &DocumentItem) -> Self {
        Self {
            id: document.id,
            tipo: document.kind.clone(),
            titulo: document.title.clone(),
            arquivo: document.file_name.clone(),
            content_type: document.content_type.clone(),
            tamanho_bytes: document.size_bytes,
            publicado_em: document.published_on.clone(),
            referente_a: document.context.clone(),
            download: format!("/api/v1/documento/{}", document.id),
        }
    }
}

#[utoipa::path(get, path = "/documento", summary = "Os documentos que a pessoa pode ver; `tipo` filtra.", tag = "Documentos", security(("comprador" = [])), params(DocumentQuery),
    responses((status = 200, description = "Uma página dos documentos", body = Paged<DocumentAnswer>),
        BuyerRefusals, Refusals))]
/// The documents the caller may see; `tipo` filters, `pagina` / `por_pagina` paginate.
pub(super) async fn documents(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiQuery(query): ApiQuery<DocumentQuery>,
) -> Result<Json<Paged<DocumentAnswer>>, ApiError> {
    let kind = query.tipo.filter(|kind| !kind.is_empty());
    let page = PageRequest::new(query.pagina, query.por_pagina);
    let documents = state.portal.my_document_page(user.person_id, kind.as_deref(), page).await?;
    Ok(Json(Paged::new(page, documents.map(|document| DocumentAnswer::of(&document)))))
}

#[utoipa::path(get, path = "/documento/{id}", summary = "Baixa um documento da pessoa; o de outra pessoa é 404.", tag = "Documentos", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id do documento")),
    responses((status = 200, description = "O arquivo: PDF, JPEG, PNG ou WebP",
            content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp")),
            headers(("Content-Disposition" = String, description = "attachment; filename=…"))),
        BuyerRefusals, Refusals))]
/// Downloads one of the caller's documents; anyone else's is 404.
pub(super) async fn document(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = state.portal.my_document_file(user.person_id, record_id(&id)?).await?;
    Ok(attachment_of(&file))
}
