use leptos::prelude::*;
use portal::documents::DocumentList;

use crate::error::AppError;

/// The documents the signed-in buyer may see; `kind` (the page's `?tipo=`) keeps one type.
#[server(endpoint = "documentos")]
pub async fn load_documents(kind: Option<String>) -> Result<DocumentList, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let kind = kind.filter(|kind| !kind.is_empty());
    context.portal.my_documents(user.person_id, kind.as_deref()).await.map_err(super::session::reject)
}
