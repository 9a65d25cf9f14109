//! The OAuth connection of a listing portal, from the back office: `conectar` keeps the flow's
//! state for this staff session and sends the browser to the portal's authorisation page (a
//! link, since the site's CSP lets forms post only here); `retorno` is the redirect address
//! registered with the portal, which exchanges the code and goes back to `/equipe/anuncios`.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use portal::staff::{Permission, StaffError};
use portal_app::context::ClientIp;
use serde::Deserialize;

use super::staff::{origin_of, refusal, signed_in_staff};
use crate::http::AppState;

/// Every route here, with its method: the role matrix test covers each.
pub const ROUTES: [(&str, &str); 2] =
    [("GET", "/equipe/anuncios/oauth/conectar"), ("GET", "/equipe/anuncios/oauth/retorno")];

pub fn routes() -> Router<AppState> {
    Router::new().route(ROUTES[0].1, get(connect)).route(ROUTES[1].1, get(callback))
}

#[derive(Deserialize)]
struct ConnectQuery {
    #[serde(default)]
    empresa: String,
    #[serde(default)]
    portal: String,
}

async fn connect(
    State(state): State<AppState>,
    Query(query): Query<ConnectQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let back = format!("/equipe/anuncios?empresa={}", query.empresa.trim());
    let staff = match signed_in_staff(&state, &headers, &origin, &back).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Some(owner) = state.session_cookie.staff_draft_owner(&headers) else {
        return refusal(StaffError::Unauthenticated, "");
    };
    match state.portal.begin_listing_oauth(&staff, &query.empresa, &query.portal, &owner).await {
        Ok(address) => Redirect::to(&address).into_response(),
        Err(error) => {
            refusal(error, "Portal não encontrado, não liberado para esta empresa ou sem OAuth configurado.")
        }
    }
}

#[derive(Deserialize)]
struct CallbackQuery {
    #[serde(default)]
    state: String,
    code: Option<String>,
    /// The portal's refusal (`access_denied` when the person declined).
    error: Option<String>,
}

async fn callback(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let back = format!("/equipe/anuncios/oauth/retorno?{}", own_query(&query));
    let staff = match signed_in_staff(&state, &headers, &origin, &back).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    if !staff.may(Permission::ManageSettings) {
        return refusal(StaffError::Forbidden, "");
    }
    let owner = state.session_cookie.staff_draft_owner(&headers).unwrap_or_default();
    let finished = state
        .portal
        .finish_listing_oauth(&staff, &query.state, query.code.as_deref(), query.error.is_some(), &owner)
        .await;
    let next = match finished {
        Ok((company, portal)) => format!("/equipe/anuncios?empresa={company}&conectado=1#portal-{portal}"),
        Err((Some(company), failure)) => {
            format!("/equipe/anuncios?empresa={company}&oauth={}", failure.code())
        }
        Err((None, failure)) => format!("/equipe/anuncios?oauth={}", failure.code()),
    };
    Redirect::to(&next).into_response()
}

/// The callback's own query, to come back to it after a staff sign-in.
fn own_query(query: &CallbackQuery) -> String {
    let mut parts = vec![format!("state={}", urlencode(&query.state))];
    if let Some(code) = &query.code {
        parts.push(format!("code={}", urlencode(code)));
    }
    if let Some(error) = &query.error {
        parts.push(format!("error={}", urlencode(error)));
    }
    parts.join("&")
}

fn urlencode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}
