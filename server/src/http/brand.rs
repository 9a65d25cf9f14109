//! The construtora's logo and colour stylesheet, when configured.

use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use portal::branding::{LOGO_PATH, STYLESHEET_PATH};

use crate::config::BrandConfig;

/// `/marca/logo` and `/marca/cores.css`; neither route exists when its part is not configured.
pub fn routes<S: Clone + Send + Sync + 'static>(brand: &BrandConfig) -> Router<S> {
    let mut router = Router::new();
    if let Some(logo) = brand.logo.clone() {
        router = router.route(
            LOGO_PATH,
            get(move || {
                let logo = logo.clone();
                async move {
                    (
                        [
                            (header::CONTENT_TYPE, HeaderValue::from_static(logo.content_type)),
                            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
                        ],
                        logo.bytes.to_vec(),
                    )
                        .into_response()
                }
            }),
        );
    }
    if let Some(colour) = &brand.branding.colour {
        let stylesheet = colour.stylesheet();
        router = router.route(
            STYLESHEET_PATH,
            get(move || {
                let stylesheet = stylesheet.clone();
                async move {
                    (
                        [
                            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
                            // The address carries the colour (`?v=`): a new colour is a new address.
                            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
                        ],
                        stylesheet,
                    )
                        .into_response()
                }
            }),
        );
    }
    router
}
