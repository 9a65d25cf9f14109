//! A form sent without JavaScript whose server function fails without sending the browser back
//! to its page (a malformed or oversized request, a session that ended) gets a page with the
//! sentence, not the error's JSON nor a silent trip back to where it came from.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use portal_app::error::AppError;

/// Set by server functions on every error answer.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

pub async fn server_fn_errors_as_pages(
    State(stylesheet_href): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let plain_form_post = request.method() == Method::POST
        && path.starts_with("/api/")
        && !path.starts_with("/api/v1/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let response = next.run(request).await;
    if !plain_form_post
        || response.status().is_redirection()
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let error = serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Unavailable);
    // The one way forward is the primary button: signing in again, or else the start page.
    let (sign_in, home_class) = if matches!(error, AppError::Unauthenticated) {
        (r#"<a class="button button--primary" href="/entrar">Entrar</a> "#, "button")
    } else {
        ("", "button button--primary")
    };
    let page = format!(
        r#"<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Não foi possível concluir · Portal do Cliente</title><link rel="stylesheet" href="{stylesheet}"></head><body><main class="page"><section class="auth-card" aria-labelledby="titulo-erro"><h1 id="titulo-erro">Não foi possível concluir</h1><p class="alert alert--error" role="alert">{sentence}</p><p>{sign_in}<a class="{home_class}" href="/">Ir para o início</a></p></section></main></body></html>"#,
        stylesheet = html_escape::encode_double_quoted_attribute(&*stylesheet_href),
        sentence = html_escape::encode_text(&error.to_string()),
    );
    parts.headers.remove(header::LOCATION);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    Response::from_parts(parts, Body::from(page))
}
