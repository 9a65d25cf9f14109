use leptos::prelude::*;
use portal::property::{ContractDetail, MyProperty, WorksGallery};

use crate::error::AppError;

/// "Meu Imóvel" of the signed-in buyer.
#[server(endpoint = "meu-imovel")]
pub async fn load_my_property() -> Result<MyProperty, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_property(user.person_id).await.map_err(super::session::reject)
}

/// One of the signed-in buyer's contracts; another buyer's is [`AppError::NotFound`].
#[server(endpoint = "contrato")]
pub async fn load_contract(id: i64) -> Result<ContractDetail, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_contract(user.person_id, id).await.map_err(super::session::reject)
}

/// Every photo of the works of an empreendimento the signed-in buyer buys in.
#[server(endpoint = "fotos-da-obra")]
pub async fn load_works_gallery(development_id: i64) -> Result<WorksGallery, AppError> {
    let (user, context) = super::session::signed_in_buyer().await?;
    context.portal.my_works_gallery(user.person_id, development_id).await.map_err(super::session::reject)
}
