//! Server functions of correction: the indices' monthly values (`/equipe/financeiro/indices`;
//! the CSV import is the server's multipart route) and a contract's index.

use leptos::prelude::*;
use portal::finance::correction_model::{CorrectionForm, IndexPage, IndexValueForm};
use portal::records::RecordDraft;

use crate::error::AppError;

/// The indices page, and a refused value or import.
#[server(endpoint = "equipe/indices")]
pub async fn load_indices(
    draft: Option<String>,
) -> Result<(IndexPage, Option<RecordDraft<IndexValueForm>>), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = context.portal.correction_indices(&staff).await.map_err(crate::api::session::reject)?;
    let draft =
        super::records::draft_of(&context, portal::finance::correction_model::INDEX_VALUE_DRAFT, draft)
            .await?;
    Ok((page, draft))
}

/// Saves one month's número-índice.
#[server(endpoint = "equipe/indice-salvar")]
pub async fn save_index_value(value: IndexValueForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = "/equipe/financeiro/indices";
    match context.portal.save_index_value(&staff, &value).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?salvo={}#indice-{}", value.index, value.index));
            Ok(())
        }
        Err(error) => Err(super::records::refused(
            &context,
            portal::finance::correction_model::INDEX_VALUE_DRAFT,
            page,
            value,
            error,
        )
        .await),
    }
}

/// Sets or removes a contract's correction index.
#[server(endpoint = "equipe/contrato-correcao")]
pub async fn save_contract_correction(id: i64, correction: CorrectionForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = format!("/equipe/contratos/{id}");
    match context.portal.save_contract_correction(&staff, id, &correction).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?correcao=1#correcao"));
            Ok(())
        }
        Err(error) => {
            let form = portal::records::ContractPageForm { correction, ..Default::default() };
            Err(super::records::refused(&context, portal::records::CONTRACT_PAGE_DRAFT, &page, form, error)
                .await)
        }
    }
}
