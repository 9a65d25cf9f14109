//! Server functions of Contratos and their installments. A refused form (or a previewed plan)
//! is kept as a draft only the staff session that sent it can read.

use leptos::prelude::*;
use portal::records::{
    ContractDetail, ContractForm, ContractList, ContractPageForm, ContractUnit, InstallmentDetail,
    InstallmentForm, PlanForm, RecordDraft,
};

use crate::error::AppError;

#[cfg(feature = "ssr")]
const CONTRACT_FORM_DRAFT: &str = "equipe-contrato";
#[cfg(feature = "ssr")]
const INSTALLMENT_FORM_DRAFT: &str = "equipe-parcela";

/// One page of contracts (`/equipe/contratos?busca=&situacao=&pagina=`).
#[server(endpoint = "equipe/contratos")]
pub async fn load_contracts(
    search: Option<String>,
    status: Option<String>,
    order: Option<String>,
    page: Option<String>,
) -> Result<ContractList, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let filter = portal::records::ContractFilter {
        search: search.unwrap_or_default().chars().take(100).collect(),
        status: status.unwrap_or_default(),
        order: order.unwrap_or_default(),
        page: page.and_then(|page| page.parse().ok()).unwrap_or(1),
    };
    context.portal.staff_contracts(&staff, &filter).await.map_err(crate::api::session::reject)
}

/// A contract's page, and a refused form or previewed plan of it.
#[server(endpoint = "equipe/contrato")]
pub async fn load_contract(
    id: i64,
    draft: Option<String>,
) -> Result<(ContractDetail, Option<RecordDraft<ContractPageForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = context.portal.staff_contract(&staff, id).await.map_err(crate::api::session::reject)?;
    let draft = super::records::draft_of(&context, portal::records::CONTRACT_PAGE_DRAFT, draft).await?;
    Ok((detail, draft))
}

/// What the new contract form needs: the unit, and a refused form.
#[server(endpoint = "equipe/contrato-formulario")]
pub async fn load_contract_form(
    unit: i64,
    draft: Option<String>,
) -> Result<(ContractUnit, Option<RecordDraft<ContractForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let unit = context.portal.staff_contract_unit(&staff, unit).await.map_err(crate::api::session::reject)?;
    Ok((unit, super::records::draft_of(&context, CONTRACT_FORM_DRAFT, draft).await?))
}

#[server(endpoint = "equipe/contrato-novo")]
pub async fn create_contract(contract: ContractForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.create_contract(&staff, &contract).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/equipe/contratos/{id}?criado=1"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/contratos/novo?unidade={}", contract.unit.trim());
            Err(super::records::refused(&context, CONTRACT_FORM_DRAFT, &page, contract, error).await)
        }
    }
}

/// Moves a contract to `status` with a `reason`.
#[server(endpoint = "equipe/contrato-situacao")]
pub async fn set_contract_status(id: i64, status: String, reason: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/contratos/{id}");
    match context.portal.set_contract_status(&staff, id, &status, &reason).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?situacao=1"));
            Ok(())
        }
        Err(error) => {
            let form = ContractPageForm { status, reason, ..Default::default() };
            Err(super::records::refused(&context, portal::records::CONTRACT_PAGE_DRAFT, &page, form, error)
                .await)
        }
    }
}

/// Sets each buyer's part (`share[]`, in the parties' order), or equal parts (`equal`).
#[server(endpoint = "equipe/contrato-partes")]
pub async fn set_shares(id: i64, share: Option<Vec<String>>, equal: Option<String>) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/contratos/{id}");
    let shares = share.unwrap_or_default();
    let given = if equal.is_some() { None } else { Some(shares.as_slice()) };
    match context.portal.staff_set_shares(&staff, id, given).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?partes=1#partes"));
            Ok(())
        }
        Err(error) => {
            let form = ContractPageForm { shares, ..Default::default() };
            Err(super::records::refused(&context, portal::records::CONTRACT_PAGE_DRAFT, &page, form, error)
                .await)
        }
    }
}

/// The payment plan: previewed first (kept as a draft the page shows), saved with `confirm`.
#[server(endpoint = "equipe/contrato-plano")]
pub async fn plan_installments(id: i64, plan: PlanForm, confirm: Option<String>) -> Result<(), AppError> {
    use crate::api::session::{reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/contratos/{id}");
    let draft_name = portal::records::CONTRACT_PAGE_DRAFT;
    if confirm.is_some() {
        return match context.portal.add_plan(&staff, id, &plan).await {
            Ok(count) => {
                leptos_axum::redirect(&format!("{page}?parcelas={count}#parcelas"));
                Ok(())
            }
            Err(error) => {
                let form = ContractPageForm { plan, ..Default::default() };
                Err(super::records::refused(&context, draft_name, &page, form, error).await)
            }
        };
    }
    match context.portal.preview_plan(&staff, id, &plan).await {
        Ok(preview) => {
            let parts = request_parts()?;
            let owner =
                context.session_cookie.staff_draft_owner(&parts.headers).ok_or(AppError::Unauthenticated)?;
            let form = ContractPageForm { plan, preview: Some(preview), ..Default::default() };
            let draft = RecordDraft { form, errors: Default::default() };
            let kept = context.portal.keep_draft(draft_name, &owner, &draft).await.map_err(reject)?;
            // The preview is an answer, not a failure: the page shows it with the button to save.
            if crate::api::session::is_plain_form_post(&parts) {
                leptos_axum::redirect(&format!("{page}?rascunho={kept}#plano"));
            }
            Ok(())
        }
        Err(error) => {
            let form = ContractPageForm { plan, ..Default::default() };
            Err(super::records::refused(&context, draft_name, &page, form, error).await)
        }
    }
}

/// An installment's page, a refused form of it, and a refused manual payment (or undo).
#[server(endpoint = "equipe/parcela")]
pub async fn load_installment(id: i64, draft: Option<String>) -> Result<InstallmentPageData, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail = context.portal.staff_installment(&staff, id).await.map_err(crate::api::session::reject)?;
    let payment =
        super::records::draft_of(&context, portal::finance::billing::MANUAL_PAYMENT_DRAFT, draft.clone())
            .await?;
    Ok((detail, super::records::draft_of(&context, INSTALLMENT_FORM_DRAFT, draft).await?, payment))
}

/// An installment, its refused form, and its refused manual payment form.
pub type InstallmentPageData = (
    InstallmentDetail,
    Option<RecordDraft<InstallmentForm>>,
    Option<RecordDraft<portal::finance::billing::ManualPaymentForm>>,
);

#[server(endpoint = "equipe/parcela-editar")]
pub async fn update_installment(id: i64, installment: InstallmentForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.update_installment(&staff, id, &installment).await {
        Ok(contract) => {
            leptos_axum::redirect(&format!("/equipe/contratos/{contract}?parcela=1#parcelas"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/parcelas/{id}");
            Err(super::records::refused(&context, INSTALLMENT_FORM_DRAFT, &page, installment, error).await)
        }
    }
}
