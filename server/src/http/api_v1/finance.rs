//! Seed 000 `GET /boleto`, `/boleto/{id}` and `/boleto/{id}/pdf`: the caller's installments,
//! one with its payment codes, and its PDF.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use portal::finance::{InstallmentFilter, InstallmentLine};
use portal::paging::PageRequest;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::extract::{record_id, ApiQuery, Caller, Paged};
use crate::http::files::attachment;
use crate::http::AppState;

#[derive(Deserialize)]
pub(super) struct BoletoQuery {
    situacao: Option<String>,
    contrato: Option<String>,
    ano: Option<String>,
    pagina: Option<u64>,
    por_pagina: Option<u64>,
}

#[derive(Serialize)]
pub(super) struct InstallmentAnswer {
    id: i64,
    contrato_id: i64,
    contrato: String,
    parcela: i64,
    tipo: String,
    vencimento: String,
    valor_centavos: i64,
    situacao: &'static str,
    pago_em: Option<String>,
    valor_pago_centavos: Option<i64>,
    link: String,
}

impl InstallmentAnswer {
    fn of(line: &InstallmentLine) -> Self {
        Self {
            id: line.id,
            contrato_id: line.contract_id,
            contrato: line.contract_number.clone(),
            parcela: line.number,
            tipo: line.kind.clone(),
            vencimento: line.due_iso.clone(),
            valor_centavos: line.amount.0,
            situacao: line.status.code(),
            pago_em: line.paid_on.clone(),
            valor_pago_centavos: line.paid_amount.map(|amount| amount.0),
            link: format!("/api/v1/boleto/{}", line.id),
        }
    }
}

/// The caller's boletos (installments) with their status; `situacao` (`em-aberto`, `vencidas`,
/// `pagas`), `contrato` and `ano` filter; `pagina` / `por_pagina` (up to 100) paginate.
pub(super) async fn boletos(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiQuery(query): ApiQuery<BoletoQuery>,
) -> Result<Json<Paged<InstallmentAnswer>>, ApiError> {
    let filter = InstallmentFilter::from_query(
        query.situacao.as_deref(),
        query.contrato.as_deref(),
        query.ano.as_deref(),
    );
    let page = PageRequest::new(query.pagina, query.por_pagina);
    let installments = state.portal.my_installment_page(user.person_id, &filter, page).await?;
    Ok(Json(Paged::new("boletos", page, installments.map(|line| InstallmentAnswer::of(&line)))))
}

#[derive(Serialize)]
pub(super) struct BoletoAnswer {
    #[serde(flatten)]
    installment: InstallmentAnswer,
    empreendimento: String,
    unidade: String,
    linha_digitavel: Option<String>,
    codigo_barras: Option<String>,
    nosso_numero: Option<String>,
    pix_copia_e_cola: Option<String>,
    beneficiario: Option<BeneficiaryAnswer>,
    pdf: String,
}

#[derive(Serialize)]
struct BeneficiaryAnswer {
    nome: String,
    cnpj: String,
    banco: String,
    agencia_conta: String,
}

/// One boleto of the caller, with linha digitável, barcode, PIX and the PDF's address.
pub(super) async fn boleto(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Json<BoletoAnswer>, ApiError> {
    let detail = state.portal.my_boleto(user.person_id, record_id(&id)?).await?;
    let payment = detail.payment.as_ref();
    Ok(Json(BoletoAnswer {
        installment: InstallmentAnswer::of(&detail.installment),
        empreendimento: detail.development_name.clone(),
        unidade: detail.unit_label.clone(),
        linha_digitavel: payment.map(|payment| payment.digitable_line.clone()),
        codigo_barras: payment.map(|payment| payment.barcode.clone()),
        nosso_numero: payment.map(|payment| payment.nosso_numero.clone()),
        pix_copia_e_cola: payment.and_then(|payment| payment.pix_payload.clone()),
        beneficiario: detail.beneficiary.map(|beneficiary| BeneficiaryAnswer {
            nome: beneficiary.name,
            cnpj: beneficiary.document,
            banco: beneficiary.bank,
            agencia_conta: beneficiary.agency_account,
        }),
        pdf: format!("/api/v1/boleto/{}/pdf", detail.installment.id),
    }))
}

/// The boleto's PDF for the partner to forward to the buyer.
pub(super) async fn boleto_pdf(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (file_name, pdf) = state.portal.my_boleto_pdf(user.person_id, record_id(&id)?).await?;
    Ok(attachment("application/pdf", &file_name, pdf))
}
