//! The construtora's logo and colour stylesheet: the company staff chose in Configurações,
//! else the configured ones (`PORTAL_MARCA_*`); 404 when neither has one.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use portal::branding::{LOGO_PATH, STYLESHEET_PATH};
use portal::Portal;

use crate::config::BrandConfig;

/// `/marca/logo` and `/marca/cores.css`.
pub fn routes<S: Clone + Send + Sync + 'static>(brand: &BrandConfig, portal: Portal) -> Router<S> {
    let configured_logo = brand.logo.clone();
    let logo_portal = portal.clone();
    let configured_colour = brand.branding.colour.clone();
    Router::new()
        .route(
            LOGO_PATH,
            get(move || {
                let (portal, configured) = (logo_portal.clone(), configured_logo.clone());
                async move {
                    let logo = match portal.brand_logo().await {
                        Ok(Some((bytes, content_type))) => Some((bytes, content_type)),
                        Ok(None) => {
                            configured.map(|logo| (logo.bytes.to_vec(), logo.content_type.to_string()))
                        }
                        Err(error) => {
                            tracing::error!(%error, "could not read the brand logo");
                            return StatusCode::SERVICE_UNAVAILABLE.into_response();
                        }
                    };
                    match logo {
                        Some((bytes, content_type)) => file(bytes, &content_type, "no-cache"),
                        None => StatusCode::NOT_FOUND.into_response(),
                    }
                }
            }),
        )
        .route(
            STYLESHEET_PATH,
            get(move || {
                let colour =
                    portal.brand_company().and_then(|company| company.colour).or(configured_colour.clone());
                async move {
                    match colour {
                        // The address carries the colour (`?v=`): a new colour is a new address.
                        Some(colour) => file(
                            colour.stylesheet().into_bytes(),
                            "text/css; charset=utf-8",
                            "public, max-age=86400",
                        ),
                        None => StatusCode::NOT_FOUND.into_response(),
                    }
                }
            }),
        )
}

fn file(bytes: Vec<u8>, content_type: &str, cache: &'static str) -> Response {
    let content_type =
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, HeaderValue::from_static(cache))], bytes)
        .into_response()
}
