//! The partner JSON API under `/api/v1` (seed 000 and 001 paths), one file per area. Handlers
//! are thin: the typed extractors read the caller and the request, a `portal` service does the
//! work, and a typed answer (or [`ApiError`]'s one shape) goes back.

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;

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
mod works;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/autenticacao", post(auth::password_login))
        .route("/autenticacao/sindico", post(auth::syndic_login))
        .route("/autenticacao-externa/{origem}", post(external::external_login))
        .route("/parceiro/token", post(partner_token::issue))
        .route("/codigo-verificacao", post(auth::request_code))
        .route("/validar-autenticacao", post(auth::validate_code))
        .route("/resetar-senha-email", post(auth::reset_by_email))
        .route("/resetar-senha-sms", post(auth::reset_by_sms))
        .route("/resetar-senha", post(auth::reset_complete))
        .route("/primeiro-acesso", post(auth::first_access_request))
        .route("/primeiro-acesso/senha", post(auth::first_access_complete))
        .route("/identification", post(identity::register))
        .route("/identification/exists/{kind}", get(identity::exists).post(identity::exists))
        .route("/identification/authenticated-user", post(auth::token_grant))
        .route("/identification/persist-login", post(account::persist_login))
        .route("/identification/forget-login", post(account::forget_login))
        .route("/identification/password-recovery/token", post(account::recovery_token))
        .route("/identification/password-recovery", post(account::recovery))
        .route("/account/clients/{client}/passwords", post(account::new_password))
        .route("/sair", post(auth::logout))
        .route("/contrato", get(property::contracts))
        .route("/empreendimento", get(property::developments))
        .route("/unidade", get(property::units))
        .route("/boleto", get(finance::boletos))
        .route("/boleto/{id}", get(finance::boleto))
        .route("/boleto/{id}/pdf", get(finance::boleto_pdf))
        .route("/boleto/{id}/segunda-via", get(finance::reissue_quote).post(finance::issue_reissue))
        .route("/documento", get(documents::documents))
        .route("/documento/{id}", get(documents::document))
        .route("/pessoa", get(people::person).put(people::update_person))
        .route("/account/clients/{client}/addresses", get(people::client_addresses))
        .route("/account/clients/{client}/cards", get(people::client_cards))
        .route("/empreendimento/{id}/foto", get(works::photos))
        .route("/foto/{id}", get(works::photo))
        .route("/foto/{id}/miniatura", get(works::thumbnail))
        .route(
            "/mensagem",
            get(messages::threads)
                .post(messages::new_message)
                .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route(
            "/mensagem/{id}",
            get(messages::thread)
                .post(messages::reply_message)
                .layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route("/mensagem/anexo/{id}", get(messages::attachment))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "nao_encontrado", "Rota inexistente.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "metodo_nao_permitido",
                "Método não permitido nesta rota: veja a documentação da API.",
            )
        })
}
