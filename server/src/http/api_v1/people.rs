//! Seed 000 `GET /pessoa` and `PUT /pessoa`: the caller's own data and addresses, and the
//! fields a buyer may change directly.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::Json;
use portal::auth::CurrentUser;
use portal::profile::{Address, PersonalDataForm};
use serde::{Deserialize, Serialize};

use super::error::{body, ApiError, BuyerRefusals, ErrorBody, Refusals};
use super::extract::Caller;
use crate::http::AppState;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct PersonAnswer {
    id: i64,
    tipo: String,
    nome: String,
    nome_fantasia: Option<String>,
    documento: String,
    documento2: Option<String>,
    data_nascimento: Option<String>,
    genero: Option<String>,
    email: String,
    telefone: Option<String>,
    telefone_confirmado: bool,
    enderecos: Vec<AddressAnswer>,
}

#[derive(Serialize, ToSchema)]
struct AddressAnswer {
    id: i64,
    tipo: String,
    cep: String,
    logradouro: String,
    numero: String,
    complemento: Option<String>,
    bairro: String,
    cidade: String,
    uf: String,
}

impl AddressAnswer {
    fn of(address: Address) -> Self {
        Self {
            id: address.id,
            tipo: address.label,
            cep: address.cep,
            logradouro: address.street,
            numero: address.number,
            complemento: address.complement,
            bairro: address.district,
            cidade: address.city,
            uf: address.state,
        }
    }
}

async fn answer(state: &AppState, user: &CurrentUser) -> Result<Json<PersonAnswer>, ApiError> {
    let data = state.portal.my_data(user.person_id).await?;
    Ok(Json(PersonAnswer {
        id: user.person_id,
        tipo: data.kind,
        nome: data.name,
        nome_fantasia: data.trade_name,
        documento: data.document,
        documento2: data.secondary_document,
        data_nascimento: data.birth_date_iso,
        genero: data.gender,
        email: data.email,
        telefone: data.phone,
        telefone_confirmado: data.phone_verified,
        enderecos: data.addresses.into_iter().map(AddressAnswer::of).collect(),
    }))
}

#[utoipa::path(get, path = "/pessoa", summary = "Os dados e endereços da pessoa.", tag = "Meus dados", security(("comprador" = [])),
    responses((status = 200, description = "Os dados da pessoa", body = PersonAnswer),
        BuyerRefusals, Refusals))]
/// Seed 000 `GET /pessoa`: the caller's data and addresses.
pub(super) async fn person(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<PersonAnswer>, ApiError> {
    answer(&state, &user).await
}

#[derive(Deserialize, ToSchema)]
pub(super) struct PersonUpdate {
    /// `aaaa-mm-dd`.
    #[serde(default)]
    data_nascimento: Option<String>,
    #[serde(default)]
    genero: Option<String>,
    /// RG ou inscrição estadual.
    #[serde(default)]
    documento2: Option<String>,
}

#[utoipa::path(put, path = "/pessoa", summary = "Muda data de nascimento, gênero e RG/inscrição estadual (nome, documentos, e-mail e telefone mudam com a construtora).", tag = "Meus dados", security(("comprador" = [])), request_body = PersonUpdate,
    responses((status = 200, description = "Os dados atualizados", body = PersonAnswer),
        (status = 422, description = "Valor recusado (`dados_invalidos`)", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// Seed 000 `PUT /pessoa`: changes birth date, gender and RG/inscrição estadual (name,
/// documents, e-mail and phone are changed with the company); answers the updated data.
pub(super) async fn update_person(
    State(state): State<AppState>,
    Caller(user): Caller,
    payload: Result<Json<PersonUpdate>, JsonRejection>,
) -> Result<Json<PersonAnswer>, ApiError> {
    let request = body(payload)?;
    let current = state.portal.my_data(user.person_id).await?;
    let form = PersonalDataForm {
        birth_date: request.data_nascimento.or(current.birth_date_iso).unwrap_or_default(),
        gender: request.genero.or(current.gender).unwrap_or_default(),
        secondary_document: request.documento2.or(current.secondary_document).unwrap_or_default(),
    };
    state.portal.update_personal_data(user.person_id, &form).await?;
    answer(&state, &user).await
}

/// The seed-001 `{client}` of a path: the caller's own id, or 404 (another person's id is never
/// told apart from an unknown one).
pub(super) fn own_client(client: &str, user: &CurrentUser) -> Result<(), ApiError> {
    match client.parse::<i64>() {
        Ok(id) if id == user.person_id => Ok(()),
        _ => Err(ApiError::not_found()),
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct AddressesAnswer {
    enderecos: Vec<AddressAnswer>,
}

#[utoipa::path(get, path = "/account/clients/{client}/addresses", summary = "Os endereços da pessoa, como /pessoa os lista (seed 001).", tag = "Cadastro e conta", security(("comprador" = [])),
    params(("client" = i64, Path, description = "O id da própria pessoa (o de outra é 404)")),
    responses((status = 200, description = "Os endereços", body = AddressesAnswer),
        BuyerRefusals, Refusals))]
/// Seed 001 `GET /account/clients/{client}/addresses`: the caller's addresses, as `/pessoa`
/// lists them.
pub(super) async fn client_addresses(
    State(state): State<AppState>,
    Path(client): Path<String>,
    Caller(user): Caller,
) -> Result<Json<AddressesAnswer>, ApiError> {
    own_client(&client, &user)?;
    let data = state.portal.my_data(user.person_id).await?;
    Ok(Json(AddressesAnswer { enderecos: data.addresses.into_iter().map(AddressAnswer::of).collect() }))
}

#[derive(Serialize, ToSchema)]
pub(super) struct CardsAnswer {
    #[schema(value_type = Vec<Object>, max_items = 0)]
    cartoes: Vec<()>,
}

#[utoipa::path(get, path = "/account/clients/{client}/cards", summary = "Os cartões da pessoa: sempre uma lista vazia, pois o portal não guarda cartões (só boletos e PIX).", tag = "Cadastro e conta", security(("comprador" = [])),
    params(("client" = i64, Path, description = "O id da própria pessoa (o de outra é 404)")),
    responses((status = 200, description = "Sempre uma lista vazia", body = CardsAnswer),
        BuyerRefusals, Refusals))]
/// Seed 001 `GET /account/clients/{client}/cards`: the portal keeps no payment cards (boletos
/// and PIX only), so the caller's list is always empty.
pub(super) async fn client_cards(
    Path(client): Path<String>,
    Caller(user): Caller,
) -> Result<Json<CardsAnswer>, ApiError> {
    own_client(&client, &user)?;
    Ok(Json(CardsAnswer { cartoes: Vec::new() }))
}
