//! Seed 000 `GET /boleto`, `/boleto/{id}` and `/boleto/{id}/pdf`: the caller's installments,
//! one with its payment codes, and its PDF.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal::finance::{InstallmentFilter, InstallmentLine};
use portal::paging::PageRequest;
use serde::{Deserialize, Serialize};

use super::error::{ApiError, BuyerRefusals, ErrorBody, Refusals};
use super::extract::{record_id, ApiQuery, Caller, Listed, Paged};
use crate::http::files::attachment;
use crate::http::AppState;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct BoletoQuery {
    /// `em-aberto`, `vencidas` ou `pagas`.
    situacao: Option<String>,
    /// O número de um dos contratos.
    contrato: Option<String>,
    /// O ano do vencimento.
    ano: Option<String>,
    /// A página, a partir de 1.
    #[param(minimum = 1)]
    pagina: Option<u64>,
    /// Itens por página, até 100 (50 se ausente).
    #[param(minimum = 1, maximum = 100)]
    por_pagina: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct InstallmentAnswer {
    id: i64,
    contrato_id: i64,
    contrato: String,
    parcela: i64,
    tipo: String,
    vencimento: String,
    /// What is owed: the original amount plus its monetary correction.
    valor_centavos: i64,
    valor_original_centavos: i64,
    correcao_centavos: i64,
    situacao: &'static str,
    pago_em: Option<String>,
    valor_pago_centavos: Option<i64>,
    link: String,
}

impl Listed for InstallmentAnswer {
    const LIST: &'static str = "boletos";
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
            valor_original_centavos: line.original.0,
            correcao_centavos: line.correction.0,
            situacao: line.status.code(),
            pago_em: line.paid_on.clone(),
            valor_pago_centavos: line.paid_amount.map(|amount| amount.0),
            link: format!("/api/v1/boleto/{}", line.id),
        }
    }
}

#[utoipa::path(get, path = "/boleto", summary = "As parcelas (boletos) da pessoa com a situação; `situacao` (`em-aberto`, `vencidas`, `pagas`), `contrato` e `ano` filtram.", tag = "Financeiro", security(("comprador" = [])), params(BoletoQuery),
    responses((status = 200, description = "Uma página das parcelas", body = Paged<InstallmentAnswer>),
        BuyerRefusals, Refusals))]
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
    Ok(Json(Paged::new(page, installments.map(|line| InstallmentAnswer::of(&line)))))
}

#[derive(Serialize, ToSchema)]
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
    /// The active 2ª via of an overdue installment, whose codes the fields above carry.
    segunda_via: Option<ReissueAnswer>,
    pdf: String,
}

/// A 2ª via's due date and amounts (centavos).
#[derive(Serialize, ToSchema)]
pub(super) struct ReissueAnswer {
    vencimento: String,
    valor_original_centavos: i64,
    multa_centavos: i64,
    juros_centavos: i64,
    dias_em_atraso: i64,
    total_centavos: i64,
}

impl ReissueAnswer {
    fn of(view: &portal::finance::ReissueView) -> Self {
        Self {
            vencimento: view.due_iso.clone(),
            valor_original_centavos: view.charge.original.0,
            multa_centavos: view.charge.fine.0,
            juros_centavos: view.charge.interest.0,
            dias_em_atraso: view.charge.days_late,
            total_centavos: view.charge.total.0,
        }
    }
}

#[derive(Serialize, ToSchema)]
struct BeneficiaryAnswer {
    nome: String,
    cnpj: String,
    banco: String,
    agencia_conta: String,
}

#[utoipa::path(get, path = "/boleto/{id}", summary = "Um boleto da pessoa, com linha digitável, código de barras, PIX e o endereço do PDF.", tag = "Financeiro", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da parcela")),
    responses((status = 200, description = "A parcela com seus códigos de pagamento", body = BoletoAnswer),
        BuyerRefusals, Refusals))]
/// One boleto of the caller, with linha digitável, barcode, PIX and the PDF's address.
pub(super) async fn boleto(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Json<BoletoAnswer>, ApiError> {
    let detail = state.portal.my_boleto(user.person_id, record_id(&id)?).await?;
    Ok(Json(answer_of(detail)))
}

fn answer_of(detail: portal::finance::BoletoDetail) -> BoletoAnswer {
    let payment = detail.payment.as_ref();
    BoletoAnswer {
        segunda_via: detail.reissue.as_ref().map(ReissueAnswer::of),
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
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ReissueQuery {
    /// O novo vencimento a cotar, `aaaa-mm-dd`.
    vencimento: Option<String>,
}

/// What a 2ª via would be: the window of new due dates and, for `vencimento`, its amounts
/// (what the buyer confirms). 409 when the installment has no 2ª via to offer (not overdue,
/// already has a payable one, or no bank).
#[derive(Serialize, ToSchema)]
pub(super) struct ReissueOfferAnswer {
    vencimento_de: String,
    vencimento_ate: String,
    valores: Option<ReissueAnswer>,
}

#[utoipa::path(get, path = "/boleto/{id}/segunda-via", tag = "Financeiro", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da parcela vencida"), ReissueQuery),
    responses((status = 200, description = "A janela de vencimentos e, para `vencimento`, os valores", body = ReissueOfferAnswer),
        (status = 409, description = "A parcela não tem 2ª via a emitir (`sem_segunda_via`)", body = ErrorBody),
        (status = 422, description = "Vencimento fora da janela ou inválido", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// Quanto seria a 2ª via de uma parcela vencida.
pub(super) async fn reissue_quote(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ReissueQuery>,
) -> Result<Json<ReissueOfferAnswer>, ApiError> {
    let detail = state
        .portal
        .my_boleto_with_quote(user.person_id, record_id(&id)?, query.vencimento.as_deref())
        .await?;
    let offer = detail.reissue_offer.ok_or_else(no_reissue)?;
    if let Some(refusal) = offer.refusal {
        return Err(ApiError {
            message: refusal,
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "dados_invalidos", "")
        });
    }
    Ok(Json(ReissueOfferAnswer {
        vencimento_de: offer.earliest,
        vencimento_ate: offer.latest,
        valores: offer.quote.as_ref().map(ReissueAnswer::of),
    }))
}

fn no_reissue() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "sem_segunda_via",
        "Esta parcela não tem 2ª via a emitir: só uma parcela vencida, sem 2ª via em dia, com cobrança disponível.",
    )
}

#[derive(Deserialize, ToSchema)]
pub(super) struct ReissueRequest {
    /// O novo vencimento, `aaaa-mm-dd`, dentro da janela que a cotação dá.
    vencimento: String,
}

#[utoipa::path(post, path = "/boleto/{id}/segunda-via", summary = "Emite a 2ª via com o vencimento escolhido e devolve o boleto com os códigos; pedir de novo enquanto uma vale devolve essa.", tag = "Financeiro", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da parcela vencida")), request_body = ReissueRequest,
    responses((status = 201, description = "A 2ª via emitida (ou a que já estava em dia)", body = BoletoAnswer),
        (status = 409, description = "A parcela não tem 2ª via a emitir (`sem_segunda_via`)", body = ErrorBody),
        (status = 422, description = "Vencimento fora da janela ou inválido", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// Issues the 2ª via (`{"vencimento": "aaaa-mm-dd"}`) and answers the boleto with its codes;
/// asking again while one is payable answers that one.
pub(super) async fn issue_reissue(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    payload: Result<Json<ReissueRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<BoletoAnswer>), ApiError> {
    let request = super::error::body(payload)?;
    let id = record_id(&id)?;
    match state.portal.issue_my_reissue(user.person_id, id, &request.vencimento).await? {
        Ok(()) => {}
        Err(portal::finance::reissue::ReissueError::OutOfWindow(earliest, latest)) => {
            return Err(ApiError {
                message: format!("Escolha um vencimento de {earliest} a {latest}."),
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "dados_invalidos", "")
            })
        }
        Err(_) => return Err(no_reissue()),
    }
    let detail = state.portal.my_boleto(user.person_id, id).await?;
    Ok((StatusCode::CREATED, Json(answer_of(detail))))
}

#[utoipa::path(get, path = "/boleto/{id}/pdf", summary = "O PDF do boleto, para o parceiro encaminhar ao comprador.", tag = "Financeiro", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da parcela")),
    responses((status = 200, description = "O boleto em PDF", content_type = "application/pdf", body = Vec<u8>),
        BuyerRefusals, Refusals))]
/// The boleto's PDF for the partner to forward to the buyer.
pub(super) async fn boleto_pdf(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (file_name, pdf) = state.portal.my_boleto_pdf(user.person_id, record_id(&id)?).await?;
    Ok(attachment("application/pdf", &file_name, pdf))
}
