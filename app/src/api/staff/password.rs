use leptos::prelude::*;

use crate::error::AppError;

/// Who an invitation link is for (`None` when it is used, replaced or expired).
#[server(endpoint = "equipe/convite")]
pub async fn load_invitation(token: String) -> Result<Option<(String, String)>, AppError> {
    let context = crate::api::session::server_context()?;
    match context.portal.staff_invitation(&token).await {
        Ok(invitation) => Ok(Some((invitation.name, invitation.email))),
        Err(portal::staff::StaffError::InvalidCode) => Ok(None),
        Err(error) => Err(crate::api::session::reject(error)),
    }
}

/// The invited user's new password; then signed in, on the dashboard.
#[server(endpoint = "equipe/convite-aceitar")]
pub async fn accept_invitation(
    token: String,
    new_password: String,
    confirmation: String,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts, server_context};
    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.accept_staff_invitation(&token, &new_password, &confirmation, &origin).await {
        Ok(session) => {
            super::auth::set_staff_cookie(&context, session.token);
            leptos_axum::redirect("/equipe?bem-vindo=1");
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            format!(
                "/equipe/convite?token={}&erro={}",
                leptos_router::location::Url::escape(&token),
                error.code()
            )
        })),
    }
}

/// Sends a code to choose a new password; the same answer whether or not the e-mail is a
/// staff user's.
#[server(endpoint = "equipe/esqueci-senha")]
pub async fn request_staff_code(email: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts, server_context};
    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.request_staff_password_code(&email, &origin).await {
        Ok(challenge) => {
            leptos_axum::redirect(&format!("/equipe/esqueci-senha/nova-senha?desafio={challenge}"));
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &parts, |error| format!("/equipe/esqueci-senha?erro={}", error.code())))
        }
    }
}

/// The code and the new password; then signed in (every other session ended).
#[server(endpoint = "equipe/nova-senha")]
pub async fn reset_staff_password(
    challenge: String,
    code: String,
    new_password: String,
    confirmation: String,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts, server_context};
    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.reset_staff_password(&challenge, &code, &new_password, &confirmation, &origin).await
    {
        Ok(session) => {
            super::auth::set_staff_cookie(&context, session.token);
            leptos_axum::redirect("/equipe?senha-alterada=1");
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            format!(
                "/equipe/esqueci-senha/nova-senha?desafio={}&erro={}",
                leptos_router::location::Url::escape(&challenge),
                error.code()
            )
        })),
    }
}
