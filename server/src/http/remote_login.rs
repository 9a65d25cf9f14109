//! Seed 003's remote login, at the seed's own paths: `POST /wp-json/custom/v1/…` for partner
//! backends (API key in `Authorization: Bearer`, WordPress REST's error shape `{"code",
//! "message", "data": {"status"}}` as the seed's platform answers), and `GET /custom-login` for
//! the buyer's browser.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal::partners::{PartnerApp, PartnerError, PartnerScope, RemoteUser};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, IntoResponses, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(generate_login_token))
        .routes(routes!(login_with_token))
        .routes(routes!(create_remote_user))
        .routes(routes!(delete_remote_user))
        .routes(routes!(browser_login))
}

const TAG: &str = "Parceiros: login remoto (seed 003)";

/// WordPress REST's error shape, as the seed's platform answers.
#[derive(Serialize, ToSchema)]
#[schema(as = ErroWordPress)]
struct WpErrorBody {
    /// `rest_forbidden`, `rest_invalid_param`, `rest_too_many_requests`, `rest_user_invalid`,
    /// `rest_forbidden_user`, `rest_invalid_token`, `rest_user_exists` or `rest_unavailable`.
    code: &'static str,
    message: String,
    data: WpErrorData,
}

#[derive(Serialize, ToSchema)]
struct WpErrorData {
    /// The HTTP status again.
    status: u16,
}

/// The refusals every seed 003 backend call may answer.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
enum WpRefusals {
    /// Corpo que não é JSON ou sem um campo (`rest_invalid_param`).
    #[response(status = 400)]
    BadRequest(WpErrorBody),
    /// Chave inválida, sem a permissão, ou pessoa por quem o parceiro não pode agir.
    #[response(status = 403)]
    Forbidden(WpErrorBody),
    /// Acima do limite por minuto da chave (`rest_too_many_requests`).
    #[response(status = 429, headers(("Retry-After" = i64, description = "Segundos até tentar de novo")))]
    TooMany(WpErrorBody),
    /// Serviço indisponível por um momento (`rest_unavailable`).
    #[response(status = 503)]
    Unavailable(WpErrorBody),
}

/// An answer in WordPress REST's error shape.
struct WpError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<i64>,
}

impl WpError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), retry_after: None }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "rest_invalid_param", message)
    }
}

impl IntoResponse for WpError {
    fn into_response(self) -> Response {
        let body = WpErrorBody {
            code: self.code,
            message: self.message,
            data: WpErrorData { status: self.status.as_u16() },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<PartnerError> for WpError {
    fn from(error: PartnerError) -> Self {
        use StatusCode as S;
        match error {
            PartnerError::InvalidKey => Self::new(S::FORBIDDEN, "rest_forbidden", "Token de API inválido."),
            PartnerError::ScopeMissing => Self::new(
                S::FORBIDDEN,
                "rest_forbidden",
                "Esta chave de API não tem permissão para esta operação.",
            ),
            PartnerError::RateLimited(retry) => Self {
                retry_after: Some(retry.0),
                ..Self::new(
                    S::TOO_MANY_REQUESTS,
                    "rest_too_many_requests",
                    "Muitas requisições. Tente novamente em instantes.",
                )
            },
            PartnerError::UnknownUser => {
                Self::new(S::NOT_FOUND, "rest_user_invalid", "Usuário não encontrado.")
            }
            PartnerError::NotAllowed => Self::new(
                S::FORBIDDEN,
                "rest_forbidden_user",
                "Usuário sem o perfil remote-login deste parceiro (ou ainda sem a autorização dele).",
            ),
            PartnerError::InvalidToken => Self::new(
                S::FORBIDDEN,
                "rest_invalid_token",
                "Token de login inválido, já usado ou expirado.",
            ),
            PartnerError::Invalid(message) => Self::bad_request(message),
            PartnerError::Conflict(message) => Self::new(S::CONFLICT, "rest_user_exists", message),
            PartnerError::Store(error) => {
                tracing::error!(%error, "store failure in a partner call");
                Self::new(S::SERVICE_UNAVAILABLE, "rest_unavailable", "Serviço indisponível; tente de novo.")
            }
        }
    }
}

/// The partner behind `Authorization: Bearer <key>`, if it may use `scope`.
async fn partner(state: &AppState, headers: &HeaderMap, scope: PartnerScope) -> Result<PartnerApp, WpError> {
    let key = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(PartnerError::InvalidKey)?;
    Ok(state.portal.authenticate_partner(key, scope).await?)
}

/// The JSON body, or 400 in the seed's shape.
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, WpError> {
    serde_json::from_slice(bytes).map_err(|_| WpError::bad_request("Corpo JSON inválido."))
}

fn client(parts: &Parts) -> portal::auth::RequestOrigin {
    portal_app::context::request_origin(parts)
}

#[derive(Deserialize, ToSchema)]
struct UsernameBody {
    /// The buyer's CPF or CNPJ (digits, with or without the mask) or e-mail.
    username: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct LoginTokenAnswer {
    login_token: String,
    /// When it expires (Unix seconds): 5 minutes after it was made.
    expires: i64,
    /// The address to send the buyer's browser to (`/custom-login?token=…`).
    login_url: String,
}

#[utoipa::path(post, path = "/wp-json/custom/v1/generate-login-token", tag = TAG, security(("parceiro" = [])),
    request_body = UsernameBody,
    responses((status = 200, description = "Token de login de uso único, 5 minutos", body = LoginTokenAnswer),
        (status = 404, description = "Usuário não encontrado (`rest_user_invalid`)", body = WpErrorBody),
        WpRefusals))]
/// Cria um token de login de uso único para um comprador (escopo `remote-login`).
async fn generate_login_token(
    State(state): State<AppState>,
    parts: Parts,
    bytes: Bytes,
) -> Result<Response, WpError> {
    let partner = partner(&state, &parts.headers, PartnerScope::RemoteLogin).await?;
    let request: UsernameBody = body(&bytes)?;
    let username = request.username.filter(|name| !name.trim().is_empty());
    let username = username.ok_or_else(|| WpError::bad_request("Username ausente."))?;
    let origin = client(&parts);
    let token = state.portal.generate_login_token(&partner, &username, origin.ip.as_deref()).await?;
    Ok(Json(LoginTokenAnswer {
        login_token: token.token,
        expires: token.expires_at,
        login_url: token.login_url,
    })
    .into_response())
}

#[derive(Deserialize, ToSchema)]
struct TokenBody {
    /// The `login_token` made for this partner.
    token: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct SessionCookiesAnswer {
    /// `Set-Cookie` values of the buyer's session on this site.
    cookies: Vec<String>,
    /// The buyer's CPF or CNPJ.
    username: String,
}

#[utoipa::path(post, path = "/wp-json/custom/v1/login-with-token", summary = "Troca o token de login pelos cookies da sessão do comprador (só serve a um parceiro servido no domínio do próprio portal).", tag = TAG, security(("parceiro" = [])),
    request_body = TokenBody,
    responses((status = 200, description = "Os cookies da sessão do comprador", body = SessionCookiesAnswer),
        WpRefusals))]
/// The session cookies go to the partner, which sets them on this site's domain: this only
/// works for a partner served under the portal's own domain (README).
async fn login_with_token(
    State(state): State<AppState>,
    parts: Parts,
    bytes: Bytes,
) -> Result<Response, WpError> {
    let partner = partner(&state, &parts.headers, PartnerScope::RemoteLogin).await?;
    let request: TokenBody = body(&bytes)?;
    let token = request.token.filter(|token| !token.trim().is_empty());
    let token = token.ok_or_else(|| WpError::bad_request("Token ausente."))?;
    let origin = client(&parts);
    let (session, _) = state.portal.login_with_partner_token(&token, Some(&partner), None, &origin).await?;
    let cookie = state
        .session_cookie
        .set(session.token, session.cookie_max_age)
        .and_then(|value| value.to_str().ok().map(String::from))
        .unwrap_or_default();
    let username = state.portal.document_of(session.user.person_id).await.map_err(PartnerError::from)?;
    Ok(Json(SessionCookiesAnswer { cookies: vec![cookie], username }).into_response())
}

#[derive(Deserialize, ToSchema)]
struct NewUserBody {
    /// The buyer's CPF or CNPJ.
    username: Option<String>,
    email: Option<String>,
    /// Beyond the seed: the person's name (else the e-mail stands for it until staff confirm).
    name: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct CreatedUserAnswer {
    success: bool,
    username: String,
    email: String,
    /// True until the buyer authorises the partner in the portal.
    autorizacao_pendente: bool,
}

#[derive(Serialize, ToSchema)]
struct DeletedUserAnswer {
    success: bool,
    username: String,
}

#[utoipa::path(post, path = "/wp-json/custom/v1/create-remote-user", tag = TAG, security(("parceiro" = [])),
    request_body = NewUserBody,
    responses((status = 200, description = "Usuário criado ou já existente, agora com o perfil remote-login", body = CreatedUserAnswer),
        (status = 409, description = "E-mail de outra pessoa (`rest_user_exists`)", body = WpErrorBody),
        WpRefusals))]
/// Cria (ou marca) um comprador como usuário remoto deste parceiro (escopo `remote-users`).
async fn create_remote_user(
    State(state): State<AppState>,
    parts: Parts,
    bytes: Bytes,
) -> Result<Response, WpError> {
    let partner = partner(&state, &parts.headers, PartnerScope::RemoteUsers).await?;
    let request: NewUserBody = body(&bytes)?;
    let origin = client(&parts);
    let username = request.username.unwrap_or_default();
    let email = request.email.unwrap_or_default();
    let created = state
        .portal
        .create_remote_user(&partner, &username, &email, request.name.as_deref(), origin.ip.as_deref())
        .await?;
    Ok(Json(CreatedUserAnswer {
        success: true,
        username: username.trim().to_string(),
        email: email.trim().to_lowercase(),
        autorizacao_pendente: created == RemoteUser::AwaitingConsent,
    })
    .into_response())
}

#[utoipa::path(post, path = "/wp-json/custom/v1/delete-remote-user", tag = TAG, security(("parceiro" = [])),
    request_body = UsernameBody,
    responses((status = 200, description = "O perfil remote-login deste parceiro foi retirado", body = DeletedUserAnswer),
        (status = 404, description = "Usuário não encontrado (`rest_user_invalid`)", body = WpErrorBody),
        WpRefusals))]
/// Retira do comprador o perfil remote-login deste parceiro (escopo `remote-users`).
async fn delete_remote_user(
    State(state): State<AppState>,
    parts: Parts,
    bytes: Bytes,
) -> Result<Response, WpError> {
    let partner = partner(&state, &parts.headers, PartnerScope::RemoteUsers).await?;
    let request: UsernameBody = body(&bytes)?;
    let origin = client(&parts);
    let username = request.username.unwrap_or_default();
    state.portal.delete_remote_user(&partner, &username, origin.ip.as_deref()).await?;
    Ok(Json(DeletedUserAnswer { success: true, username: username.trim().to_string() }).into_response())
}

#[derive(Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct BrowserLogin {
    /// The `login_token`.
    token: Option<String>,
    /// Where to go after: a path of this site or an origin allowed for the partner.
    redirect: Option<String>,
}

/// The buyer's browser arrives with the token: a valid one opens a session (the cookie the
/// browser had is replaced) and goes on to `redirect` when it is a path of this site or an
/// origin the partner was allowed, else to Meu Imóvel. A used or expired token goes to the
/// login page, which says so.
#[utoipa::path(get, path = "/custom-login", summary = "O navegador do comprador chega com o token de login: um token válido abre a sessão e segue para `redirect` (um caminho deste site ou uma origem permitida ao parceiro); um usado ou vencido vai à página de login.", tag = TAG, params(BrowserLogin),
    responses((status = 303, description = "Para `redirect` (ou Meu Imóvel) com a sessão aberta; para `/entrar` se o token não vale",
            headers(("Location" = String), ("Set-Cookie" = String, description = "A sessão, quando o token vale"))),
        (status = 503, description = "Serviço indisponível por um momento", content_type = "text/html", body = String)))]
async fn browser_login(
    State(state): State<AppState>,
    parts: Parts,
    query: Result<Query<BrowserLogin>, QueryRejection>,
) -> Response {
    // A query that does not parse (a repeated parameter, say) is a link that does not work.
    let query = query.map(|Query(query)| query).unwrap_or_default();
    let previous = state.session_cookie.token(&parts.headers);
    let origin = client(&parts);
    let token = query.token.unwrap_or_default();
    let login = if token.trim().is_empty() {
        Err(PartnerError::InvalidToken)
    } else {
        state.portal.login_with_partner_token(&token, None, previous.as_deref(), &origin).await
    };
    let (location, cookie) = match login {
        Ok((session, origins)) => {
            let target = query
                .redirect
                .as_deref()
                .and_then(|target| state.portal.allowed_redirect(target, &origins))
                .unwrap_or_else(|| "/meu-imovel".to_string());
            (target, state.session_cookie.set(session.token, session.cookie_max_age))
        }
        Err(PartnerError::Store(error)) => {
            tracing::error!(%error, "store failure on a partner login link");
            return super::files::unavailable();
        }
        Err(_) => ("/entrar?link-parceiro=1".to_string(), None),
    };
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&location) {
        headers.insert(LOCATION, location);
    }
    if let Some(cookie) = cookie {
        headers.append(SET_COOKIE, cookie);
    }
    // The token is in this URL: never cached (the site's Referrer-Policy keeps it off other
    // origins).
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
