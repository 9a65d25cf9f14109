//! Server functions of the companies (SPEs) in Configurações (the logo upload is the server's
//! multipart route).

use leptos::prelude::*;
use portal::companies::{CompanyDetail, CompanyForm, CompanyRow};
use portal::records::RecordDraft;

use crate::error::AppError;

/// Every company.
#[server(endpoint = "equipe/empresas")]
pub async fn load_companies() -> Result<Vec<CompanyRow>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_company_list(&staff).await.map_err(crate::api::session::reject)
}

/// A company's page (`id` None: the new company form), and a refused form.
#[server(endpoint = "equipe/empresa")]
pub async fn load_company(
    id: Option<i64>,
    draft: Option<String>,
) -> Result<(Option<CompanyDetail>, Option<RecordDraft<CompanyForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = match id {
        Some(id) => {
            Some(context.portal.staff_company(&staff, id).await.map_err(crate::api::session::reject)?)
        }
        None => {
            // The permission, for the new company form too.
            context.portal.staff_company_list(&staff).await.map_err(crate::api::session::reject)?;
            None
        }
    };
    Ok((detail, super::records::draft_of(&context, portal::companies::COMPANY_DRAFT, draft).await?))
}

/// Creates (`id` empty) or changes a company.
#[server(endpoint = "equipe/empresa-salvar")]
pub async fn save_company(id: Option<i64>, company: CompanyForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.save_company(&staff, id, &company).await {
        Ok(saved) => {
            leptos_axum::redirect(&format!("/equipe/configuracoes/empresas/{saved}?salva=1"));
            Ok(())
        }
        Err(error) => {
            let page = match id {
                Some(id) => format!("/equipe/configuracoes/empresas/{id}"),
                None => "/equipe/configuracoes/empresas/nova".to_string(),
            };
            Err(super::records::refused(&context, portal::companies::COMPANY_DRAFT, &page, company, error)
                .await)
        }
    }
}

/// `marca` (the portal shows this company), `marca-padrao` (the configured brand again) or
/// `retirar-logo`.
#[server(endpoint = "equipe/empresa-acao")]
pub async fn company_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let portal = &context.portal;
    let (result, done) = match action.as_str() {
        "marca" => (portal.set_brand_company(&staff, Some(id)).await, "marca"),
        "marca-padrao" => (portal.set_brand_company(&staff, None).await, "marca-padrao"),
        "retirar-logo" => (portal.set_company_logo(&staff, id, None).await, "logo-retirado"),
        _ => return Err(reject(AppError::BadRequest)),
    };
    let page = format!("/equipe/configuracoes/empresas/{id}");
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?{done}=1"));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}
