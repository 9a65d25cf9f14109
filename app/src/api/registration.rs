use leptos::prelude::*;
use portal::registration::{RegistrationDraft, RegistrationForm, RegistrationStatus};

use crate::error::AppError;

/// The draft form name in the store.
#[cfg(feature = "ssr")]
const DRAFT_FORM: &str = "cadastro";

/// Whether open registration is on, and the company's contact for when it is not.
#[server(endpoint = "cadastro-situacao")]
pub async fn load_registration_status() -> Result<RegistrationStatus, AppError> {
    let context = super::session::server_context()?;
    context.portal.registration_status().await.map_err(super::session::reject)
}

/// A refused registration form (typed values without passwords, and the messages), while it
/// lasts; `None` for an unknown or expired id.
#[server(endpoint = "cadastro-rascunho")]
pub async fn load_registration_draft(id: String) -> Result<Option<RegistrationDraft>, AppError> {
    let context = super::session::server_context()?;
    let owner = super::session::draft_reader(&context);
    context.portal.draft(DRAFT_FORM, &id, owner.as_deref()).await.map_err(super::session::reject)
}

/// Creates the account and sends its e-mail the code that confirms it (and then signs in). A form with broken rules comes back (with and
/// without JavaScript) as `/cadastro?rascunho=…`: what was typed and a message per field.
#[server(endpoint = "cadastrar")]
pub async fn register(form: RegistrationForm) -> Result<(), AppError> {
    use super::session::*;
    use portal::registration::RegistrationError;

    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.register(&form, &origin).await {
        Ok(registered) => {
            let page =
                super::auth::email_confirmation_page(&registered.challenge.id, "/meu-imovel?bem-vindo=1");
            leptos_axum::redirect(&page);
            Ok(())
        }
        Err(RegistrationError::Invalid(errors)) => {
            let draft = RegistrationDraft { values: form.without_passwords(), errors };
            let id = context
                .portal
                .keep_draft(DRAFT_FORM, &draft_keeper(&context), &draft)
                .await
                .map_err(reject)?;
            leptos_axum::redirect(&format!("/cadastro?rascunho={id}"));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("/cadastro?erro={}", error.code()))),
    }
}

/// Checks one field as it is typed: `None` when fine, or the sentence to show under it (not a
/// valid CPF, or already registered). Rate-limited per IP.
#[server(endpoint = "cadastro-verificar")]
pub async fn check_registration_value(kind: String, value: String) -> Result<Option<String>, AppError> {
    use portal::registration::{Availability, ExistsKind};

    let context = super::session::server_context()?;
    let parts = super::session::request_parts()?;
    let kind = ExistsKind::from_code(&kind).ok_or_else(|| super::session::reject(AppError::NotFound))?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.check_availability(kind, &value, &origin).await.map_err(super::session::reject)? {
        Availability::Available => Ok(None),
        Availability::Invalid(message) | Availability::Taken(message) => Ok(Some(message)),
    }
}
