//! Session cookie handling and the acting identity of a server function.

use axum::http::header::{HeaderValue, ACCEPT, SET_COOKIE};
use axum::http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use portal::auth::CurrentUser;

use crate::context::ServerContext;
use crate::error::AppError;

pub fn server_context() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>().ok_or_else(|| reject(AppError::Unavailable))
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| reject(AppError::Unavailable))
}

/// The session token the browser sent, if any.
pub fn session_token(parts: &Parts, context: &ServerContext) -> Option<String> {
    context.session_cookie.token(&parts.headers)
}

fn append_set_cookie(header: Option<HeaderValue>) {
    if let (Some(response), Some(header)) = (use_context::<ResponseOptions>(), header) {
        response.append_header(SET_COOKIE, header);
    }
}

/// Whose drafts this request may read (see [`crate::context::SessionCookie::draft_owner`]).
pub fn draft_reader(context: &ServerContext) -> Option<String> {
    request_parts().ok().and_then(|parts| context.session_cookie.draft_owner(&parts.headers))
}

/// The owner of a draft kept now: a visitor without a draft cookie gets one with this response.
pub fn draft_keeper(context: &ServerContext) -> String {
    if let Some(owner) = draft_reader(context) {
        return owner;
    }
    let key = portal::drafts::new_draft_key();
    append_set_cookie(context.session_cookie.draft_cookie(key.clone()));
    format!("visitante:{key}")
}

/// Sets the session cookie: until the browser closes, or until `expires_at` for a
/// remembered session.
pub fn set_session_cookie(context: &ServerContext, session: portal::auth::NewSession) {
    append_set_cookie(context.session_cookie.set(session.token, session.cookie_max_age));
}

pub fn clear_session_cookie(context: &ServerContext) {
    append_set_cookie(context.session_cookie.removal());
}

/// The signed-in buyer, if any; touches nothing in the response. Read once per request.
pub async fn signed_in_user() -> Result<Option<CurrentUser>, AppError> {
    match use_context::<crate::context::RequestSession>() {
        Some(session) => session.0.get_or_try_init(look_up_session).await.cloned(),
        None => look_up_session().await,
    }
}

async fn look_up_session() -> Result<Option<CurrentUser>, AppError> {
    let context = server_context()?;
    let parts = request_parts()?;
    let Some(token) = session_token(&parts, &context) else {
        return Ok(None);
    };
    match context.portal.authenticate(&token).await {
        Ok(user) => Ok(Some(user)),
        Err(portal::auth::AuthError::Unauthenticated) => Ok(None),
        Err(other) => Err(reject(other)),
    }
}

/// The signed-in buyer and the server's services: how every buyer server function starts.
pub async fn signed_in_buyer() -> Result<(CurrentUser, ServerContext), AppError> {
    let user = current_user().await?;
    Ok((user, server_context()?))
}

/// The signed-in buyer, or [`AppError::Unauthenticated`] (status 401).
pub async fn current_user() -> Result<CurrentUser, AppError> {
    signed_in_user().await?.ok_or_else(|| reject(AppError::Unauthenticated))
}

/// Marks the response with the error's status (server functions otherwise answer 500) and
/// returns the error, for `.map_err(reject)`.
pub fn reject(error: impl Into<AppError>) -> AppError {
    let error = error.into();
    if let (Some(response), Ok(status)) =
        (use_context::<ResponseOptions>(), axum::http::StatusCode::from_u16(error.status()))
    {
        response.set_status(status);
    }
    error
}

/// Fails a form's server function: sets the error's status and, for a plain form post (no
/// JavaScript), sends the browser back to the page that `back` names, with the error in it.
pub fn fail_form(
    error: impl Into<AppError>,
    parts: &Parts,
    back: impl FnOnce(&AppError) -> String,
) -> AppError {
    let error = reject(error);
    if is_plain_form_post(parts) {
        leptos_axum::redirect(&back(&error));
    }
    error
}

/// True for a plain HTML form post (no JavaScript): errors must then come back as a redirect.
pub fn is_plain_form_post(parts: &Parts) -> bool {
    parts
        .headers
        .get(ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
