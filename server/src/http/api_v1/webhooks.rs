//! `/api/v1/webhooks`: a partner with the `webhooks` scope lists the events, registers its
//! endpoints (the signing secret is answered once), lists and deletes them.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use portal::partners::{PartnerApp, PartnerError, PartnerScope, WebhookEndpoint, WebhookError, WebhookEvent};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{body, ApiError, ErrorBody, Refusals};
use super::extract::{bearer, record_id, ClientOrigin};
use crate::http::AppState;

const TAG: &str = "Parceiros: webhooks";

/// The partner behind the bearer (its API key or an access token), with the `webhooks` scope.
pub(super) struct WebhookPartner(PartnerApp);

impl FromRequestParts<AppState> for WebhookPartner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(&parts.headers)?;
        state
            .portal
            .authenticate_partner_bearer(token, PartnerScope::Webhooks)
            .await
            .map(Self)
            .map_err(partner_refusal)
    }
}

fn partner_refusal(error: PartnerError) -> ApiError {
    match error {
        PartnerError::ScopeMissing => ApiError::new(
            StatusCode::FORBIDDEN,
            "sem_permissao",
            "Esta chave de API não tem a permissão \"webhooks\".",
        ),
        PartnerError::RateLimited(retry) => ApiError {
            retry_after: Some(retry.0),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "limite_excedido",
                "Muitas requisições; aguarde e tente de novo.",
            )
        },
        PartnerError::Store(error) => portal::auth::AuthError::Store(error).into(),
        _ => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "token_invalido",
            "Chave de API ou token de acesso ausente, inválido ou revogado.",
        ),
    }
}

impl From<WebhookError> for ApiError {
    fn from(error: WebhookError) -> Self {
        match error {
            WebhookError::Invalid(fields) => {
                let fields =
                    fields.into_iter().map(|(name, message)| (name.to_string(), message.into())).collect();
                ApiError {
                    fields: Some(fields),
                    ..ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "dados_invalidos",
                        "Dados inválidos: veja a mensagem de cada campo em \"campos\".",
                    )
                }
            }
            WebhookError::NotFound => ApiError::not_found(),
            WebhookError::Store(error) => portal::auth::AuthError::Store(error).into(),
        }
    }
}

/// One event a partner may subscribe to.
#[derive(Serialize, ToSchema)]
pub(super) struct EventAnswer {
    /// The code to subscribe with, and the delivery's `tipo`.
    tipo: &'static str,
    descricao: &'static str,
    /// The ids its `dados` carries.
    campos: Vec<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct EventsAnswer {
    eventos: Vec<EventAnswer>,
}

#[utoipa::path(get, path = "/webhooks/eventos", operation_id = "webhook_events", tag = TAG,
    responses((status = 200, description = "Os eventos", body = EventsAnswer), Refusals))]
/// Os eventos que um endpoint pode receber e os ids que cada entrega leva.
pub(super) async fn events() -> Json<EventsAnswer> {
    let eventos = WebhookEvent::ALL
        .into_iter()
        .map(|event| EventAnswer {
            tipo: event.code(),
            descricao: event.label(),
            campos: event.fields().to_vec(),
        })
        .collect();
    Json(EventsAnswer { eventos })
}

/// An endpoint of the partner.
#[derive(Serialize, ToSchema)]
pub(super) struct EndpointAnswer {
    id: i64,
    url: String,
    eventos: Vec<String>,
    /// False while staff keep it switched off: it receives nothing, its deliveries wait.
    ativo: bool,
    /// Unix seconds.
    criado_em: i64,
}

impl From<WebhookEndpoint> for EndpointAnswer {
    fn from(endpoint: WebhookEndpoint) -> Self {
        Self {
            id: endpoint.id,
            url: endpoint.url,
            eventos: endpoint.events,
            ativo: endpoint.active,
            criado_em: endpoint.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct EndpointsAnswer {
    webhooks: Vec<EndpointAnswer>,
}

/// The refusals of a call that needs the partner's key or token.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
pub(super) enum PartnerRefusals<'a> {
    /// Sem chave ou token, ou inválidos ou revogados (`token_invalido`).
    #[response(status = 401)]
    Unauthorized(ErrorBody<'a>),
    /// Chave sem a permissão `webhooks` (`sem_permissao`).
    #[response(status = 403)]
    Forbidden(ErrorBody<'a>),
}

#[utoipa::path(get, path = "/webhooks", operation_id = "list_webhooks", tag = TAG, security(("parceiro" = [])),
    responses((status = 200, description = "Os endpoints do parceiro", body = EndpointsAnswer), PartnerRefusals, Refusals))]
/// Os endpoints do parceiro.
pub(super) async fn list(
    State(state): State<AppState>,
    WebhookPartner(partner): WebhookPartner,
) -> Result<Json<EndpointsAnswer>, ApiError> {
    let endpoints = state.portal.partner_webhook_endpoints(&partner).await.map_err(WebhookError::from)?;
    Ok(Json(EndpointsAnswer { webhooks: endpoints.into_iter().map(EndpointAnswer::from).collect() }))
}

#[derive(Deserialize, ToSchema)]
pub(super) struct NewEndpoint {
    /// https (plain http only to this machine on a development install); no user or password.
    #[schema(example = "https://erp.exemplo.com.br/webhooks/portal", max_length = 500)]
    url: String,
    /// Codes from `GET /api/v1/webhooks/eventos`.
    #[schema(example = json!(["boleto.pago", "mensagem.respondida"]))]
    eventos: Vec<String>,
}

/// The new endpoint and its signing secret, which is never shown again.
#[derive(Serialize, ToSchema)]
pub(super) struct CreatedEndpoint {
    #[serde(flatten)]
    endpoint: EndpointAnswer,
    /// `whsec_…`: verify each delivery's `webhook-signature` with it (Standard Webhooks).
    segredo: String,
}

#[utoipa::path(post, path = "/webhooks", operation_id = "register_webhook", tag = TAG, security(("parceiro" = [])), request_body = NewEndpoint,
    responses((status = 201, description = "Endpoint cadastrado; guarde o segredo agora", body = CreatedEndpoint),
        (status = 422, description = "URL ou eventos recusados, ou já há 10 endpoints (`dados_invalidos`)", body = ErrorBody),
        PartnerRefusals, Refusals))]
/// Cadastra um endpoint para os eventos escolhidos.
pub(super) async fn register(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    WebhookPartner(partner): WebhookPartner,
    payload: Result<Json<NewEndpoint>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedEndpoint>), ApiError> {
    let request = body(payload)?;
    let (endpoint, secret) =
        state.portal.register_webhook(&partner, &request.url, &request.eventos, origin.ip.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(CreatedEndpoint { endpoint: endpoint.into(), segredo: secret })))
}

#[utoipa::path(delete, path = "/webhooks/{id}", operation_id = "delete_webhook", tag = TAG, security(("parceiro" = [])),
    params(("id" = i64, Path, description = "O id do endpoint")),
    responses((status = 204, description = "Removido; as entregas pendentes dele foram canceladas"),
        (status = 404, description = "Não há endpoint do parceiro com esse id", body = ErrorBody),
        PartnerRefusals, Refusals))]
/// Remove um endpoint do parceiro.
pub(super) async fn delete(
    State(state): State<AppState>,
    ClientOrigin(origin): ClientOrigin,
    WebhookPartner(partner): WebhookPartner,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.portal.delete_webhook(&partner, record_id(&id)?, origin.ip.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}
