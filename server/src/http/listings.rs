//! Seed 004 at its own paths (`/dealer/{dealer_id}/portal-auth/…`, Django REST Framework's
//! shapes: `{"detail": …}`, field errors as lists), and the listing feeds portals read at their
//! unguessable addresses (`/anuncios/{key}.xml`, with ETag and Last-Modified) with the works
//! photos they link to.

use std::time::{Duration, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
    RETRY_AFTER,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json};
use portal::listings::{ListingCaller, ListingError, PortalAuthEntry};
use portal::partners::{PartnerError, PartnerScope};
use portal::staff::StaffError;
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::{IntoResponses, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::staff::origin_of;
use super::AppState;
use portal_app::context::ClientIp;

/// Seed 004's paths as the seed writes them (with the slash) are documented; the same paths
/// without it, and the seed's call without a dealer id, answer the same and are not repeated.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .route("/dealer/{dealer_id}/portal-auth", get(list))
        .route("/dealer/portal-auth/", get(missing_dealer).post(missing_dealer))
        .routes(routes!(update))
        .route("/dealer/{dealer_id}/portal-auth/{portal_id}", axum::routing::post(update))
        .routes(routes!(feed))
        .route("/anuncios/{key}/fotos/{file}", get(feed_photo))
        .route("/portais-de-anuncios/{file}", get(logo))
}

const TAG: &str = "Parceiros: anúncios (seed 004)";

/// Django REST Framework's refusal.
#[derive(Serialize, ToSchema)]
#[schema(as = ErroDetalhe004)]
struct Detail {
    detail: String,
}

/// A refused update: a sentence, or each refused field with its messages.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
#[serde(untagged)]
enum UpdateRefusal {
    Detail(Detail),
    Fields(std::collections::HashMap<String, Vec<String>>),
}

/// `{"status": true}` after a write; `{"status": false}` for a portal not released to the company.
#[derive(Serialize, ToSchema)]
struct StatusAnswer {
    status: bool,
}

/// The refusals of both seed 004 operations.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
enum DealerRefusals {
    /// Sem credenciais, ou token ou chave inválidos ou expirados.
    #[response(status = 401)]
    Unauthorized(Detail),
    /// Empresa não liberada a quem chama (exista ou não), ou chave sem a permissão `listings`.
    #[response(status = 403)]
    Forbidden(Detail),
    /// Acima do limite por minuto do parceiro.
    #[response(status = 429, headers(("Retry-After" = i64, description = "Segundos até tentar de novo")))]
    TooMany(Detail),
    /// Falha interna.
    #[response(status = 500)]
    Internal(Detail),
}

fn detail(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(Detail { detail: text.into() })).into_response()
}

const NO_CREDENTIALS: &str = "As credenciais de autenticação não foram fornecidas.";
const INVALID_TOKEN: &str = "Token inválido ou expirado.";
const FORBIDDEN: &str = "Você não tem permissão para executar essa ação.";

fn listing_error(error: ListingError) -> Response {
    match error {
        ListingError::MissingDealer => detail(StatusCode::BAD_REQUEST, "Parâmetro ID da Loja não encontrado"),
        ListingError::Forbidden => detail(StatusCode::FORBIDDEN, FORBIDDEN),
        ListingError::PortalNotFound => detail(StatusCode::NOT_FOUND, "Portal not found."),
        ListingError::PortalNotReleased => {
            (StatusCode::NOT_FOUND, Json(StatusAnswer { status: false })).into_response()
        }
        ListingError::OAuthOnly(name) => detail(
            StatusCode::BAD_REQUEST,
            format!(
                "O portal {name} usa autenticação OAuth e não aceita credenciais por este endpoint: \
                 conecte-o pelo fluxo OAuth do próprio portal."
            ),
        ),
        ListingError::Invalid(fields) => (StatusCode::BAD_REQUEST, Json(json!(fields))).into_response(),
        ListingError::Store(error) => {
            tracing::error!(%error, "store failure in seed 004");
            detail(StatusCode::INTERNAL_SERVER_ERROR, "Erro interno. Tente novamente em instantes.")
        }
    }
}

fn partner_error(error: PartnerError) -> Response {
    match error {
        PartnerError::ScopeMissing => detail(StatusCode::FORBIDDEN, FORBIDDEN),
        PartnerError::RateLimited(retry) => {
            let mut response = detail(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Requisição foi limitada. Tente novamente em {} segundos.", retry.0),
            );
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry.0));
            response
        }
        PartnerError::Store(error) => listing_error(ListingError::Store(error)),
        _ => detail(StatusCode::UNAUTHORIZED, INVALID_TOKEN),
    }
}

/// Who calls: a partner by access token (or its API key), else an admin's staff session.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    ip: Option<Extension<ClientIp>>,
) -> Result<ListingCaller, Response> {
    if let Some(authorization) = headers.get(AUTHORIZATION) {
        let token = authorization
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| detail(StatusCode::UNAUTHORIZED, INVALID_TOKEN))?;
        let partner = state.portal.authenticate_partner_bearer(token, PartnerScope::Listings).await;
        return partner.map(ListingCaller::Partner).map_err(partner_error);
    }
    let Some(token) = state.session_cookie.staff_token(headers) else {
        return Err(detail(StatusCode::UNAUTHORIZED, NO_CREDENTIALS));
    };
    match state.portal.authenticate_staff(&token, &origin_of(headers, ip)).await {
        Ok(staff) => Ok(ListingCaller::Staff(staff)),
        Err(StaffError::Store(error)) => Err(listing_error(ListingError::Store(error))),
        Err(_) => Err(detail(StatusCode::UNAUTHORIZED, INVALID_TOKEN)),
    }
}

async fn missing_dealer() -> Response {
    detail(StatusCode::BAD_REQUEST, "Parâmetro ID da Loja não encontrado")
}

#[utoipa::path(get, path = "/dealer/{dealer_id}/portal-auth/", operation_id = "list_portal_auth", tag = TAG,
    security(("parceiro" = []), ("sessao_equipe" = [])),
    params(("dealer_id" = i64, Path, description = "O id da empresa (loja)")),
    responses((status = 200, description = "Os portais liberados à empresa, com as credenciais que cada um pede (segredos nunca voltam)", body = Vec<PortalAuthEntry>),
        (status = 400, description = "Sem o id da empresa", body = Detail),
        DealerRefusals))]
/// Os portais de anúncios da empresa e as credenciais de cada um.
async fn list(
    State(state): State<AppState>,
    Path(dealer): Path<String>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let caller = match caller(&state, &headers, ip).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    match state.portal.portal_auth_list(&caller, &dealer).await {
        Ok(portals) => Json(portals).into_response(),
        Err(error) => listing_error(error),
    }
}

#[utoipa::path(post, path = "/dealer/{dealer_id}/portal-auth/{portal_id}/", operation_id = "update_portal_auth", tag = TAG,
    security(("parceiro" = []), ("sessao_equipe" = [])),
    params(("dealer_id" = i64, Path, description = "O id da empresa (loja)"),
        ("portal_id" = i64, Path, description = "O id do portal")),
    request_body(content = PortalCredentials, content_type = "application/json"),
    responses((status = 200, description = "Gravado", body = StatusAnswer),
        (status = 400, description = "Campos recusados (cada um com sua lista de mensagens), JSON inválido, ou portal só OAuth", body = UpdateRefusal),
        (status = 404, description = "Portal inexistente (`Portal not found.`) ou não liberado (`{\"status\": false}`)", body = StatusAnswer),
        (status = 415, description = "Corpo que não é application/json", body = Detail),
        DealerRefusals))]
/// Liga, desliga ou troca as credenciais de um portal da empresa.
async fn update(
    State(state): State<AppState>,
    Path((dealer, portal)): Path<(String, String)>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let client_ip = ip.as_ref().map(|Extension(ip)| ip.0.clone());
    let caller = match caller(&state, &headers, ip).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let json_body = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|kind| kind.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !json_body {
        return detail(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Envie o corpo como application/json.");
    }
    let body: Value = match serde_json::from_slice(&body) {
        Ok(body) => body,
        Err(error) => return detail(StatusCode::BAD_REQUEST, format!("JSON parse error - {error}")),
    };
    match state.portal.update_portal_auth(&caller, &dealer, &portal, &body, client_ip.as_deref()).await {
        Ok(()) => Json(StatusAnswer { status: true }).into_response(),
        Err(error) => listing_error(error),
    }
}

/// Seed 004's update body; the portal's own credential fields are required when `active`.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
struct PortalCredentials {
    active: bool,
    /// When switching off: true withdraws every listing, false keeps what was published.
    remove_all: Option<bool>,
    user: Option<String>,
    site_id: Option<String>,
    /// Write-only: empty keeps the stored one.
    password: Option<String>,
    /// Write-only: empty keeps the stored one.
    token: Option<String>,
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(CACHE_CONTROL, "no-store")], "Feed não encontrado.").into_response()
}

fn http_date(unix: i64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(unix.max(0) as u64))
}

#[utoipa::path(get, path = "/anuncios/{arquivo}", operation_id = "listing_feed", summary = "O feed de anúncios (VRSync ou Chaves na Mão) no endereço secreto; 304 quando o portal já tem esta geração.", tag = TAG,
    params(("arquivo" = String, Path, description = "A chave do feed e `.xml`, como a página Anúncios mostra"),
        ("If-None-Match" = Option<String>, Header), ("If-Modified-Since" = Option<String>, Header)),
    responses((status = 200, description = "O feed (VRSync ou Chaves na Mão)", content_type = "application/xml", body = String,
            headers(("ETag" = String), ("Last-Modified" = String))),
        (status = 304, description = "O portal já tem esta geração"),
        (status = 404, description = "Feed inexistente", content_type = "text/plain", body = String),
        (status = 500, description = "Falha do banco", body = Detail)))]
/// A feed, or 304 when the portal already has this generation.
async fn feed(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(key) = file.strip_suffix(".xml") else { return not_found() };
    let document = match state.portal.listing_feed(key).await {
        Ok(Some(document)) => document,
        Ok(None) => return not_found(),
        Err(error) => return listing_error(ListingError::Store(error)),
    };
    let text = |name| headers.get(name).and_then(|value: &HeaderValue| value.to_str().ok());
    let same_etag = text(IF_NONE_MATCH)
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == document.etag || tag.trim() == "*"));
    let not_modified_since = text(IF_NONE_MATCH).is_none()
        && text(IF_MODIFIED_SINCE)
            .and_then(|since| httpdate::parse_http_date(since).ok())
            .and_then(|since| since.duration_since(UNIX_EPOCH).ok())
            .is_some_and(|since| document.last_modified <= since.as_secs() as i64);
    let headers = [
        (ETAG, document.etag.clone()),
        (LAST_MODIFIED, http_date(document.last_modified)),
        (CACHE_CONTROL, "no-cache".to_string()),
    ];
    if same_etag || not_modified_since {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let mut response = (headers, document.body).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

async fn logo(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(slug) = file.strip_suffix(".svg") else { return not_found() };
    match state.portal.listing_portal_logo(slug).await {
        Ok(Some(svg)) => {
            ([(CONTENT_TYPE, "image/svg+xml"), (CACHE_CONTROL, "public, max-age=86400")], svg).into_response()
        }
        Ok(None) => not_found(),
        Err(error) => listing_error(ListingError::Store(error)),
    }
}

async fn feed_photo(State(state): State<AppState>, Path((key, file)): Path<(String, String)>) -> Response {
    let Some(photo_id) = file.strip_suffix(".jpg").and_then(|id| id.parse::<i64>().ok()) else {
        return not_found();
    };
    match state.portal.listing_feed_photo(&key, photo_id).await {
        Ok(Some(bytes)) => {
            ([(CONTENT_TYPE, "image/jpeg"), (CACHE_CONTROL, "public, max-age=86400")], bytes).into_response()
        }
        Ok(None) => not_found(),
        Err(error) => listing_error(ListingError::Store(error)),
    }
}
