use leptos::prelude::*;
use portal::staff::PortalSettingsView;

use crate::error::AppError;

/// `/equipe/configuracoes` (admin only).
#[server(endpoint = "equipe/configuracoes")]
pub async fn load_settings() -> Result<PortalSettingsView, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.portal_settings(&staff).await.map_err(crate::api::session::reject)
}

/// `abrir-cadastro`, `fechar-cadastro`, or `reenviar` the outbox message `id`.
#[server(endpoint = "equipe/configuracao")]
pub async fn change_setting(action: String, id: Option<i64>) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let portal = &context.portal;
    let (result, done) = match (action.as_str(), id) {
        ("abrir-cadastro", _) => (portal.staff_set_registration_open(&staff, true).await, "cadastro-aberto"),
        ("fechar-cadastro", _) => {
            (portal.staff_set_registration_open(&staff, false).await, "cadastro-fechado")
        }
        ("reenviar", Some(id)) => (portal.retry_outbox_message(&staff, id).await, "reenviada"),
        _ => return Err(reject(AppError::BadRequest)),
    };
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("/equipe/configuracoes?{done}=1"));
            Ok(())
        }
        Err(error) => {
            Err(fail_form(error, &parts, |error| format!("/equipe/configuracoes?erro={}", error.code())))
        }
    }
}
