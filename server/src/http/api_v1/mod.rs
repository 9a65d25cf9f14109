//! The partner JSON API under `/api/v1` (seed 000 and 001 paths), one file per area. Handlers
//! are thin: the typed extractors read the caller and the request, a `portal` service does the
//! work, and a typed answer (or [`ApiError`]'s one shape) goes back.

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Router;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::http::messages::MESSAGE_BODY_LIMIT;
use crate::http::AppState;
pub use error::ApiError;

mod account;
mod auth;
mod documents;
mod error;
mod external;
mod extract;
mod finance;
mod identity;
mod messages;
mod partner_token;
mod people;
mod property;
mod webhooks;
mod works;

/// The router of `/api/v1` and its OpenAPI paths, built together so the document cannot miss
/// a route (paths are relative to `/api/v1`).
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let body_limit = || DefaultBodyLimit::max(MESSAGE_BODY_LIMIT);
    let (router, paths) = OpenApiRouter::new()
        .routes(routes!(auth::password_login))
        .routes(routes!(auth::syndic_login))
        .routes(routes!(external::external_login))
        .routes(routes!(partner_token::issue))
        .routes(routes!(auth::request_code))
        .routes(routes!(auth::validate_code))
        .routes(routes!(auth::reset_by_email))
        .routes(routes!(auth::reset_by_sms))
        .routes(routes!(auth::reset_complete))
        .routes(routes!(auth::first_access_request))
        .routes(routes!(auth::first_access_complete))
        .routes(routes!(identity::register))
        .routes(routes!(identity::exists, identity::exists_by_post))
        .routes(routes!(auth::token_grant))
        .routes(routes!(account::persist_login))
        .routes(routes!(account::forget_login))
        .routes(routes!(account::recovery_token))
        .routes(routes!(account::recovery))
        .routes(routes!(account::new_password))
        .routes(routes!(auth::logout))
        .routes(routes!(property::contracts))
        .routes(routes!(property::developments))
        .routes(routes!(property::units))
        .routes(routes!(finance::boletos))
        .routes(routes!(finance::boleto))
        .routes(routes!(finance::boleto_pdf))
        .routes(routes!(finance::reissue_quote, finance::issue_reissue))
        .routes(routes!(documents::documents))
        .routes(routes!(documents::document))
        .routes(routes!(people::person, people::update_person))
        .routes(routes!(people::client_addresses))
        .routes(routes!(people::client_cards))
        .routes(routes!(works::photos))
        .routes(routes!(works::photo))
        .routes(routes!(works::thumbnail))
        .routes(routes!(messages::threads, messages::new_message).layer(body_limit()))
        .routes(routes!(messages::thread, messages::reply_message).layer(body_limit()))
        .routes(routes!(messages::attachment))
        .routes(routes!(webhooks::events))
        .routes(routes!(webhooks::list, webhooks::register))
        .routes(routes!(webhooks::delete))
        .split_for_parts();
    (router, paths)
}

/// The API's own answers for an unknown route or method, added once every route is in.
pub fn with_fallbacks(router: Router<AppState>) -> Router<AppState> {
    router
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "nao_encontrado", "Rota inexistente.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "metodo_nao_permitido",
                "Método não permitido nesta rota: veja a documentação da API.",
            )
        })
}
