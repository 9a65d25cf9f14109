//! Server functions of Empreendimentos and Unidades. A refused form is kept as a draft only
//! the staff session that sent it can read, and the browser goes back to the form with it.

use leptos::prelude::*;
use portal::records::{
    CompanyChoice, DevelopmentDetail, DevelopmentForm, DevelopmentPageForm, DevelopmentRow, RecordDraft,
    UnitBatchForm, UnitDetail, UnitForm,
};

use crate::error::AppError;

#[cfg(feature = "ssr")]
const DEVELOPMENT_FORM_DRAFT: &str = "equipe-empreendimento";
#[cfg(feature = "ssr")]
const UNIT_BATCH_DRAFT: &str = "equipe-unidades";
#[cfg(feature = "ssr")]
const UNIT_FORM_DRAFT: &str = "equipe-unidade";

/// The refused form `name` with id `id`, for this staff session (`None` without one).
#[cfg(feature = "ssr")]
pub(crate) async fn draft_of<T: serde::de::DeserializeOwned>(
    context: &crate::context::ServerContext,
    name: &str,
    id: Option<String>,
) -> Result<Option<RecordDraft<T>>, AppError> {
    let Some(id) = id else { return Ok(None) };
    let parts = crate::api::session::request_parts()?;
    let owner = context.session_cookie.staff_draft_owner(&parts.headers);
    context.portal.draft(name, &id, owner.as_deref()).await.map_err(crate::api::session::reject)
}

/// After a refusal: a rule broken (under a field, or one sentence under `geral`) keeps the
/// form and goes back to `page` with it; anything else goes back with the error's code.
#[cfg(feature = "ssr")]
pub(crate) async fn refused<T: serde::Serialize>(
    context: &crate::context::ServerContext,
    name: &str,
    page: &str,
    form: T,
    error: portal::staff::StaffError,
) -> AppError {
    use crate::api::session::{fail_form, request_parts};
    use portal::staff::StaffError;
    let Ok(parts) = request_parts() else { return AppError::Unavailable };
    let joint = if page.contains('?') { '&' } else { '?' };
    let errors = match error {
        StaffError::Fields(errors) => errors,
        StaffError::Invalid(sentence) => [("geral".to_string(), sentence)].into_iter().collect(),
        error => return fail_form(error, &parts, |error| format!("{page}{joint}erro={}", error.code())),
    };
    let Some(owner) = context.session_cookie.staff_draft_owner(&parts.headers) else {
        return AppError::Unauthenticated;
    };
    match context.portal.keep_draft(name, &owner, &RecordDraft { form, errors }).await {
        Ok(id) => fail_form(AppError::InvalidForm, &parts, |_| format!("{page}{joint}rascunho={id}")),
        Err(error) => crate::api::session::reject(error),
    }
}

#[cfg(feature = "ssr")]
fn require_edit(staff: &portal::staff::CurrentStaff) -> Result<(), AppError> {
    if staff.may(portal::staff::Permission::EditRecords) {
        Ok(())
    } else {
        Err(crate::api::session::reject(AppError::Forbidden))
    }
}

/// Every empreendimento in the staff user's scope, and whether they may create one.
#[server(endpoint = "equipe/empreendimentos")]
pub async fn load_developments() -> Result<(Vec<DevelopmentRow>, bool), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let rows = context.portal.staff_development_list(&staff).await.map_err(crate::api::session::reject)?;
    let may_create = staff.may_create_developments();
    Ok((rows, may_create))
}

/// An empreendimento's page, and a refused form of it.
#[server(endpoint = "equipe/empreendimento")]
pub async fn load_development(
    id: i64,
    draft: Option<String>,
) -> Result<(DevelopmentDetail, Option<RecordDraft<DevelopmentPageForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = context.portal.staff_development(&staff, id).await.map_err(crate::api::session::reject)?;
    let draft = draft_of(&context, portal::records::DEVELOPMENT_PAGE_DRAFT, draft).await?;
    Ok((detail, draft))
}

/// What the empreendimento form needs: the companies, and a refused form. Creating is for
/// unscoped staff only (a scoped user would not see what they create).
#[server(endpoint = "equipe/empreendimento-formulario")]
pub async fn load_development_form(
    draft: Option<String>,
    creating: bool,
) -> Result<(Vec<CompanyChoice>, Option<RecordDraft<DevelopmentForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    require_edit(&staff)?;
    if creating && !staff.may_create_developments() {
        return Err(crate::api::session::reject(AppError::Forbidden));
    }
    let companies = context.portal.staff_companies(&staff).await.map_err(crate::api::session::reject)?;
    Ok((companies, draft_of(&context, DEVELOPMENT_FORM_DRAFT, draft).await?))
}

#[server(endpoint = "equipe/empreendimento-novo")]
pub async fn create_development(development: DevelopmentForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.create_development(&staff, &development).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/equipe/empreendimentos/{id}?criado=1"));
            Ok(())
        }
        Err(error) => {
            Err(refused(&context, DEVELOPMENT_FORM_DRAFT, "/equipe/empreendimentos/novo", development, error)
                .await)
        }
    }
}

#[server(endpoint = "equipe/empreendimento-editar")]
pub async fn update_development(id: i64, development: DevelopmentForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.update_development(&staff, id, &development).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/equipe/empreendimentos/{id}?salvo=1"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/empreendimentos/{id}/editar");
            Err(refused(&context, DEVELOPMENT_FORM_DRAFT, &page, development, error).await)
        }
    }
}

/// Replaces the construction stages (parallel lists of names and %).
#[server(endpoint = "equipe/empreendimento-etapas")]
pub async fn save_stages(
    id: i64,
    stage_name: Option<Vec<String>>,
    stage_percent: Option<Vec<String>>,
) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let names = stage_name.unwrap_or_default();
    let percents = stage_percent.unwrap_or_default();
    let lines: Vec<portal::records::StageLine> = names
        .into_iter()
        .take(40)
        .enumerate()
        .map(|(index, name)| portal::records::StageLine {
            name,
            percent: percents.get(index).cloned().unwrap_or_default(),
        })
        .collect();
    let page = format!("/equipe/empreendimentos/{id}");
    match context.portal.set_development_stages(&staff, id, &lines).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?etapas=1#etapas"));
            Ok(())
        }
        Err(error) => {
            let form = DevelopmentPageForm { stages: Some(lines), ..Default::default() };
            Err(refused(&context, portal::records::DEVELOPMENT_PAGE_DRAFT, &page, form, error).await)
        }
    }
}

/// Adds a block (`block` empty) or renames one.
#[server(endpoint = "equipe/empreendimento-bloco")]
pub async fn save_block(id: i64, block: Option<String>, name: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let block = match block.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            Some(text.parse::<i64>().map_err(|_| crate::api::session::reject(AppError::BadRequest))?)
        }
    };
    let page = format!("/equipe/empreendimentos/{id}");
    match context.portal.save_block(&staff, id, block, &name).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?bloco=1#blocos"));
            Ok(())
        }
        Err(error) => {
            let form = DevelopmentPageForm { block_name: name, ..Default::default() };
            let error = match error {
                portal::staff::StaffError::Invalid(sentence) => {
                    portal::staff::StaffError::Fields([("block".to_string(), sentence)].into_iter().collect())
                }
                other => other,
            };
            Err(refused(&context, portal::records::DEVELOPMENT_PAGE_DRAFT, &page, form, error).await)
        }
    }
}

/// Takes a photo of the works down.
#[server(endpoint = "equipe/foto-retirar")]
pub async fn remove_photo(id: i64) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    match context.portal.staff_remove_works_photo(&staff, id).await {
        Ok(development) => {
            leptos_axum::redirect(&format!("/equipe/empreendimentos/{development}?foto-retirada=1#fotos"));
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &parts, |error| format!("/equipe/empreendimentos?erro={}", error.code())))
        }
    }
}

/// What the new units form needs: the empreendimento (its blocks) and a refused form.
#[server(endpoint = "equipe/unidades-formulario")]
pub async fn load_unit_batch_form(
    id: i64,
    draft: Option<String>,
) -> Result<(DevelopmentDetail, Option<RecordDraft<UnitBatchForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    require_edit(&staff)?;
    let detail = context.portal.staff_development(&staff, id).await.map_err(crate::api::session::reject)?;
    Ok((detail, draft_of(&context, UNIT_BATCH_DRAFT, draft).await?))
}

#[server(endpoint = "equipe/unidades-novas")]
pub async fn create_units(id: i64, units: UnitBatchForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.create_units(&staff, id, &units).await {
        Ok(count) => {
            leptos_axum::redirect(&format!("/equipe/empreendimentos/{id}?unidades={count}#unidades"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/empreendimentos/{id}/unidades/novas");
            Err(refused(&context, UNIT_BATCH_DRAFT, &page, units, error).await)
        }
    }
}

/// A unit's page, and a refused form of it.
#[server(endpoint = "equipe/unidade")]
pub async fn load_unit(
    id: i64,
    draft: Option<String>,
) -> Result<(UnitDetail, Option<RecordDraft<UnitForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = context.portal.staff_unit(&staff, id).await.map_err(crate::api::session::reject)?;
    Ok((detail, draft_of(&context, UNIT_FORM_DRAFT, draft).await?))
}

#[server(endpoint = "equipe/unidade-editar")]
pub async fn update_unit(id: i64, unit: UnitForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.update_unit(&staff, id, &unit).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/equipe/unidades/{id}?salva=1"));
            Ok(())
        }
        Err(error) => {
            Err(refused(&context, UNIT_FORM_DRAFT, &format!("/equipe/unidades/{id}"), unit, error).await)
        }
    }
}

/// Sets a unit's status: `disponivel`, `reservada` or `vendida`.
#[server(endpoint = "equipe/unidade-situacao")]
pub async fn set_unit_status(id: i64, status: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/unidades/{id}");
    match context.portal.set_unit_status(&staff, id, &status).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?situacao=1"));
            Ok(())
        }
        Err(error) => Err(refused(&context, UNIT_FORM_DRAFT, &page, UnitForm::default(), error).await),
    }
}
