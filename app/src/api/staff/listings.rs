//! Server functions of `/equipe/anuncios` (admin only): listing portals per company, their
//! credentials (secrets write-only), and the partners that manage them through seed 004.

use leptos::prelude::*;
use portal::listings::{ListingsPage, PortalCredentialsForm};
use portal::records::RecordDraft;

use crate::error::AppError;

#[cfg(feature = "ssr")]
const CREDENTIALS_DRAFT: &str = "equipe-anuncios-credenciais";

/// The page, and a refused credential form (its secrets never kept).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ListingsView {
    pub page: ListingsPage,
    pub refused: Option<RecordDraft<PortalCredentialsForm>>,
}

#[server(endpoint = "equipe/anuncios")]
pub async fn load_listings(company: Option<i64>, draft: Option<String>) -> Result<ListingsView, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let page = context.portal.staff_listings(&staff, company).await.map_err(crate::api::session::reject)?;
    let refused = super::records::draft_of(&context, CREDENTIALS_DRAFT, draft).await?;
    Ok(ListingsView { page, refused })
}

#[cfg(feature = "ssr")]
fn page_of(company: &str, portal: &str) -> String {
    format!("/equipe/anuncios?empresa={}#portal-{}", company.trim(), portal.trim())
}

#[cfg(feature = "ssr")]
fn done(company: &str, anchor: &str, notice: &str) -> Result<(), AppError> {
    leptos_axum::redirect(&format!("/equipe/anuncios?empresa={}&{notice}=1#{anchor}", company.trim()));
    Ok(())
}

/// Releases a portal for the company.
#[server(endpoint = "equipe/anuncios-liberar")]
pub async fn release_listing_portal(company: String, portal: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.staff_release_listing_portal(&staff, &company, &portal).await {
        Ok(()) => done(&company, &format!("portal-{}", portal.trim()), "liberado"),
        Err(error) => {
            let page = page_of(&company, &portal);
            Err(fail_form(error, &request_parts()?, |error| format!("{page}&erro={}", error.code())))
        }
    }
}

/// Saves credentials and switches the portal on (`active` "1") or off (with `remove_all`).
#[server(endpoint = "equipe/anuncios-credenciais")]
pub async fn save_listing_credentials(credentials: PortalCredentialsForm) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.staff_save_listing_credentials(&staff, &credentials).await {
        Ok(()) => {
            let notice = match (credentials.active.as_str(), credentials.remove_all.as_str()) {
                ("1", _) => "salvo",
                (_, "1") => "retirado",
                _ => "pausado",
            };
            done(&credentials.company, &format!("portal-{}", credentials.portal.trim()), notice)
        }
        Err(error) => {
            let page = format!("/equipe/anuncios?empresa={}", credentials.company.trim());
            // A refused form comes back without its secrets: they are never stored in a draft.
            let kept = PortalCredentialsForm { password: String::new(), token: String::new(), ..credentials };
            Err(super::records::refused(&context, CREDENTIALS_DRAFT, &page, kept, error).await)
        }
    }
}

/// `liberar` or `retirar` a partner's access to the company's listings.
#[server(endpoint = "equipe/anuncios-integrador")]
pub async fn set_listing_partner(company: String, partner: String, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    let allowed = match action.as_str() {
        "liberar" => true,
        "retirar" => false,
        _ => return Err(reject(AppError::BadRequest)),
    };
    match context.portal.staff_set_listing_partner(&staff, &company, &partner, allowed).await {
        Ok(()) => done(&company, "integradores", if allowed { "integrador" } else { "integrador-retirado" }),
        Err(error) => {
            let page = format!("/equipe/anuncios?empresa={}", company.trim());
            Err(fail_form(error, &request_parts()?, |error| {
                format!("{page}&erro={}#integradores", error.code())
            }))
        }
    }
}

/// Disconnects an OAuth portal: off, and its tokens forgotten.
#[server(endpoint = "equipe/anuncios-desconectar")]
pub async fn disconnect_listing_oauth(company: String, portal: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    match context.portal.staff_disconnect_listing_oauth(&staff, &company, &portal).await {
        Ok(()) => done(&company, &format!("portal-{}", portal.trim()), "desconectado"),
        Err(error) => {
            let page = page_of(&company, &portal);
            Err(fail_form(error, &request_parts()?, |error| format!("{page}&erro={}", error.code())))
        }
    }
}
