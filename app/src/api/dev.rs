use leptos::prelude::*;
use portal::notifications::OutboxEntry;

use crate::error::AppError;

/// The newest outbox messages; only in a development run (a 404 otherwise).
#[server(endpoint = "dev-caixa-de-saida")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use super::session::{reject, server_context};

    let context = server_context()?;
    if !context.development {
        return Err(reject(AppError::NotFound));
    }
    context.portal.store.recent_outbox(50).await.map_err(|error| {
        tracing::error!(%error, "outbox listing failed");
        reject(AppError::Unavailable)
    })
}
