//! What the server hands to every page and server function (server build only).

use portal::auth::RequestOrigin;
use portal::Portal;

/// The browser session cookie: its name and flags (`__Host-` prefix and `Secure` over HTTPS),
/// and the one place it is read from a request and written into a response, for the server
/// functions and the server's own routes alike.
#[derive(Debug, Clone, Copy)]
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

    /// The session token the browser sent, if any.
    pub fn token(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        cookie_value(headers, self.name())
    }

    /// `Set-Cookie` for `token`: until the browser closes, or for `max_age_seconds`.
    pub fn set(&self, token: String, max_age_seconds: Option<i64>) -> Option<axum::http::HeaderValue> {
        let mut cookie = self.build(token);
        if let Some(seconds) = max_age_seconds {
            cookie.set_max_age(cookie::time::Duration::seconds(seconds));
        }
        axum::http::HeaderValue::from_str(&cookie.to_string()).ok()
    }

    /// The staff session cookie: another name, so a buyer's cookie never opens `/equipe` and a
    /// staff session never acts as a buyer.
    pub fn staff_name(&self) -> &'static str {
        if self.secure {
            "__Host-portal_equipe"
        } else {
            "portal_equipe"
        }
    }

    /// The staff session token the browser sent, if any.
    pub fn staff_token(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        cookie_value(headers, self.staff_name())
    }

    /// `Set-Cookie` for a staff session: it ends with the browser (the server ends it after 12
    /// hours without use).
    pub fn set_staff(&self, token: String) -> Option<axum::http::HeaderValue> {
        let mut cookie = self.build(token);
        cookie.set_name(self.staff_name());
        axum::http::HeaderValue::from_str(&cookie.to_string()).ok()
    }

    /// `Set-Cookie` that removes the staff cookie.
    pub fn staff_removal(&self) -> Option<axum::http::HeaderValue> {
        let mut cookie = self.build(String::new());
        cookie.set_name(self.staff_name());
        cookie.make_removal();
        axum::http::HeaderValue::from_str(&cookie.to_string()).ok()
    }

    /// Whose drafts a staff form may keep and read: only the staff session that sent it.
    pub fn staff_draft_owner(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        self.staff_token(headers).map(|token| format!("equipe:{token}"))
    }

    /// The name of a visitor's draft cookie (see [`draft_owner`]).
    fn draft_name(&self) -> &'static str {
        if self.secure {
            "__Host-portal_rascunho"
        } else {
            "portal_rascunho"
        }
    }

    /// `Set-Cookie` for a visitor's draft key, for as long as a draft lasts.
    pub fn draft_cookie(&self, key: String) -> Option<axum::http::HeaderValue> {
        let mut cookie = self.build(key);
        cookie.set_name(self.draft_name());
        cookie.set_max_age(cookie::time::Duration::seconds(portal::drafts::DRAFT_LIFETIME));
        axum::http::HeaderValue::from_str(&cookie.to_string()).ok()
    }

    /// Whose form drafts this request may keep and read: the signed-in session's (so signing
    /// out, or another buyer, cannot read them), or else a visitor's own draft cookie.
    pub fn draft_owner(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        if let Some(token) = self.token(headers) {
            return Some(format!("sessao:{token}"));
        }
        cookie_value(headers, self.draft_name()).map(|key| format!("visitante:{key}"))
    }

    /// `Set-Cookie` that removes the cookie.
    pub fn removal(&self) -> Option<axum::http::HeaderValue> {
        let mut cookie = self.build(String::new());
        cookie.make_removal();
        axum::http::HeaderValue::from_str(&cookie.to_string()).ok()
    }

    fn build(&self, value: String) -> cookie::Cookie<'static> {
        cookie::Cookie::build((self.name(), value))
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(cookie::SameSite::Lax)
            .build()
    }
}

fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name && !cookie.value().is_empty())
        .map(|cookie| cookie.value().to_string())
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

/// The signed-in buyer of this request, looked up once: the layout and the page's data both ask
/// (a profile of `/meu-imovel` under load showed the session read twice per page). Provided
/// fresh for every request, so nothing outlives it.
#[derive(Clone, Default)]
pub struct RequestSession(pub std::sync::Arc<tokio::sync::OnceCell<Option<portal::auth::CurrentUser>>>);

/// The signed-in staff user of this request, looked up once (the header and the page ask).
#[derive(Clone, Default)]
pub struct RequestStaff(pub std::sync::Arc<tokio::sync::OnceCell<Option<portal::staff::CurrentStaff>>>);

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
