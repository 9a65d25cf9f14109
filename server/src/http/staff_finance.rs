//! Cobrança files: the bank's retorno uploaded (then previewed on its page) and the remessas
//! and retornos downloaded. Each checks the staff session, then the use case checks the role.

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use portal::finance::billing::{MAX_RETORNO_BYTES, RETORNO_DRAFT};
use portal::finance::correction_model::{IndexValueForm, INDEX_VALUE_DRAFT};
use portal::records::RecordDraft;
use portal::staff::StaffError;
use portal_app::context::ClientIp;

use super::files::{attachment, plain, unavailable};
use super::staff::{origin_of, refusal, signed_in_staff};
use super::staff_photos::{read_upload_form, UploadForm};
use crate::http::AppState;

/// Every route here, with its method: the role matrix test covers each.
pub const ROUTES: [(&str, &str); 5] = [
    ("POST", "/equipe/financeiro/retornos"),
    ("GET", "/equipe/financeiro/arquivos/{id}"),
    ("GET", "/equipe/financeiro/inadimplencia.csv"),
    ("GET", "/equipe/financeiro/recebimentos.csv"),
    ("POST", "/equipe/financeiro/indices/importar"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ROUTES[0].1, post(upload_retorno))
        .route(ROUTES[1].1, get(download))
        .route(ROUTES[2].1, get(delinquency_csv))
        .route(ROUTES[3].1, get(receipts_csv))
        .route(ROUTES[4].1, post(import_index_csv))
        .layer(DefaultBodyLimit::max(MAX_RETORNO_BYTES + 64 * 1024))
}

const PAGE: &str = "/equipe/financeiro";

async fn upload_retorno(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, PAGE).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let too_big = "Arquivo grande demais: um retorno tem até 2 MB.";
    let result = match read_upload_form(multipart, "retorno", too_big).await {
        Ok(form) if form.file.is_empty() => {
            Err(StaffError::Invalid("Escolha o arquivo de retorno do banco.".into()))
        }
        Ok(UploadForm { file_name, file, .. }) => {
            state.portal.import_retorno(&staff, &file_name, &file).await
        }
        Err(reason) => Err(StaffError::Invalid(reason)),
    };
    match result {
        Ok(id) => Redirect::to(&format!("{PAGE}/retornos/{id}")).into_response(),
        Err(StaffError::Invalid(reason)) => {
            let Some(owner) = state.session_cookie.staff_draft_owner(&headers) else {
                return unavailable();
            };
            let draft = RecordDraft {
                form: String::new(),
                errors: [("retorno".to_string(), reason)].into_iter().collect(),
            };
            match state.portal.keep_draft(RETORNO_DRAFT, &owner, &draft).await {
                Ok(id) => Redirect::to(&format!("{PAGE}?rascunho={id}#retorno")).into_response(),
                Err(error) => {
                    tracing::error!(%error, "could not keep a retorno refusal");
                    unavailable()
                }
            }
        }
        Err(error) => refusal(error, "Página não encontrada."),
    }
}

/// An index's values from a CSV; a refusal goes back to the page with the reason and the index
/// chosen.
async fn import_index_csv(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    const INDICES: &str = "/equipe/financeiro/indices";
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, INDICES).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let too_big = "Arquivo grande demais: uma planilha de índices tem até 64 KB.";
    let (index, result) = match read_upload_form(multipart, "csv", too_big).await {
        Ok(form) => {
            let index = form.fields.get("index").cloned().unwrap_or_default();
            let result = if form.file.is_empty() {
                Err(StaffError::Invalid("Escolha o arquivo CSV do índice.".into()))
            } else {
                state.portal.import_index_csv(&staff, &index, &form.file).await
            };
            (index, result)
        }
        Err(reason) => (String::new(), Err(StaffError::Invalid(reason))),
    };
    match result {
        Ok(count) => Redirect::to(&format!("{INDICES}?importados={count}#indice-{index}")).into_response(),
        Err(StaffError::Invalid(reason)) => {
            let Some(owner) = state.session_cookie.staff_draft_owner(&headers) else {
                return unavailable();
            };
            let draft = RecordDraft {
                form: IndexValueForm { index, ..IndexValueForm::default() },
                errors: [("csv".to_string(), reason)].into_iter().collect(),
            };
            match state.portal.keep_draft(INDEX_VALUE_DRAFT, &owner, &draft).await {
                Ok(id) => Redirect::to(&format!("{INDICES}?rascunho={id}#importar")).into_response(),
                Err(error) => {
                    tracing::error!(%error, "could not keep an index import refusal");
                    unavailable()
                }
            }
        }
        Err(error) => refusal(error, "Página não encontrada."),
    }
}

async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, PAGE).await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Arquivo não encontrado.");
    };
    match state.portal.cnab_file_download(&staff, id).await {
        Ok((name, bytes)) => attachment("text/plain; charset=us-ascii", &name, bytes),
        Err(error) => refusal(error, "Arquivo não encontrado."),
    }
}

async fn delinquency_csv(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/financeiro/inadimplencia").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    match state.portal.delinquency_report(&staff).await {
        Ok(report) => attachment("text/csv; charset=utf-8", "inadimplencia.csv", report.to_csv()),
        Err(error) => refusal(error, "Página não encontrada."),
    }
}

#[derive(serde::Deserialize)]
struct Period {
    de: Option<String>,
    ate: Option<String>,
    por: Option<String>,
}

async fn receipts_csv(
    State(state): State<AppState>,
    Query(period): Query<Period>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let origin = origin_of(&headers, ip);
    let staff = match signed_in_staff(&state, &headers, &origin, "/equipe/financeiro/recebimentos").await {
        Ok(staff) => staff,
        Err(response) => return response,
    };
    match state
        .portal
        .receipts_report(&staff, period.de.as_deref(), period.ate.as_deref(), period.por.as_deref())
        .await
    {
        Ok(report) => attachment("text/csv; charset=utf-8", "recebimentos.csv", report.to_csv()),
        Err(StaffError::Invalid(_)) => {
            plain(StatusCode::BAD_REQUEST, "Período inválido: use datas dd/mm/aaaa, até dois anos.")
        }
        Err(error) => refusal(error, "Página não encontrada."),
    }
}
