//! Server functions of Documentos (the uploads themselves are the server's multipart routes).

use leptos::prelude::*;
use portal::documents::{DocumentTarget, DocumentUploadDraft, StaffDocumentDetail, StaffDocumentList};

use crate::error::AppError;

/// A refused upload of this staff session (`None` without one).
#[cfg(feature = "ssr")]
async fn upload_draft(
    context: &crate::context::ServerContext,
    id: Option<String>,
) -> Result<Option<DocumentUploadDraft>, AppError> {
    let Some(id) = id else { return Ok(None) };
    let parts = crate::api::session::request_parts()?;
    let owner = context.session_cookie.staff_draft_owner(&parts.headers);
    context
        .portal
        .draft(portal::documents::DOCUMENT_DRAFT, &id, owner.as_deref())
        .await
        .map_err(crate::api::session::reject)
}

/// One page of documents (`/equipe/documentos?busca=&situacao=&pagina=`).
#[server(endpoint = "equipe/documentos")]
pub async fn load_documents(
    search: Option<String>,
    situation: Option<String>,
    order: Option<String>,
    page: Option<String>,
) -> Result<StaffDocumentList, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let filter = portal::documents::StaffDocumentFilter {
        search: search.unwrap_or_default().chars().take(100).collect(),
        situation: situation.unwrap_or_default(),
        order: order.unwrap_or_default(),
        page: page.and_then(|page| page.parse().ok()).unwrap_or(1),
    };
    context.portal.staff_documents(&staff, &filter).await.map_err(crate::api::session::reject)
}

/// A document's page, and a refused replacement.
#[server(endpoint = "equipe/documento")]
pub async fn load_document(
    id: i64,
    draft: Option<String>,
) -> Result<(StaffDocumentDetail, Option<DocumentUploadDraft>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail =
        context.portal.staff_document_detail(&staff, id).await.map_err(crate::api::session::reject)?;
    Ok((detail, upload_draft(&context, draft).await?))
}

/// The record a new document goes to (`escopo`, `id`), and a refused upload.
#[server(endpoint = "equipe/documento-formulario")]
pub async fn load_document_target(
    scope: String,
    id: i64,
    draft: Option<String>,
) -> Result<(DocumentTarget, Option<DocumentUploadDraft>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let target = context
        .portal
        .staff_document_target(&staff, &scope, id)
        .await
        .map_err(crate::api::session::reject)?;
    Ok((target, upload_draft(&context, draft).await?))
}

/// `retirar` (buyers stop seeing it) or `publicar` (again).
#[server(endpoint = "equipe/documento-situacao")]
pub async fn set_document_published(id: i64, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let published = match action.as_str() {
        "publicar" => true,
        "retirar" => false,
        _ => return Err(reject(AppError::BadRequest)),
    };
    let page = format!("/equipe/documentos/{id}");
    match context.portal.set_document_published(&staff, id, published).await {
        Ok(()) => {
            leptos_axum::redirect(&format!(
                "{page}?{}=1",
                if published { "republicado" } else { "retirado" }
            ));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}
