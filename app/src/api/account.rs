use leptos::prelude::*;
use portal::auth::SessionInfo;

use crate::error::AppError;

/// The signed-in buyer's open sessions.
#[server(endpoint = "conta-sessoes")]
pub async fn load_sessions() -> Result<Vec<SessionInfo>, AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let token = session_token(&request_parts()?, &context).ok_or(AppError::Unauthenticated)?;
    context.portal.my_sessions(user.person_id, &token).await.map_err(reject)
}

/// Ends one of the buyer's sessions.
#[server(endpoint = "conta-sessoes-encerrar")]
pub async fn end_session(id: i64) -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let origin = crate::context::request_origin(&request_parts()?);
    context.portal.end_my_session(user.person_id, id, &origin).await.map_err(reject)?;
    leptos_axum::redirect("/conta/sessoes?encerrada=1");
    Ok(())
}

/// Ends every session but this one.
#[server(endpoint = "conta-sessoes-encerrar-outras")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let parts = request_parts()?;
    let token = session_token(&parts, &context).ok_or(AppError::Unauthenticated)?;
    let origin = crate::context::request_origin(&parts);
    context.portal.end_my_other_sessions(user.person_id, &token, &origin).await.map_err(reject)?;
    leptos_axum::redirect("/conta/sessoes?encerradas=1");
    Ok(())
}

/// Changes the password (the current one is required); `end_others` ends other sessions.
#[server(endpoint = "conta-senha")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirmation: String,
    end_others: Option<String>,
) -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let parts = request_parts()?;
    let token = session_token(&parts, &context).ok_or(AppError::Unauthenticated)?;
    let origin = crate::context::request_origin(&parts);
    let keep = end_others.is_some().then_some(token.as_str());
    match context
        .portal
        .change_password(user.person_id, &current, &new_password, &confirmation, keep, &origin)
        .await
    {
        Ok(()) => {
            leptos_axum::redirect("/conta/senha?alterada=1");
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("/conta/senha?erro={}", error.code()))),
    }
}

/// The partners the buyer allowed, or was asked to allow, to open the portal for them.
#[server(endpoint = "conta-parceiros")]
pub async fn load_my_partners() -> Result<Vec<portal::partners::MyPartner>, AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    context.portal.my_partners(&user).await.map_err(reject)
}

/// `autorizar` a partner's pending request, or `retirar` (refuse, or withdraw) a partner.
#[server(endpoint = "conta-parceiro")]
pub async fn change_my_partner(partner: i64, action: String) -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    let origin = crate::context::request_origin(&request_parts()?);
    let done = match action.as_str() {
        "autorizar" => context.portal.accept_partner(&user, partner, &origin).await.map_err(reject)?,
        "retirar" => context.portal.revoke_my_partner(&user, partner, &origin).await.map_err(reject)?,
        _ => return Err(reject(AppError::BadRequest)),
    };
    if !done {
        return Err(reject(AppError::NotFound));
    }
    leptos_axum::redirect(&format!("/conta/sessoes?parceiro-{action}=1#parceiros"));
    Ok(())
}
