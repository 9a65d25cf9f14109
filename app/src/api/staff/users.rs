use leptos::prelude::*;
use portal::staff::{StaffFormDraft, StaffUserDetail, StaffUserRow};

use crate::error::AppError;

/// The draft form name of a refused invitation or access change.
#[cfg(feature = "ssr")]
const STAFF_FORM_DRAFT: &str = "equipe-usuario";

/// Every staff user (admin only).
#[server(endpoint = "equipe/usuarios")]
pub async fn load_staff_users() -> Result<Vec<StaffUserRow>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_users(&staff).await.map_err(crate::api::session::reject)
}

/// One staff user's page (an admin's for anyone, everyone's for themselves).
#[server(endpoint = "equipe/usuario")]
pub async fn load_staff_user(id: i64) -> Result<StaffUserDetail, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_user_detail(&staff, id).await.map_err(crate::api::session::reject)
}

/// What the invitation form needs: every empreendimento, and a refused form's values.
#[server(endpoint = "equipe/usuario-formulario")]
pub async fn load_staff_form(
    draft: Option<String>,
) -> Result<(Vec<(i64, String)>, Option<StaffFormDraft>), AppError> {
    use crate::api::session::{reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    if !staff.may(portal::staff::Permission::ManageStaff) {
        return Err(reject(AppError::Forbidden));
    }
    let developments = context.portal.staff_developments(&staff).await.map_err(reject)?;
    let parts = request_parts()?;
    let draft = match (draft, context.session_cookie.staff_draft_owner(&parts.headers)) {
        (Some(id), Some(owner)) => {
            context.portal.draft(STAFF_FORM_DRAFT, &id, Some(&owner)).await.map_err(reject)?
        }
        _ => None,
    };
    Ok((developments, draft))
}

#[cfg(feature = "ssr")]
fn access_of(
    role: &str,
    developments: &Option<Vec<i64>>,
    expires_on: &str,
) -> Result<portal::staff::StaffAccess, AppError> {
    let role = portal::staff::StaffRole::parse(role).ok_or(AppError::BadRequest)?;
    let expires_on = Some(expires_on.trim().to_string()).filter(|day| !day.is_empty());
    Ok(portal::staff::StaffAccess {
        role,
        developments: developments.clone().unwrap_or_default(),
        expires_on,
    })
}

/// Keeps a refused form's values and sentences for the staff session that sent it; the page
/// to go back to, with the draft.
#[cfg(feature = "ssr")]
async fn back_with_draft(
    context: &crate::context::ServerContext,
    page: &str,
    draft: StaffFormDraft,
) -> Result<String, AppError> {
    let parts = crate::api::session::request_parts()?;
    let owner = context.session_cookie.staff_draft_owner(&parts.headers).ok_or(AppError::Unauthenticated)?;
    let id = context.portal.keep_draft(STAFF_FORM_DRAFT, &owner, &draft).await?;
    Ok(format!("{page}?rascunho={id}"))
}

/// Invites a staff user; a refused form comes back filled in with a sentence under each field.
#[server(endpoint = "equipe/convidar")]
pub async fn invite_staff(
    name: String,
    email: String,
    role: String,
    developments: Option<Vec<i64>>,
    expires_on: String,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let access = access_of(&role, &developments, &expires_on).map_err(reject)?;
    match context.portal.invite_staff(&staff, &name, &email, &access).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/equipe/usuarios/{id}?convidado=1"));
            Ok(())
        }
        Err(portal::staff::StaffError::Fields(errors)) => {
            let draft = StaffFormDraft {
                name,
                email,
                role,
                developments: developments.unwrap_or_default(),
                expires_on,
                errors: errors.into_iter().collect(),
            };
            let back = back_with_draft(&context, "/equipe/usuarios/novo", draft).await?;
            Err(fail_form(AppError::InvalidForm, &parts, |_| back))
        }
        Err(error) => {
            Err(fail_form(error, &parts, |error| format!("/equipe/usuarios/novo?erro={}", error.code())))
        }
    }
}

/// Changes a staff user's role, empreendimentos and last day.
#[server(endpoint = "equipe/usuario-acesso")]
pub async fn update_staff_access(
    id: i64,
    role: String,
    developments: Option<Vec<i64>>,
    expires_on: String,
) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let page = format!("/equipe/usuarios/{id}");
    let access = access_of(&role, &developments, &expires_on).map_err(reject)?;
    match context.portal.set_staff_access(&staff, id, &access).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?salvo=1"));
            Ok(())
        }
        Err(portal::staff::StaffError::Fields(errors)) => {
            let draft = StaffFormDraft {
                role,
                developments: developments.unwrap_or_default(),
                expires_on,
                errors: errors.into_iter().collect(),
                ..StaffFormDraft::default()
            };
            let back = back_with_draft(&context, &page, draft).await?;
            Err(fail_form(AppError::InvalidForm, &parts, |_| back))
        }
        Err(portal::staff::StaffError::Invalid(sentence)) => {
            let mut errors = std::collections::BTreeMap::new();
            errors.insert("role".to_string(), sentence);
            let draft = StaffFormDraft {
                role,
                developments: developments.unwrap_or_default(),
                expires_on,
                errors,
                ..Default::default()
            };
            let back = back_with_draft(&context, &page, draft).await?;
            Err(fail_form(AppError::InvalidForm, &parts, |_| back))
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}

/// Deactivates (`acao = desativar`, ending their sessions) or reactivates (`reativar`) a user,
/// or sends a new invitation (`reenviar`).
#[server(endpoint = "equipe/usuario-situacao")]
pub async fn change_staff_user(id: i64, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let page = format!("/equipe/usuarios/{id}");
    let (result, done) = match action.as_str() {
        "desativar" => (context.portal.set_staff_active(&staff, id, false).await, "desativado"),
        "reativar" => (context.portal.set_staff_active(&staff, id, true).await, "reativado"),
        "reenviar" => (context.portal.resend_staff_invitation(&staff, id).await, "reenviado"),
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?{done}=1"));
            Ok(())
        }
        Err(portal::staff::StaffError::Invalid(_)) => {
            Err(fail_form(AppError::Forbidden, &parts, |error| format!("{page}?erro={}", error.code())))
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}

/// Ends one session of a staff user (their own, or anyone's for an admin).
#[server(endpoint = "equipe/usuario-encerrar-sessao")]
pub async fn end_staff_session(id: i64, session: i64) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let page = format!("/equipe/usuarios/{id}");
    match context.portal.end_staff_session(&staff, id, session).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?sessao-encerrada=1"));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}
