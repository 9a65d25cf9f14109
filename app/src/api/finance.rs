use leptos::prelude::*;
use portal::finance::{BoletoDetail, InstallmentOverview};

use crate::error::AppError;

/// The signed-in buyer's installments, filtered by the page's query (`situacao`, `contrato`,
/// `ano`; anything unknown means "all").
#[server(endpoint = "financeiro")]
pub async fn load_installments(
    status: Option<String>,
    contract: Option<String>,
    year: Option<String>,
) -> Result<InstallmentOverview, AppError> {
    use portal::finance::InstallmentFilter;
    let (user, context) = super::session::signed_in_buyer().await?;
    let filter = InstallmentFilter::from_query(status.as_deref(), contract.as_deref(), year.as_deref());
    context.portal.my_installments(user.person_id, &filter).await.map_err(super::session::reject)
}

/// One boleto of the signed-in buyer; anyone else's is [`AppError::NotFound`]. `due` (a new
/// due date) asks for the amounts of a 2ª via of an overdue one.
#[server(endpoint = "boleto")]
pub async fn load_boleto(id: i64, due: Option<String>) -> Result<BoletoDetail, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context
        .portal
        .my_boleto_with_quote(user.person_id, id, due.as_deref())
        .await
        .map_err(super::session::reject)
}

/// Issues the 2ª via of an overdue installment falling due on `due`, then shows it; a refused
/// day goes back to the choice with the reason.
#[server(endpoint = "boleto-segunda-via")]
pub async fn issue_reissue(id: i64, due: String) -> Result<(), AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    match context.portal.issue_my_reissue(user.person_id, id, &due).await.map_err(super::session::reject)? {
        Ok(()) => leptos_axum::redirect(&format!("/financeiro/boletos/{id}?segunda-via=1")),
        Err(_) => {
            // Only what a date holds goes back into the address.
            let day: String =
                due.chars().filter(|c| c.is_ascii_digit() || matches!(c, '-' | '/')).take(10).collect();
            leptos_axum::redirect(&format!("/financeiro/boletos/{id}?vencimento={day}#segunda-via"))
        }
    }
    Ok(())
}

/// The extrato page: the chosen contract's payments (`contract` from `?contrato=`, else the
/// first contract) and the years with payments.
#[server(endpoint = "extrato")]
pub async fn load_statement(contract: Option<String>) -> Result<portal::finance::StatementPage, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let contract = contract.and_then(|id| id.parse().ok());
    context.portal.my_statement_page(user.person_id, contract).await.map_err(super::session::reject)
}

/// The antecipação page: the chosen contract's future installments priced, the ticked ones
/// (`?parcela=` repeated) summed.
#[server(endpoint = "antecipar")]
pub async fn load_early_payment_offer(
    contract: Option<i64>,
    selected: Vec<i64>,
) -> Result<portal::finance::early_payment::EarlyPaymentOffer, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context
        .portal
        .my_early_payment_offer(user.person_id, contract, &selected)
        .await
        .map_err(super::session::reject)
}

/// Generates the antecipação of the ticked installments and opens its boleto; a refusal goes
/// back to the choice with its reason's code.
#[server(endpoint = "antecipar-gerar")]
pub async fn create_early_payment(contract: i64, parcela: Option<Vec<String>>) -> Result<(), AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    let selected: Vec<i64> = parcela.unwrap_or_default().iter().filter_map(|id| id.parse().ok()).collect();
    let created = context
        .portal
        .create_my_early_payment(user.person_id, contract, &selected)
        .await
        .map_err(super::session::reject)?;
    match created {
        Ok(id) => leptos_axum::redirect(&format!("/financeiro/antecipacoes/{id}?gerada=1")),
        Err(refusal) => {
            let ticked: String = selected.iter().map(|id| format!("&parcela={id}")).collect();
            leptos_axum::redirect(&format!(
                "/financeiro/antecipar?contrato={contract}{ticked}&recusa={}#antecipar",
                refusal.code()
            ))
        }
    }
    Ok(())
}

/// One antecipação of the signed-in buyer, with its boleto while payable.
#[server(endpoint = "antecipacao")]
pub async fn load_early_payment(
    id: i64,
) -> Result<portal::finance::early_payment::EarlyPaymentDetail, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_early_payment(user.person_id, id).await.map_err(super::session::reject)
}
