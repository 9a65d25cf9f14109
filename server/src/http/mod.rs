//! The HTTP application: its state, the router with every route and middleware, and the
//! server's own routes (partner API, file downloads, multipart forms, assets, health).

use std::sync::{Arc, OnceLock};

use axum::extract::FromRef;
use axum::http::HeaderName;
use axum::routing::get;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use portal::Portal;
use portal_app::context::ServerContext;
use portal_app::{shell, App};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::{Config, Environment};
use assets::AssetManifest;
use browser_session::SessionCookie;

mod api_reference;
pub mod api_v1;
pub mod assets;
pub mod brand;
pub mod browser_session;
pub mod downloads;
pub mod files;
pub mod form_errors;
pub mod health;
pub mod listings;
pub mod listings_oauth;
pub mod messages;
pub mod middleware;
pub mod openapi;
pub mod pass_key;
pub mod remote_login;
pub mod staff;
pub mod staff_documents;
pub mod staff_finance;
pub mod staff_photos;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub portal: Portal,
    /// The browser session cookie (`__Host-` prefixed and `Secure` over HTTPS).
    pub session_cookie: SessionCookie,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

fn leptos_options(config: &Config, manifest: &AssetManifest) -> LeptosOptions {
    let mut options = LeptosOptions::builder()
        .output_name("portal")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(match config.environment {
            Environment::Development => Env::DEV,
            Environment::Production => Env::PROD,
        })
        .build();
    if let Some(path) = &manifest.path {
        options.hash_files = true;
        options.hash_file = path.to_string_lossy().to_string().into();
    }
    options
}

/// The app's routes, generated once per process. Generating them sets a process-global flag
/// that parks any resource first polled meanwhile forever (leptos-rs/leptos#4773); once per
/// process, before any server answers, nothing can be rendering at that moment.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route of the back office as (method, path): its pages (GET), its server functions
/// (POST under `/api/equipe/`) and the server's own staff routes. The role matrix test checks
/// each one against its table, so a new staff route cannot be left out of it.
pub fn staff_endpoints() -> Vec<(String, String)> {
    let pages = route_list()
        .into_iter()
        .map(|route| route.path().to_string())
        .filter(|path| portal_app::pages_staff_path(path))
        .map(|path| ("GET".to_string(), path));
    let functions = leptos::server_fn::axum::server_fn_paths()
        .filter(|(path, _)| path.starts_with("/api/equipe/"))
        .map(|(path, method)| (method.to_string(), path.to_string()));
    let own = staff::ROUTES
        .iter()
        .chain(staff_photos::ROUTES.iter())
        .chain(staff_documents::ROUTES.iter())
        .chain(staff_finance::ROUTES.iter())
        .chain(listings_oauth::ROUTES.iter())
        .map(|(method, path)| (method.to_string(), path.to_string()));
    let mut all: Vec<(String, String)> = pages.chain(functions).chain(own).collect();
    all.sort();
    all.dedup();
    all
}

/// The whole HTTP application.
pub fn router(config: &Config, portal: Portal) -> Router {
    let manifest = AssetManifest::read(&config.site_root);
    let leptos_options = leptos_options(config, &manifest);
    let session_cookie = SessionCookie { secure: config.is_https() };
    let server_context = ServerContext {
        portal: portal.clone(),
        session_cookie,
        stylesheet_href: manifest.stylesheet_href(),
        development: config.environment == Environment::Development,
    };
    let branding = config.brand.branding.clone();
    let brand_source = portal.clone();
    let brand_files = portal.clone();
    let provide = move || {
        provide_context(server_context.clone());
        // The company staff chose in Configurações, over the configured brand.
        provide_context(match brand_source.brand_company() {
            Some(company) => branding.with_company(&company),
            None => branding.clone(),
        });
        provide_context(portal_app::context::RequestSession::default());
        provide_context(portal_app::context::RequestStaff::default());
    };
    let state = AppState { leptos_options: leptos_options.clone(), portal, session_cookie };
    let site =
        Arc::new(middleware::SiteOrigin { public_url: config.public_url.clone(), https: config.is_https() });
    let request_id = HeaderName::from_static("x-request-id");
    let stylesheet_href: Arc<str> = manifest.stylesheet_href().into();

    let not_found = leptos_axum::render_app_async_with_context(provide.clone(), {
        let options = leptos_options.clone();
        move || shell(options.clone())
    });

    let (api, api_paths) = api_v1::routes();
    let (partner_routes, partner_paths) = utoipa_axum::router::OpenApiRouter::new()
        .merge(remote_login::routes())
        .merge(listings::routes())
        .merge(pass_key::routes())
        .split_for_parts();
    let document = openapi::document(api_paths, partner_paths);
    let api = api_v1::with_fallbacks(api.merge(openapi::routes(&document, &stylesheet_href)));

    Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/api/v1", api)
        .merge(downloads::routes())
        .merge(messages::routes())
        .merge(partner_routes)
        .merge(listings_oauth::routes())
        .merge(staff::routes())
        .merge(staff_photos::routes())
        .merge(staff_documents::routes())
        .merge(staff_finance::routes())
        .leptos_routes_with_context(&state, route_list(), provide, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .merge(assets::routes(&config.site_root, &manifest))
        .merge(brand::routes(&config.brand, brand_files))
        .fallback(not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(middleware::page_redirects))
        .layer(axum::middleware::from_fn_with_state(stylesheet_href, form_errors::server_fn_errors_as_pages))
        .layer(axum::middleware::from_fn_with_state(site.clone(), middleware::check_origin))
        .layer(axum::middleware::from_fn_with_state(site, middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::client_ip))
        // Pages and JSON by the browser's Accept-Encoding. Not images (tower-http's default
        // predicate), and not /pkg, which is served precompressed. Level 4: brotli's default of
        // 11 costs milliseconds per page for a few per cent.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let path = loggable_path(request.uri().path());
            tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// The request path as logs show it: a listing feed's address is a capability (whoever has it
/// reads the feed), so its key is left out.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/anuncios/") {
        Some(rest) => {
            let after_key = rest.find(['/', '.']).map_or("", |at| &rest[at..]);
            format!("/anuncios/…{after_key}").into()
        }
        None => path.into(),
    }
}
