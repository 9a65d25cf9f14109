//! What the server hands to every page and server function (server build only).

use portal::auth::RequestOrigin;
use portal::Portal;

/// The session cookie's name and flags: `__Host-` prefix and `Secure` when served over HTTPS.
#[derive(Debug, Clone)]
pub struct SessionCookie {
    pub secure: bool,
}

impl SessionCookie {
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-portal_sessao"
        } else {
            "portal_sessao"
        }
    }
}

/// Services and settings for the UI's server side.
#[derive(Clone)]
pub struct ServerContext {
    pub portal: Portal,
    pub session_cookie: SessionCookie,
    /// Stylesheet URL (content-hashed in release builds).
    pub stylesheet_href: String,
    /// Development run: the outbox page at `/dev/caixa-de-saida` exists.
    pub development: bool,
}

/// The per-request CSP nonce, put in the request extensions by the server's middleware.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// The client's address as the server determined it.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// Reads the request's origin (IP, user agent) from the current request.
pub fn request_origin(parts: &axum::http::request::Parts) -> RequestOrigin {
    RequestOrigin {
        ip: parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()),
        user_agent: parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(|agent| agent.chars().take(300).collect()),
    }
}
