use leptos::prelude::*;
use portal::finance::ContractChoice;
use portal::messages::{MessageDraft, ThreadDetail, ThreadSummary};

use crate::error::AppError;

/// The draft form name of refused messages.
pub const MESSAGE_DRAFT_FORM: &str = "mensagem";

/// The signed-in buyer's conversations.
#[server(endpoint = "mensagens")]
pub async fn load_threads() -> Result<Vec<ThreadSummary>, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_threads(user.person_id).await.map_err(super::session::reject)
}

/// One conversation of the signed-in buyer (marks the staff's answers read).
#[server(endpoint = "mensagem")]
pub async fn load_thread(id: i64) -> Result<ThreadDetail, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_thread(user.person_id, id).await.map_err(super::session::reject)
}

/// What the new-message form needs: the buyer's contracts, and a refused message's text.
#[server(endpoint = "mensagem-formulario")]
pub async fn load_message_form(
    draft: Option<String>,
) -> Result<(Vec<ContractChoice>, Option<MessageDraft>), AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let property = context.portal.my_property(user.person_id).await.map_err(super::session::reject)?;
    let contracts = property
        .contracts
        .into_iter()
        .map(|contract| ContractChoice { id: contract.id, number: contract.number })
        .collect();
    let draft = match draft {
        Some(id) => context
            .portal
            .draft(MESSAGE_DRAFT_FORM, &id, super::session::draft_reader(&context).as_deref())
            .await
            .map_err(super::session::reject)?,
        None => None,
    };
    Ok((contracts, draft))
}

/// A refused reply's text, while it lasts.
#[server(endpoint = "mensagem-rascunho")]
pub async fn load_message_draft(id: String) -> Result<Option<MessageDraft>, AppError> {
    let (_, context) = super::session::signed_in_buyer().await?;
    let owner = super::session::draft_reader(&context);
    context.portal.draft(MESSAGE_DRAFT_FORM, &id, owner.as_deref()).await.map_err(super::session::reject)
}
