//! Files a signed-in buyer downloads: authorised on every request by the session cookie (a
//! copied link does not work for anyone else, nor after logout), never cached.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use portal::property::{PhotoSize, PropertyError};

use super::browser_session::signed_in;
use super::files::{attachment, attachment_of, inline_image, plain, unavailable};
use super::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/financeiro/boletos/{id}/pdf", get(boleto_pdf))
        .route("/financeiro/antecipacoes/{id}/pdf", get(early_payment_pdf))
        .route("/documentos/{id}/arquivo", get(document_file))
        .route("/financeiro/extrato/{id}/pdf", get(statement_pdf))
        .route("/financeiro/informe-de-rendimentos/{year}", get(income_report_pdf))
        .route("/meu-imovel/fotos/{id}", get(works_photo))
        .route("/meu-imovel/fotos/{id}/miniatura", get(works_photo_thumbnail))
}

async fn boleto_pdf(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let back = format!("/financeiro/boletos/{id}");
    generated_pdf(state, headers, &back, &id, |state, person, installment| async move {
        state.portal.my_boleto_pdf(person, installment).await
    })
    .await
}

async fn early_payment_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let back = format!("/financeiro/antecipacoes/{id}");
    generated_pdf(state, headers, &back, &id, |state, person, early_payment| async move {
        state.portal.my_early_payment_pdf(person, early_payment).await
    })
    .await
}

async fn document_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let user = match signed_in(&state, &headers, "/documentos").await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let Ok(document_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Documento não encontrado.");
    };
    match state.portal.my_document_file(user.person_id, document_id).await {
        Ok(file) => attachment_of(&file),
        Err(PropertyError::NotFound) => plain(StatusCode::NOT_FOUND, "Documento não encontrado."),
        Err(PropertyError::Store(error)) => {
            tracing::error!(%error, "store failure reading a document");
            unavailable()
        }
    }
}

async fn works_photo(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    photo_file(state, headers, &id, PhotoSize::Full).await
}

async fn works_photo_thumbnail(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    photo_file(state, headers, &id, PhotoSize::Thumbnail).await
}

/// A photo of the works, shown in the page (inline), for buyers of its empreendimento only.
async fn photo_file(state: AppState, headers: HeaderMap, id: &str, size: PhotoSize) -> Response {
    let user = match signed_in(&state, &headers, "/meu-imovel").await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let Ok(photo_id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Foto não encontrada.");
    };
    match state.portal.my_works_photo_file(user.person_id, photo_id, size).await {
        Ok(file) => inline_image(&file),
        Err(PropertyError::NotFound) => plain(StatusCode::NOT_FOUND, "Foto não encontrada."),
        Err(PropertyError::Store(error)) => {
            tracing::error!(%error, "store failure reading a photo");
            unavailable()
        }
    }
}

/// A generated PDF of the signed-in buyer, or 404 for anything not theirs.
async fn generated_pdf<F, Fut>(state: AppState, headers: HeaderMap, back: &str, id: &str, make: F) -> Response
where
    F: FnOnce(AppState, i64, i64) -> Fut,
    Fut: std::future::Future<Output = Result<(String, Vec<u8>), PropertyError>>,
{
    let user = match signed_in(&state, &headers, back).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Não encontrado.");
    };
    match make(state, user.person_id, id).await {
        Ok((file_name, pdf)) => attachment("application/pdf", &file_name, pdf),
        Err(PropertyError::NotFound) => plain(StatusCode::NOT_FOUND, "Não encontrado."),
        Err(PropertyError::Store(error)) => {
            tracing::error!(%error, "store failure making a PDF");
            unavailable()
        }
    }
}

async fn statement_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    generated_pdf(state, headers, "/financeiro/extrato", &id, |state, person, contract| async move {
        state.portal.my_statement_pdf(person, contract).await
    })
    .await
}

async fn income_report_pdf(
    State(state): State<AppState>,
    Path(year): Path<String>,
    headers: HeaderMap,
) -> Response {
    generated_pdf(state, headers, "/financeiro/extrato", &year, |state, person, year| async move {
        let year = i32::try_from(year).map_err(|_| PropertyError::NotFound)?;
        state.portal.my_income_report_pdf(person, year).await
    })
    .await
}
