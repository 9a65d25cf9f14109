//! Middleware every response passes through: client address, CSP nonce and security headers,
//! and the Origin / `Sec-Fetch-Site` check on state-changing requests.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_app::context::{ClientIp, CspNonce};
use rand::RngCore;

/// What the middleware needs to know about how the portal is reached.
#[derive(Debug, Clone)]
pub struct SiteOrigin {
    /// `https://portal.example` when configured; otherwise the request's Host is trusted.
    pub public_url: Option<String>,
    pub https: bool,
}

fn header_text(request: &Request, name: HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|value| value.to_str().ok())
}

/// True when a state-changing request may proceed: same-origin by `Sec-Fetch-Site`, or an
/// `Origin` equal to the portal's. Requests with neither header come from non-browser
/// clients, which carry no ambient cookie authority worth forging.
fn origin_allowed(request: &Request, site: &SiteOrigin) -> bool {
    if let Some(fetch_site) = header_text(request, HeaderName::from_static("sec-fetch-site")) {
        return matches!(fetch_site, "same-origin" | "none");
    }
    let Some(origin) = header_text(request, header::ORIGIN) else {
        return true;
    };
    match &site.public_url {
        Some(public) => origin == public,
        None => {
            let host = header_text(request, header::HOST).unwrap_or_default();
            !host.is_empty() && (origin == format!("http://{host}") || origin == format!("https://{host}"))
        }
    }
}

pub async fn check_origin(State(site): State<Arc<SiteOrigin>>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || origin_allowed(&request, &site) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = %request.uri().path(), "refused cross-origin request");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        "Requisição recusada: ela não veio de uma página do Portal do Cliente.",
    )
        .into_response()
}

/// Records the client's address for sessions and the audit trail.
pub async fn client_ip(mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(address)) = request.extensions().get::<ConnectInfo<SocketAddr>>().cloned() {
        request.extensions_mut().insert(ClientIp(address.ip().to_string()));
    }
    next.run(request).await
}

fn static_header(value: &'static str) -> HeaderValue {
    HeaderValue::from_static(value)
}

/// Sets the CSP (with a fresh nonce for Leptos's hydration script) and the other security
/// headers on every response; anything that did not choose its own caching is `no-store`.
pub async fn security_headers(
    State(site): State<Arc<SiteOrigin>>,
    mut request: Request,
    next: Next,
) -> Response<Body> {
    let mut nonce_bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut nonce_bytes);
    let nonce = hex::encode(nonce_bytes);
    request.extensions_mut().insert(CspNonce(nonce.clone()));

    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_image = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("image/"));
    let csp = if is_image {
        // An image opened on its own: the browser's viewer styles itself inline; nothing runs.
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
            .to_string()
    } else {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        )
    };
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, static_header("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, static_header("DENY"));
    headers.insert(header::REFERRER_POLICY, static_header("same-origin"));
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), static_header("same-origin"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        static_header("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if site.https {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, static_header("max-age=63072000; includeSubDomains"));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, static_header("no-store"));
    }
    response
}

/// Leptos answers a page-level `<Redirect>` with a 302 only when the request's `Accept` names
/// `text/html`; any other client (curl, a link checker) would get the page's own status (200,
/// or 401 from the refused data call) with a `Location`. Page navigations are always redirects.
pub async fn page_redirects(request: Request, next: Next) -> Response {
    let is_page_get = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if is_page_get && !response.status().is_redirection() && response.headers().contains_key(header::LOCATION)
    {
        *response.status_mut() = StatusCode::FOUND;
        response.headers_mut().remove("serverfnredirect");
        *response.body_mut() = Body::empty();
    }
    response
}
