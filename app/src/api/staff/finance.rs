//! Server functions of Cobrança (`/equipe/financeiro`): company bank settings, remessas,
//! retornos (the upload is the server's multipart route) and payments by hand.

use leptos::prelude::*;
use portal::finance::billing::{
    BillingForm, BillingOverview, CompanyBillingDetail, ManualPaymentForm, RetornoPage,
};
use portal::records::RecordDraft;

use crate::error::AppError;

/// The Cobrança page, the refused remessa form and a refused retorno upload.
#[server(endpoint = "equipe/cobranca")]
pub async fn load_billing(
    draft: Option<String>,
) -> Result<(BillingOverview, Option<RecordDraft<String>>), AppError> {
    use portal::finance::billing::{REMESSA_DRAFT, RETORNO_DRAFT};
    let (staff, context) = super::session::staff_and_context().await?;
    let overview = context.portal.billing_overview(&staff).await.map_err(crate::api::session::reject)?;
    let mut refused = super::records::draft_of(&context, RETORNO_DRAFT, draft.clone()).await?;
    if refused.is_none() {
        refused = super::records::draft_of(&context, REMESSA_DRAFT, draft).await?;
    }
    Ok((overview, refused))
}

/// A company's bank and PIX settings, and a refused form of them.
#[server(endpoint = "equipe/cobranca-empresa")]
pub async fn load_company_billing(
    id: i64,
    draft: Option<String>,
) -> Result<(CompanyBillingDetail, Option<RecordDraft<BillingForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let detail =
        context.portal.company_billing_detail(&staff, id).await.map_err(crate::api::session::reject)?;
    Ok((detail, super::records::draft_of(&context, portal::finance::billing::BILLING_DRAFT, draft).await?))
}

#[server(endpoint = "equipe/cobranca-empresa-salvar")]
pub async fn save_company_billing(id: i64, billing: BillingForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/financeiro/empresas/{id}");
    match context.portal.save_company_billing(&staff, id, &billing).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?salva=1"));
            Ok(())
        }
        Err(error) => Err(super::records::refused(
            &context,
            portal::finance::billing::BILLING_DRAFT,
            &page,
            billing,
            error,
        )
        .await),
    }
}

/// Generates a company's remessa of boletos due until `due_until`; the page then offers it.
#[server(endpoint = "equipe/remessa-gerar")]
pub async fn generate_remessa(company: i64, due_until: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.generate_remessa(&staff, company, &due_until).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/equipe/financeiro?remessa={id}#arquivos"));
            Ok(())
        }
        Err(error) => {
            let page = "/equipe/financeiro#remessa";
            Err(super::records::refused(
                &context,
                portal::finance::billing::REMESSA_DRAFT,
                page,
                due_until,
                error,
            )
            .await)
        }
    }
}

/// A retorno's preview (before it is applied) or record (after).
#[server(endpoint = "equipe/retorno")]
pub async fn load_retorno(id: i64) -> Result<RetornoPage, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.retorno_page(&staff, id).await.map_err(crate::api::session::reject)
}

#[server(endpoint = "equipe/retorno-aplicar")]
pub async fn apply_retorno(id: i64) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let page = format!("/equipe/financeiro/retornos/{id}");
    match context.portal.apply_retorno(&staff, id).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?aplicado=1"));
            Ok(())
        }
        Err(portal::staff::StaffError::Invalid(_)) => {
            leptos_axum::redirect(&format!("{page}?ja-aplicado=1"));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}

/// Records a payment by hand.
#[server(endpoint = "equipe/parcela-pagar")]
pub async fn record_manual_payment(id: i64, payment: ManualPaymentForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.record_manual_payment(&staff, id, &payment).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("/equipe/parcelas/{id}?paga=1"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/parcelas/{id}");
            Err(super::records::refused(
                &context,
                portal::finance::billing::MANUAL_PAYMENT_DRAFT,
                &page,
                payment,
                error,
            )
            .await)
        }
    }
}

/// Undoes a payment recorded by hand by mistake.
#[server(endpoint = "equipe/parcela-desfazer-pagamento")]
pub async fn undo_manual_payment(id: i64, reason: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.undo_manual_payment(&staff, id, &reason).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("/equipe/parcelas/{id}?desfeito=1"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/parcelas/{id}");
            let form = ManualPaymentForm { reason, ..Default::default() };
            Err(super::records::refused(
                &context,
                portal::finance::billing::MANUAL_PAYMENT_DRAFT,
                &page,
                form,
                error,
            )
            .await)
        }
    }
}

/// Inadimplência as of today.
#[server(endpoint = "equipe/inadimplencia")]
pub async fn load_delinquency() -> Result<portal::finance::billing::DelinquencyReport, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.delinquency_report(&staff).await.map_err(crate::api::session::reject)
}

/// Recebimentos in a period (`aaaa-mm-dd` or `dd/mm/aaaa`; the current month by default), per
/// `dia` or `mes`; a bad period is the error's sentence.
#[server(endpoint = "equipe/recebimentos")]
pub async fn load_receipts(
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
) -> Result<Result<portal::finance::billing::ReceiptsReport, String>, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.receipts_report(&staff, from.as_deref(), to.as_deref(), by.as_deref()).await {
        Ok(report) => Ok(Ok(report)),
        Err(portal::staff::StaffError::Invalid(sentence)) => Ok(Err(sentence)),
        Err(error) => Err(crate::api::session::reject(error)),
    }
}

/// Issues the 2ª via of an overdue installment falling due on `due`.
#[server(endpoint = "equipe/parcela-segunda-via")]
pub async fn staff_issue_reissue(id: i64, due: String) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.staff_issue_reissue(&staff, id, &due).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("/equipe/parcelas/{id}?segunda-via=1"));
            Ok(())
        }
        Err(error) => {
            let page = format!("/equipe/parcelas/{id}");
            let form = ManualPaymentForm { paid_on: due, ..Default::default() };
            Err(super::records::refused(
                &context,
                portal::finance::billing::MANUAL_PAYMENT_DRAFT,
                &page,
                form,
                error,
            )
            .await)
        }
    }
}
