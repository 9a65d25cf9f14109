//! Server functions of `/equipe/parceiros` (admin only): partner apps, their keys and the
//! people they may sign in.

use leptos::prelude::*;
use portal::partners::{ExternalOriginForm, FeatureForm, PartnerDetail, PartnerForm, PartnerRow};
use portal::records::RecordDraft;

use crate::error::AppError;

#[cfg(feature = "ssr")]
const PARTNER_DRAFT: &str = "equipe-parceiro";
#[cfg(feature = "ssr")]
const PARTNER_PERSON_DRAFT: &str = "equipe-parceiro-pessoa";

#[cfg(feature = "ssr")]
const PARTNER_FEATURE_DRAFT: &str = "equipe-parceiro-funcionalidade";
#[cfg(feature = "ssr")]
const EXTERNAL_ORIGIN_DRAFT: &str = "equipe-parceiro-origem";

/// A partner's page: its detail, the refused forms of it (data, a person's link, a new
/// funcionalidade), and the new key when the page is the one that shows it once.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PartnerPage {
    pub detail: PartnerDetail,
    pub refused: Option<RecordDraft<PartnerForm>>,
    pub refused_person: Option<RecordDraft<String>>,
    pub refused_feature: Option<RecordDraft<FeatureForm>>,
    pub refused_origin: Option<RecordDraft<ExternalOriginForm>>,
    pub new_key: Option<String>,
    /// A sandbox funcionalidade's address with a test pass key, when staff just asked for one.
    pub test_url: Option<String>,
}

#[server(endpoint = "equipe/parceiros")]
pub async fn load_partners() -> Result<Vec<PartnerRow>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.partner_list(&staff).await.map_err(crate::api::session::reject)
}

#[server(endpoint = "equipe/parceiro")]
pub async fn load_partner(
    id: i64,
    draft: Option<String>,
    key: Option<String>,
    test_feature: Option<i64>,
    test_draft: Option<String>,
) -> Result<PartnerPage, AppError> {
    use crate::api::session::{reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = context.portal.partner_detail(&staff, id).await.map_err(reject)?;
    let refused = super::records::draft_of(&context, PARTNER_DRAFT, draft.clone()).await?;
    let refused_person = super::records::draft_of(&context, PARTNER_PERSON_DRAFT, draft.clone()).await?;
    let refused_feature = super::records::draft_of(&context, PARTNER_FEATURE_DRAFT, draft.clone()).await?;
    let refused_origin = super::records::draft_of(&context, EXTERNAL_ORIGIN_DRAFT, draft).await?;
    let owner = context.session_cookie.staff_draft_owner(&request_parts()?.headers);
    let new_key = match (key, owner) {
        (Some(key), Some(owner)) => {
            context.portal.take_new_partner_key(&staff, id, &key, &owner).await.map_err(reject)?
        }
        _ => None,
    };
    let test_url =
        match (test_feature, test_draft, context.session_cookie.staff_draft_owner(&request_parts()?.headers))
        {
            (Some(feature), Some(draft), Some(owner)) => {
                context.portal.take_pass_key_url(feature, &draft, &owner).await.map_err(reject)?
            }
            _ => None,
        };
    Ok(PartnerPage { detail, refused, refused_person, refused_feature, refused_origin, new_key, test_url })
}

/// The new-partner form and a refused one.
#[server(endpoint = "equipe/parceiro-formulario")]
pub async fn load_partner_form(draft: Option<String>) -> Result<Option<RecordDraft<PartnerForm>>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    if !staff.may(portal::staff::Permission::ManageSettings) {
        return Err(crate::api::session::reject(AppError::Forbidden));
    }
    super::records::draft_of(&context, PARTNER_DRAFT, draft).await
}

#[cfg(feature = "ssr")]
fn form_of(
    name: String,
    contact_email: String,
    scopes: Option<Vec<String>>,
    origins: String,
    requests_per_minute: String,
) -> PartnerForm {
    PartnerForm { name, contact_email, scopes: scopes.unwrap_or_default(), origins, requests_per_minute }
}

/// Registers a partner; its page then shows the key once.
#[server(endpoint = "equipe/parceiro-criar")]
pub async fn create_partner(
    name: String,
    contact_email: String,
    scopes: Option<Vec<String>>,
    origins: String,
    requests_per_minute: String,
) -> Result<(), AppError> {
    use crate::api::session::{reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let owner = context.session_cookie.staff_draft_owner(&request_parts()?.headers);
    let owner = owner.ok_or_else(|| reject(AppError::Unauthenticated))?;
    let form = form_of(name, contact_email, scopes, origins, requests_per_minute);
    match context.portal.create_partner(&staff, &form, &owner).await {
        Ok((id, key)) => {
            leptos_axum::redirect(&format!("/equipe/parceiros/{id}?chave={key}"));
            Ok(())
        }
        Err(error) => {
            Err(super::records::refused(&context, PARTNER_DRAFT, "/equipe/parceiros/novo", form, error).await)
        }
    }
}

/// Changes a partner's data, scopes, origins and limit.
#[server(endpoint = "equipe/parceiro-salvar")]
pub async fn save_partner(
    id: i64,
    name: String,
    contact_email: String,
    scopes: Option<Vec<String>>,
    origins: String,
    requests_per_minute: String,
) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/parceiros/{id}");
    let form = form_of(name, contact_email, scopes, origins, requests_per_minute);
    match context.portal.update_partner(&staff, id, &form).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?salvo=1"));
            Ok(())
        }
        Err(error) => Err(super::records::refused(&context, PARTNER_DRAFT, &page, form, error).await),
    }
}

/// `gerar` a new key (the current one lasting `grace_days` more), or `revogar` every key.
#[server(endpoint = "equipe/parceiro-chave")]
pub async fn change_partner_key(id: i64, action: String, grace_days: Option<i64>) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let page = format!("/equipe/parceiros/{id}");
    let owner = context
        .session_cookie
        .staff_draft_owner(&parts.headers)
        .ok_or_else(|| reject(AppError::Unauthenticated))?;
    let result = match action.as_str() {
        "gerar" => {
            let grace = grace_days.unwrap_or(0);
            context
                .portal
                .rotate_partner_key(&staff, id, grace, &owner)
                .await
                .map(|key| format!("{page}?chave={key}"))
        }
        "revogar" => context.portal.revoke_partner(&staff, id).await.map(|()| format!("{page}?revogado=1")),
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(next) => {
            leptos_axum::redirect(&next);
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}

/// `vincular` the person with this CPF/CNPJ to the partner, or `remover` a person's profile.
#[server(endpoint = "equipe/parceiro-pessoa")]
pub async fn change_partner_person(
    id: i64,
    action: String,
    document: Option<String>,
    person: Option<i64>,
) -> Result<(), AppError> {
    use crate::api::session::reject;
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/parceiros/{id}");
    let document = document.unwrap_or_default();
    let result = match (action.as_str(), person) {
        ("vincular", _) => {
            context.portal.link_partner_person(&staff, id, &document).await.map(|()| "vinculada")
        }
        ("remover", Some(person)) => {
            context.portal.unlink_partner_person(&staff, id, person).await.map(|()| "removida")
        }
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(done) => {
            leptos_axum::redirect(&format!("{page}?{done}=1#pessoas"));
            Ok(())
        }
        Err(error) => {
            Err(super::records::refused(&context, PARTNER_PERSON_DRAFT, &page, document, error).await)
        }
    }
}

/// `adicionar` a funcionalidade customizada, `remover` one, or `testar` a sandbox one (staff go
/// to its URL with a pass key that answers the fixed sample).
#[server(endpoint = "equipe/parceiro-funcionalidade")]
pub async fn change_partner_feature(
    id: i64,
    action: String,
    feature: Option<i64>,
    feature_name: Option<String>,
    feature_url: Option<String>,
    feature_instance: Option<String>,
    feature_fields: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/parceiros/{id}");
    let portal = &context.portal;
    let result = match (action.as_str(), feature) {
        ("adicionar", _) => {
            let form = FeatureForm {
                name: feature_name.unwrap_or_default(),
                target_url: feature_url.unwrap_or_default(),
                instance: feature_instance.unwrap_or_default(),
                fields: feature_fields.unwrap_or_default(),
            };
            return match portal.add_partner_feature(&staff, id, &form).await {
                Ok(_) => {
                    leptos_axum::redirect(&format!("{page}?funcionalidade=1#funcionalidades"));
                    Ok(())
                }
                Err(error) => {
                    Err(super::records::refused(&context, PARTNER_FEATURE_DRAFT, &page, form, error).await)
                }
            };
        }
        ("remover", Some(feature)) => portal
            .remove_partner_feature(&staff, id, feature)
            .await
            .map(|()| format!("{page}?funcionalidade-removida=1#funcionalidades")),
        ("testar", Some(feature)) => {
            let owner = context.session_cookie.staff_draft_owner(&request_parts()?.headers);
            let owner = owner.ok_or_else(|| reject(AppError::Unauthenticated))?;
            portal
                .sandbox_pass_key(&staff, id, feature, &owner)
                .await
                .map(|draft| format!("{page}?teste={draft}&funcionalidade-teste={feature}#funcionalidades"))
        }
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(next) => {
            leptos_axum::redirect(&next);
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &request_parts()?, |error| format!("{page}?erro={}", error.code())))
        }
    }
}

/// `adicionar` an origem of external login to the partner (`external[...]`), or `remover` one.
#[server(endpoint = "equipe/parceiro-origem")]
pub async fn change_external_origin(
    id: i64,
    action: String,
    origin: Option<i64>,
    external: Option<ExternalOriginForm>,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/parceiros/{id}");
    let portal = &context.portal;
    match (action.as_str(), origin) {
        ("adicionar", _) => {
            let form = external.unwrap_or_default();
            match portal.add_external_origin(&staff, id, &form).await {
                Ok(()) => {
                    leptos_axum::redirect(&format!("{page}?origem=1#login-externo"));
                    Ok(())
                }
                Err(error) => {
                    Err(super::records::refused(&context, EXTERNAL_ORIGIN_DRAFT, &page, form, error).await)
                }
            }
        }
        ("remover", Some(origin)) => match portal.remove_external_origin(&staff, id, origin).await {
            Ok(()) => {
                leptos_axum::redirect(&format!("{page}?origem-removida=1#login-externo"));
                Ok(())
            }
            Err(error) => {
                Err(fail_form(error, &request_parts()?, |error| format!("{page}?erro={}", error.code())))
            }
        },
        _ => Err(reject(AppError::BadRequest)),
    }
}

/// `desativar` or `ativar` one of the partner's webhook endpoints, or `reenviar` a delivery
/// that failed.
#[server(endpoint = "equipe/parceiro-webhook")]
pub async fn change_partner_webhook(
    id: i64,
    action: String,
    endpoint: Option<i64>,
    delivery: Option<i64>,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/parceiros/{id}");
    let portal = &context.portal;
    let result = match (action.as_str(), endpoint, delivery) {
        ("desativar", Some(endpoint), _) => portal
            .staff_set_webhook_active(&staff, id, endpoint, false)
            .await
            .map(|()| format!("{page}?webhook-desativado=1#webhooks")),
        ("ativar", Some(endpoint), _) => portal
            .staff_set_webhook_active(&staff, id, endpoint, true)
            .await
            .map(|()| format!("{page}?webhook-ativado=1#webhooks")),
        ("reenviar", _, Some(delivery)) => portal
            .staff_resend_webhook(&staff, id, delivery)
            .await
            .map(|()| format!("{page}?webhook-reenviado=1#webhooks")),
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(next) => {
            leptos_axum::redirect(&next);
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &request_parts()?, |error| format!("{page}?erro={}", error.code())))
        }
    }
}
