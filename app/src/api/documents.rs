use leptos::prelude::*;
use portal::documents::DocumentList;

use crate::error::AppError;

/// The documents the signed-in buyer may see; `kind` (the page's `?tipo=`) keeps one type.
#[server(endpoint = "documentos")]
pub async fn load_documents(kind: Option<String>) -> Result<DocumentList, AppError> {
    let user = super::session::current_user().await?;
    let context = super::session::server_context()?;
    let kind = kind.filter(|kind| !kind.is_empty());
    context.portal.my_documents(user.person_id, kind.as_deref()).await.map_err(super::session::reject)
}
