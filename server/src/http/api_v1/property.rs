//! Seed 000 `GET /contrato`, `/empreendimento` and `/unidade`: the caller's contracts, the
//! empreendimentos they buy in (with construction progress and photos) and their units.

use axum::extract::State;
use axum::Json;
use portal::property::{ContractSummary, DevelopmentSummary};
use serde::Serialize;

use super::error::{ApiError, BuyerRefusals, Refusals};
use super::extract::{ApiQuery, Caller, Listed, PageQuery, Paged};
use super::works::PhotoAnswer;
use crate::http::AppState;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/contrato", summary = "Os contratos da pessoa, com unidade, empreendimento e posição de pagamento.", tag = "Meu Imóvel", security(("comprador" = [])), params(PageQuery),
    responses((status = 200, description = "Uma página dos contratos", body = Paged<ContractSummary>),
        BuyerRefusals, Refusals))]
/// The buyer's contracts with unit, empreendimento and payment position.
pub(super) async fn contracts(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Paged<ContractSummary>>, ApiError> {
    let page = query.page();
    let contracts = state.portal.my_contract_page(user.person_id, page).await?;
    Ok(Json(Paged::new(page, contracts)))
}

impl Listed for ContractSummary {
    const LIST: &'static str = "contratos";
}

#[derive(Serialize, ToSchema)]
pub(super) struct Developments {
    empreendimentos: Vec<DevelopmentAnswer>,
}

#[derive(Serialize, ToSchema)]
struct DevelopmentAnswer {
    id: i64,
    nome: String,
    endereco: String,
    cidade: String,
    uf: String,
    estagio: &'static str,
    obra_percentual: i64,
    etapas: Vec<StageAnswer>,
    fotos_total: i64,
    fotos_recentes: Vec<PhotoAnswer>,
    fotos: String,
    entrega_prevista: Option<String>,
    entregue_em: Option<String>,
    sindico: bool,
    contratos: Vec<String>,
}

#[derive(Serialize, ToSchema)]
struct StageAnswer {
    nome: String,
    percentual: i64,
}

impl DevelopmentAnswer {
    fn of(development: &DevelopmentSummary, contracts: &[ContractSummary]) -> Self {
        Self {
            id: development.id,
            nome: development.name.clone(),
            endereco: development.address.clone(),
            cidade: development.city.clone(),
            uf: development.state.clone(),
            estagio: development.stage.label(),
            obra_percentual: development.progress_percent,
            etapas: development
                .stages
                .iter()
                .map(|stage| StageAnswer { nome: stage.name.clone(), percentual: stage.percent })
                .collect(),
            fotos_total: development.photo_count,
            fotos_recentes: development.recent_photos.iter().map(PhotoAnswer::of).collect(),
            fotos: format!("/api/v1/empreendimento/{}/foto", development.id),
            entrega_prevista: development.expected_delivery.clone(),
            entregue_em: development.delivered_on.clone(),
            sindico: development.is_syndic,
            contratos: contracts.iter().map(|contract| contract.number.clone()).collect(),
        }
    }
}

#[utoipa::path(get, path = "/empreendimento", summary = "Os empreendimentos em que a pessoa compra, com estágio e andamento da obra.", tag = "Meu Imóvel", security(("comprador" = [])),
    responses((status = 200, description = "Os empreendimentos", body = Developments),
        BuyerRefusals, Refusals))]
/// Seed 000 `GET /empreendimento`: the empreendimentos the caller buys in, with stage and
/// construction progress.
pub(super) async fn developments(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<Developments>, ApiError> {
    let property = state.portal.my_property(user.person_id).await?;
    let empreendimentos = property
        .by_development()
        .into_iter()
        .map(|(development, contracts)| DevelopmentAnswer::of(&development, &contracts))
        .collect();
    Ok(Json(Developments { empreendimentos }))
}

#[derive(Serialize, ToSchema)]
pub(super) struct Units {
    unidades: Vec<UnitAnswer>,
}

#[derive(Serialize, ToSchema)]
struct UnitAnswer {
    id: i64,
    descricao: String,
    bloco: Option<String>,
    numero: String,
    andar: i64,
    tipo: String,
    area_privativa: String,
    vagas: i64,
    empreendimento_id: i64,
    empreendimento: String,
    contrato: String,
}

#[utoipa::path(get, path = "/unidade", summary = "As unidades da pessoa, cada uma com contrato e empreendimento.", tag = "Meu Imóvel", security(("comprador" = [])),
    responses((status = 200, description = "As unidades", body = Units),
        BuyerRefusals, Refusals))]
/// Seed 000 `GET /unidade`: the caller's units, each with its contract and empreendimento.
pub(super) async fn units(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<Units>, ApiError> {
    let property = state.portal.my_property(user.person_id).await?;
    let unidades = property
        .contracts
        .iter()
        .map(|contract| {
            let unit = &contract.unit;
            UnitAnswer {
                id: unit.id,
                descricao: unit.label(),
                bloco: unit.block.clone(),
                numero: unit.number.clone(),
                andar: unit.floor,
                tipo: unit.kind.clone(),
                area_privativa: unit.private_area.clone(),
                vagas: unit.parking_spaces,
                empreendimento_id: contract.development.id,
                empreendimento: contract.development.name.clone(),
                contrato: contract.number.clone(),
            }
        })
        .collect();
    Ok(Json(Units { unidades }))
}
