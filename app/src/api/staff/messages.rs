use leptos::prelude::*;
use portal::messages::{MessageDraft, StaffThreadDetail, StaffThreadList};

use crate::error::AppError;

/// The draft form name of a refused staff reply (kept for the staff session that sent it).
pub const STAFF_REPLY_DRAFT_FORM: &str = "equipe-resposta";

/// One page of conversations (`/equipe/mensagens?situacao=&empreendimento=&busca=&pagina=`).
#[server(endpoint = "equipe/mensagens")]
pub async fn load_staff_threads(
    status: Option<String>,
    development: Option<String>,
    search: Option<String>,
    page: Option<String>,
) -> Result<StaffThreadList, AppError> {
    use portal::messages::{StaffThreadFilter, ThreadStatus};

    let (staff, context) = super::session::staff_and_context().await?;
    let filter = StaffThreadFilter {
        status: status.as_deref().and_then(ThreadStatus::from_filter_code),
        development: development.and_then(|id| id.parse().ok()),
        search: search.unwrap_or_default().chars().take(100).collect(),
        page: page.and_then(|page| page.parse().ok()).unwrap_or(1),
    };
    context.portal.staff_threads(&staff, &filter).await.map_err(crate::api::session::reject)
}

/// One conversation.
#[server(endpoint = "equipe/mensagem")]
pub async fn load_staff_thread(id: i64) -> Result<StaffThreadDetail, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_thread(&staff, id).await.map_err(crate::api::session::reject)
}

/// A refused reply's text, while it lasts, for the staff session that sent it.
#[server(endpoint = "equipe/mensagem-rascunho")]
pub async fn load_staff_reply_draft(id: String) -> Result<Option<MessageDraft>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    if !staff.may(portal::staff::Permission::ViewMessages) {
        return Err(crate::api::session::reject(AppError::Forbidden));
    }
    let parts = crate::api::session::request_parts()?;
    let owner = context.session_cookie.staff_draft_owner(&parts.headers);
    context
        .portal
        .draft(STAFF_REPLY_DRAFT_FORM, &id, owner.as_deref())
        .await
        .map_err(crate::api::session::reject)
}

/// Closes (`acao = encerrar`) or reopens (`acao = reabrir`) a conversation, then back to it.
#[server(endpoint = "equipe/mensagem-situacao")]
pub async fn set_staff_thread_status(id: i64, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};

    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let closed = match action.as_str() {
        "encerrar" => true,
        "reabrir" => false,
        _ => return Err(reject(AppError::BadRequest)),
    };
    match context.portal.staff_set_thread_closed(&staff, id, closed).await {
        Ok(()) => {
            let done = if closed { "encerrada" } else { "reaberta" };
            leptos_axum::redirect(&format!("/equipe/mensagens/{id}?{done}=1"));
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &parts, |error| format!("/equipe/mensagens/{id}?erro={}", error.code())))
        }
    }
}
