//! Builds the portal from its configuration and serves it until a shutdown signal.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::extract::FromRef;
use axum::http::HeaderName;
use axum::routing::get;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use portal::documents::storage::LocalStorage;
use portal::store::Store;
use portal::Portal;
use portal_app::context::{ServerContext, SessionCookie};
use portal_app::{shell, App};
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::{Config, Environment};
use crate::http::assets::{self, AssetManifest};
use crate::http::{api_v1, downloads, health, messages, middleware};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub portal: Portal,
    /// The browser session cookie's name (`__Host-` prefixed over HTTPS).
    pub session_cookie_name: &'static str,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Connects to the database (creating and migrating it) and opens file storage.
pub async fn open_portal(config: &Config) -> anyhow::Result<Portal> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(Portal::new(store, LocalStorage::new(&config.storage_dir), &config.portal_config()))
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

/// The whole HTTP application.
pub fn router(config: &Config, portal: Portal) -> Router {
    let manifest = AssetManifest::read(&config.site_root);
    let leptos_options = leptos_options(config, &manifest);
    let session_cookie = SessionCookie { secure: config.is_https() };
    let session_cookie_name = session_cookie.name();
    let server_context = ServerContext {
        portal: portal.clone(),
        session_cookie,
        stylesheet_href: manifest.stylesheet_href(),
        development: config.environment == Environment::Development,
    };
    let provide = move || provide_context(server_context.clone());
    let state = AppState { leptos_options: leptos_options.clone(), portal, session_cookie_name };
    let site =
        Arc::new(middleware::SiteOrigin { public_url: config.public_url.clone(), https: config.is_https() });
    let request_id = HeaderName::from_static("x-request-id");

    let not_found = leptos_axum::render_app_async_with_context(provide.clone(), {
        let options = leptos_options.clone();
        move || shell(options.clone())
    });

    Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/api/v1", api_v1::routes())
        .merge(downloads::routes())
        .merge(messages::routes())
        .leptos_routes_with_context(&state, route_list(), provide, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .merge(assets::routes(&config.site_root, &manifest))
        .fallback(not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(middleware::page_redirects))
        .layer(axum::middleware::from_fn_with_state(site.clone(), middleware::check_origin))
        .layer(axum::middleware::from_fn_with_state(site, middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::client_ip))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// A bound, not yet serving, portal (tests bind port 0 and read the address).
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn bind(config: &Config, portal: Portal) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|error| anyhow::anyhow!("não foi possível abrir {}: {error}", config.addr))?;
        Ok(Self { listener, router: router(config, portal) })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests under way.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests under way");
}
