use leptos::prelude::*;
use portal::profile::{Address, AddressDraft, AddressForm, MyData, PersonalDataDraft, PersonalDataForm};

use crate::error::AppError;

#[cfg(feature = "ssr")]
const PERSONAL_DRAFT: &str = "meus-dados";
#[cfg(feature = "ssr")]
const ADDRESS_DRAFT: &str = "endereco";

/// Meus dados of the signed-in buyer, and a refused personal-data form (`?rascunho=`).
#[server(endpoint = "meus-dados")]
pub async fn load_my_data(draft: Option<String>) -> Result<(MyData, Option<PersonalDataDraft>), AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let data = context.portal.my_data(user.person_id).await.map_err(super::session::reject)?;
    let draft = match draft {
        Some(id) => context
            .portal
            .draft(PERSONAL_DRAFT, &id, super::session::draft_reader(&context).as_deref())
            .await
            .map_err(super::session::reject)?,
        None => None,
    };
    Ok((data, draft))
}

/// Saves birth date, gender and RG/inscrição estadual.
#[server(endpoint = "meus-dados-salvar")]
pub async fn save_personal_data(form: PersonalDataForm) -> Result<(), AppError> {
    use super::session::*;
    use portal::profile::ProfileError;
    let (user, context) = signed_in_buyer().await?;
    match context.portal.update_personal_data(user.person_id, &form).await {
        Ok(()) => leptos_axum::redirect("/meus-dados?salvo=1"),
        Err(ProfileError::Invalid(error)) => {
            let draft = PersonalDataDraft { values: form, error };
            let id = context
                .portal
                .keep_draft(PERSONAL_DRAFT, &draft_keeper(&context), &draft)
                .await
                .map_err(reject)?;
            leptos_axum::redirect(&format!("/meus-dados?rascunho={id}"));
        }
        Err(error) => return Err(reject(error)),
    }
    Ok(())
}

/// The address to edit (`id`, if the buyer's), and a refused form (`draft`).
#[server(endpoint = "endereco")]
pub async fn load_address_form(
    id: Option<i64>,
    draft: Option<String>,
) -> Result<(Option<Address>, Option<AddressDraft>), AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let address = match id {
        Some(id) => {
            Some(context.portal.my_address(user.person_id, id).await.map_err(super::session::reject)?)
        }
        None => None,
    };
    let draft = match draft {
        Some(id) => context
            .portal
            .draft(ADDRESS_DRAFT, &id, super::session::draft_reader(&context).as_deref())
            .await
            .map_err(super::session::reject)?,
        None => None,
    };
    Ok((address, draft))
}

/// Adds an address (`id` empty) or changes one of the buyer's.
#[server(endpoint = "endereco-salvar")]
pub async fn save_address(id: Option<String>, form: AddressForm) -> Result<(), AppError> {
    use super::session::*;
    use portal::profile::ProfileError;
    let (user, context) = signed_in_buyer().await?;
    let id = id.and_then(|id| id.parse::<i64>().ok());
    let result = match id {
        Some(id) => context.portal.update_address(user.person_id, id, &form).await,
        None => context.portal.add_address(user.person_id, &form).await.map(|_| ()),
    };
    match result {
        Ok(()) => leptos_axum::redirect("/meus-dados?salvo=endereco"),
        Err(ProfileError::Invalid(error)) => {
            let draft = AddressDraft { values: form, error };
            let draft_id = context
                .portal
                .keep_draft(ADDRESS_DRAFT, &draft_keeper(&context), &draft)
                .await
                .map_err(reject)?;
            let page = match id {
                Some(id) => format!("/meus-dados/enderecos/{id}"),
                None => "/meus-dados/enderecos/novo".to_string(),
            };
            leptos_axum::redirect(&format!("{page}?rascunho={draft_id}"));
        }
        Err(error) => return Err(reject(error)),
    }
    Ok(())
}

/// Removes one of the buyer's addresses.
#[server(endpoint = "endereco-remover")]
pub async fn remove_address(id: i64) -> Result<(), AppError> {
    use super::session::*;
    let (user, context) = signed_in_buyer().await?;
    context.portal.remove_address(user.person_id, id).await.map_err(reject)?;
    leptos_axum::redirect("/meus-dados?salvo=removido");
    Ok(())
}

#[cfg(feature = "ssr")]
const CONTACT_DRAFT: &str = "contato";

/// A refused e-mail/mobile change request, while it lasts.
#[server(endpoint = "contato-rascunho")]
pub async fn load_contact_draft(id: String) -> Result<Option<portal::profile::ContactDraft>, AppError> {
    let (_, context) = super::session::signed_in_buyer().await?;
    let owner = super::session::draft_reader(&context);
    context.portal.draft(CONTACT_DRAFT, &id, owner.as_deref()).await.map_err(super::session::reject)
}

/// Sends a code to the new e-mail (`channel = email`) or mobile (`sms`) and moves to the code
/// page; a refused value comes back to the form with the reason.
#[server(endpoint = "contato-trocar")]
pub async fn request_contact_change(channel: String, value: String) -> Result<(), AppError> {
    use super::session::*;
    use portal::notifications::Channel;
    use portal::profile::{ContactDraft, ProfileError};
    let (user, context) = signed_in_buyer().await?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    let channel_kind = Channel::from_code(&channel).unwrap_or(Channel::Email);
    match context.portal.request_contact_change(user.person_id, channel_kind, &value, &origin).await {
        Ok(pending) => leptos_axum::redirect(&format!(
            "/meus-dados/contato/confirmar?troca={}&canal={}",
            pending.id,
            channel_kind.code()
        )),
        Err(ProfileError::Invalid(error)) => {
            let draft = ContactDraft { channel: channel_kind.code().to_string(), value, error };
            let id = context
                .portal
                .keep_draft(CONTACT_DRAFT, &draft_keeper(&context), &draft)
                .await
                .map_err(reject)?;
            leptos_axum::redirect(&format!("/meus-dados/contato?rascunho={id}"));
        }
        Err(error) => return Err(reject(error)),
    }
    Ok(())
}

/// Confirms the change with the code sent to the new destination.
#[server(endpoint = "contato-confirmar")]
pub async fn confirm_contact_change(change: String, code: String, channel: String) -> Result<(), AppError> {
    use super::session::*;
    use portal::profile::ProfileError;
    let (user, context) = signed_in_buyer().await?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    match context.portal.confirm_contact_change(user.person_id, &change, &code, &origin).await {
        Ok(()) => {
            leptos_axum::redirect("/meus-dados?salvo=contato");
            Ok(())
        }
        Err(ProfileError::Invalid(_)) => Err(fail_form(AppError::InvalidCode, &parts, |error| {
            format!("/meus-dados/contato/confirmar?troca={change}&canal={channel}&erro={}", error.code())
        })),
        // The code is used up: back to the form to choose another address.
        Err(ProfileError::AddressTaken) => Err(fail_form(AppError::ContactUnavailable, &parts, |error| {
            format!("/meus-dados/contato?canal={channel}&erro={}", error.code())
        })),
        Err(error) => Err(reject(error)),
    }
}
