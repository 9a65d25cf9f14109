//! The funcionalidades customizadas a buyer opens from the menu (seed 002).

use leptos::prelude::*;
use portal::partners::MyService;

use crate::error::AppError;

/// The funcionalidades in the buyer's menu (none for a visitor).
#[server(endpoint = "servicos")]
pub async fn load_my_services() -> Result<Vec<MyService>, AppError> {
    use super::session::*;
    let Some(user) = signed_in_user().await? else { return Ok(Vec::new()) };
    server_context()?.portal.my_services(&user).await.map_err(reject)
}

/// One funcionalidade: where it leads and what the partner receives.
#[server(endpoint = "servico")]
pub async fn load_my_service(id: i64) -> Result<MyService, AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    context.portal.my_service(&user, id).await.map_err(reject)?.ok_or_else(|| reject(AppError::NotFound))
}

/// Makes a one-time pass key and goes to the page that sends the browser on with it (the
/// site's `form-action 'self'` forbids a form from landing on another site directly).
#[server(endpoint = "servico-abrir")]
pub async fn open_service(id: i64) -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let origin = crate::context::request_origin(&request_parts()?);
    let owner = draft_reader(&context).ok_or_else(|| reject(AppError::Unauthenticated))?;
    let draft = context.portal.open_service(&user, id, &owner, origin.ip.as_deref()).await.map_err(reject)?;
    let draft = draft.ok_or_else(|| reject(AppError::NotFound))?;
    leptos_axum::redirect(&format!("/servicos/{id}/ir?chave={draft}"));
    Ok(())
}

/// The funcionalidade's address with the pass key the draft stands for: once, for the session
/// that made it (a reload, or the link in the history, finds nothing).
#[server(endpoint = "servico-ir")]
pub async fn load_service_exit(id: i64, draft: String) -> Result<(MyService, Option<String>), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let service = context
        .portal
        .my_service(&user, id)
        .await
        .map_err(reject)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    let url = match draft_reader(&context) {
        Some(owner) => context.portal.take_pass_key_url(id, &draft, &owner).await.map_err(reject)?,
        None => None,
    };
    Ok((service, url))
}
