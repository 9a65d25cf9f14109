//! Files a signed-in buyer downloads: authorised on every request by the session cookie (a
//! copied link does not work for anyone else, nor after logout), never cached.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use portal::auth::{AuthError, CurrentUser};
use portal::property::{PhotoSize, PropertyError};

use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/financeiro/boletos/{id}/pdf", get(boleto_pdf))
        .route("/documentos/{id}/arquivo", get(document_file))
        .route("/financeiro/extrato/{id}/pdf", get(statement_pdf))
        .route("/financeiro/informe-de-rendimentos/{year}", get(income_report_pdf))
        .route("/meu-imovel/fotos/{id}", get(works_photo))
        .route("/meu-imovel/fotos/{id}/miniatura", get(works_photo_thumbnail))
}

/// The session cookie's value, if the browser sent one.
pub(crate) fn session_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.to_string())
}

pub(crate) fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// A file as an attachment.
pub(crate) fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    file_response("attachment", HeaderValue::from_static(content_type), file_name, bytes)
}

/// `Content-Disposition` with an ASCII name for every client (`março 1.pdf` → `marco-1.pdf`)
/// and the real name for those that read RFC 6266's `filename*`.
fn content_disposition(disposition: &str, file_name: &str) -> HeaderValue {
    let mut ascii = String::new();
    for c in deunicode::deunicode(file_name).chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') { c } else { '-' };
        if !(c == '-' && (ascii.is_empty() || ascii.ends_with('-'))) {
            ascii.push(c);
        }
    }
    let ascii = ascii.trim_end_matches('-');
    let ascii = if ascii.trim_matches('.').is_empty() { "arquivo" } else { ascii };
    let exact = percent_encoding::utf8_percent_encode(file_name, percent_encoding::NON_ALPHANUMERIC);
    HeaderValue::from_str(&format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{exact}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// `disposition` is `attachment` (download) or `inline` (shown in the page); never cached.
fn file_response(disposition: &str, content_type: HeaderValue, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CONTENT_DISPOSITION, content_disposition(disposition, file_name)),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// The signed-in buyer behind the request, or the response to send instead (a redirect to
/// the login that comes back to `back`, or 503).
pub(crate) async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    back: &str,
) -> Result<CurrentUser, Response> {
    let user = match session_token(headers, state.session_cookie_name) {
        Some(token) => state.portal.authenticate(&token).await,
        None => Err(AuthError::Unauthenticated),
    };
    match user {
        Ok(user) => Ok(user),
        Err(AuthError::Store(error)) => {
            tracing::error!(%error, "store failure authenticating a download");
            Err(unavailable())
        }
        Err(_) => Err(Redirect::to(&format!("/entrar?proximo={back}")).into_response()),
    }
}

pub(crate) fn unavailable() -> Response {
    plain(StatusCode::SERVICE_UNAVAILABLE, "O portal não conseguiu concluir agora. Tente novamente.")
}

async fn boleto_pdf(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let back = format!("/financeiro/boletos/{id}");
    generated_pdf(state, headers, &back, &id, |state, person, installment| async move {
        state.portal.my_boleto_pdf(person, installment).await
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

/// A stored image to show in the page; it keeps a safe name for "save image as".
pub(crate) fn inline_image(file: &portal::documents::DocumentFile) -> Response {
    file_response("inline", stored_type(file), &file.file_name, file.bytes.clone())
}

fn stored_type(file: &portal::documents::DocumentFile) -> HeaderValue {
    HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

/// A stored document as an attachment, with its recorded type.
pub(crate) fn attachment_of(file: &portal::documents::DocumentFile) -> Response {
    file_response("attachment", stored_type(file), &file.file_name, file.bytes.clone())
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

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn names_are_ascii_for_everyone_and_exact_for_rfc_6266_clients() {
        let header = |name: &str| content_disposition("attachment", name).to_str().unwrap().to_string();
        assert_eq!(
            header("comprovante março.pdf"),
            "attachment; filename=\"comprovante-marco.pdf\"; filename*=UTF-8''comprovante%20mar%C3%A7o%2Epdf"
        );
        assert!(header("contrato-HZ-2024-0117.pdf")
            .starts_with("attachment; filename=\"contrato-HZ-2024-0117.pdf\""));
        assert!(header("\"; evil=1 \r\n.pdf").starts_with("attachment; filename=\"evil-1-.pdf\""));
        assert!(header("..").starts_with("attachment; filename=\"arquivo\""));
    }
}
