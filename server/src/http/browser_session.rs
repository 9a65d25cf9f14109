//! The signed-in buyer behind a request to one of the server's own routes (file downloads,
//! multipart forms). The cookie itself is read and written by [`SessionCookie`] only.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use portal::auth::{AuthError, CurrentUser};

pub use portal_app::context::SessionCookie;

use super::files::unavailable;
use super::AppState;

/// The signed-in buyer behind the request, or the response to send instead (a redirect to
/// the login that comes back to `back`, or 503).
pub async fn signed_in(state: &AppState, headers: &HeaderMap, back: &str) -> Result<CurrentUser, Response> {
    let user = match state.session_cookie.token(headers) {
        Some(token) => state.portal.authenticate(&token).await,
        None => Err(AuthError::Unauthenticated),
    };
    match user {
        Ok(user) => Ok(user),
        Err(AuthError::Store(error)) => {
            tracing::error!(%error, "store failure authenticating a download");
            Err(unavailable())
        }
        Err(_) => Err(Redirect::to(&login_then(back)).into_response()),
    }
}

/// The login page that comes back to `back`, percent-encoded so that nothing in `back` can add
/// parameters or point elsewhere.
pub fn login_then(back: &str) -> String {
    format!("/entrar?proximo={}", utf8_percent_encode(back, NON_ALPHANUMERIC))
}

#[cfg(test)]
mod tests {
    use super::login_then;

    #[test]
    fn the_return_path_cannot_add_parameters() {
        assert_eq!(login_then("/documentos"), "/entrar?proximo=%2Fdocumentos");
        let crafted = login_then("/financeiro/boletos/1&proximo=//evil.example");
        assert_eq!(crafted.matches('&').count(), 0, "{crafted}");
        assert_eq!(crafted.matches("proximo=").count(), 1, "{crafted}");
    }
}
