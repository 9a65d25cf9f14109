//! Partner webhooks: partners with the `webhooks` scope register https endpoints for events;
//! each event becomes one queued delivery per endpoint that wants it, carrying only ids (the
//! partner reads the rest through the API, as Brazilian ERPs do for LGPD). A worker signs each
//! attempt the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature`:
//! HMAC-SHA256 of `id.timestamp.body` under the endpoint's secret, so a receiver refuses
//! replays and forgeries) and retries failures with backoff, leased like the outbox so several
//! processes never send one twice. Rows survive restarts; nothing is dropped but by giving up
//! after [`MAX_WEBHOOK_ATTEMPTS`] or by the partner deleting the endpoint.

use std::time::{Duration, Instant};

use base64::Engine;
use rand::RngCore;
use serde_json::{json, Map, Value};
use standardwebhooks::Webhook;
use url::{Host, Url};

use super::admin::subject_of;
use super::model::PartnerScope;
use super::public_dns::is_public;
use super::redirect::secure_or_local;
use super::webhook_model::*;
use super::webhook_store::EndpointRecord;
use super::PartnerApp;
use crate::audit::Actor;
use crate::listings::sealing::{open, SealingKey};
use crate::notifications::transport::backoff;
use crate::store::StoreError;
use crate::time_br::format_timestamp;
use crate::Portal;

/// How long a worker holds a delivery before another may try it.
const LEASE_SECONDS: i64 = 60;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_URL_CHARS: usize = 500;

/// An endpoint as its partner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// Each refused field with its sentence.
    #[error("dados inválidos")]
    Invalid(Vec<(&'static str, String)>),
    #[error("endpoint não encontrado")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn bound_to(partner_id: i64, url: &str) -> String {
    format!("parceiro:{partner_id}/webhook:{url}")
}

fn endpoint_of(record: &EndpointRecord) -> WebhookEndpoint {
    WebhookEndpoint {
        id: record.id,
        url: record.url.clone(),
        events: record.events.split_whitespace().map(String::from).collect(),
        active: record.active == 1,
        created_at: record.created_at,
    }
}

/// Whether a request may go to this address's host as written: outside development, never an
/// IP literal that is not public nor `localhost` (a connection to an IP literal resolves no
/// name, so [`super::public_dns::PublicOnly`] would not see it).
fn public_host(url: &Url, development: bool) -> bool {
    development
        || match url.host() {
            Some(Host::Ipv4(ip)) => is_public(ip.into()),
            Some(Host::Ipv6(ip)) => is_public(ip.into()),
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                name != "localhost" && !name.ends_with(".localhost")
            }
            None => false,
        }
}

/// The address as given, if a partner may have deliveries sent there: https (plain http only to
/// this machine in development), a public host, no credentials, no fragment.
fn valid_url(typed: &str, development: bool) -> Result<String, String> {
    let refuse =
        || "Informe um endereço https completo, como https://erp.exemplo.com.br/webhooks.".to_string();
    let typed = typed.trim();
    if typed.is_empty() || typed.chars().count() > MAX_URL_CHARS {
        return Err(refuse());
    }
    let url = Url::parse(typed).map_err(|_| refuse())?;
    let clean = url.username().is_empty() && url.password().is_none() && url.fragment().is_none();
    if !secure_or_local(&url, development) || !clean || !public_host(&url, development) {
        return Err(refuse());
    }
    Ok(url.to_string())
}

fn valid_events(typed: &[String]) -> Result<Vec<WebhookEvent>, String> {
    let mut events = Vec::new();
    for code in typed {
        let event = WebhookEvent::parse(code).ok_or_else(|| {
            let known: Vec<&str> = WebhookEvent::ALL.iter().map(|event| event.code()).collect();
            format!("Evento desconhecido \"{code}\": use {}.", known.join(", "))
        })?;
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err("Escolha ao menos um evento.".into());
    }
    Ok(events)
}

/// A new signing secret, in the Standard Webhooks form (`whsec_` and 32 random bytes).
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}_{}", hex::encode(bytes))
}

impl Portal {
    /// Registers an endpoint for `events`; it and its secret, which is shown only now.
    pub async fn register_webhook(
        &self,
        partner: &PartnerApp,
        url: &str,
        events: &[String],
        ip: Option<&str>,
    ) -> Result<(WebhookEndpoint, String), WebhookError> {
        let mut refused = Vec::new();
        let url =
            valid_url(url, self.is_development()).map_err(|message| refused.push(("url", message))).ok();
        let events = valid_events(events).map_err(|message| refused.push(("eventos", message))).ok();
        let (Some(url), Some(events)) = (url, events) else {
            return Err(WebhookError::Invalid(refused));
        };
        let existing = self.store.webhook_endpoints(partner.id).await?;
        if existing.len() as i64 >= MAX_WEBHOOK_ENDPOINTS {
            return Err(WebhookError::Invalid(vec![(
                "url",
                format!("Cada parceiro tem até {MAX_WEBHOOK_ENDPOINTS} endpoints: remova um antes."),
            )]));
        }
        let codes: Vec<&str> = events.iter().map(|event| event.code()).collect();
        let now = self.now();
        let id = self.store.insert_webhook_endpoint(partner.id, &url, &codes.join(" "), now).await?;
        let secret = new_secret();
        let sealed = SealingKey::derive(&self.secret).seal(&secret, &bound_to(partner.id, &url));
        self.store.set_webhook_secret(id, &sealed).await?;
        let detail = format!("endpoint {id} · {url} · {}", codes.join(", "));
        self.audit_webhook(Actor::Partner(partner.id), partner.id, "webhook_registered", ip, &detail).await?;
        let endpoint = WebhookEndpoint {
            id,
            url,
            events: codes.iter().map(|code| code.to_string()).collect(),
            active: true,
            created_at: now,
        };
        Ok((endpoint, secret))
    }

    /// The partner's endpoints.
    pub async fn partner_webhook_endpoints(
        &self,
        partner: &PartnerApp,
    ) -> Result<Vec<WebhookEndpoint>, StoreError> {
        Ok(self.store.webhook_endpoints(partner.id).await?.iter().map(endpoint_of).collect())
    }

    /// Deletes one of the partner's endpoints; what it still had to receive is cancelled.
    pub async fn delete_webhook(
        &self,
        partner: &PartnerApp,
        id: i64,
        ip: Option<&str>,
    ) -> Result<(), WebhookError> {
        if !self.store.delete_webhook_endpoint(partner.id, id, self.now()).await? {
            return Err(WebhookError::NotFound);
        }
        let detail = format!("endpoint {id}");
        self.audit_webhook(Actor::Partner(partner.id), partner.id, "webhook_deleted", ip, &detail).await?;
        Ok(())
    }

    pub(super) async fn audit_webhook(
        &self,
        actor: Actor,
        partner_id: i64,
        action: &str,
        ip: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        let subject = subject_of(partner_id);
        self.store.record_audit_about(self.now(), actor, action, ip, &subject, detail).await
    }

    /// Queues `event` for every endpoint that wants it. The change it reports has happened
    /// already, so a failure here is logged, not returned: the change is not undone for it.
    pub async fn emit_webhook(&self, event: WebhookEvent, ids: &[(&str, i64)]) {
        if let Err(error) = self.queue_webhook(event, ids).await {
            tracing::error!(%error, event = event.code(), "webhook not queued");
        }
    }

    async fn queue_webhook(&self, event: WebhookEvent, ids: &[(&str, i64)]) -> Result<(), StoreError> {
        let subscribers = self.store.webhook_subscribers(event.code()).await?;
        let scope = PartnerScope::Webhooks.code();
        let endpoints = subscribers
            .into_iter()
            .filter(|(_, scopes)| scopes.split_whitespace().any(|code| code == scope))
            .map(|(id, _)| id);
        let now = self.now();
        let data: Map<String, Value> = ids.iter().map(|(name, id)| (name.to_string(), json!(id))).collect();
        let payload =
            json!({ "id": random_id("evt"), "tipo": event.code(), "criado_em": now, "dados": data })
                .to_string();
        for endpoint in endpoints {
            self.store
                .insert_webhook_delivery(endpoint, &random_id("msg"), event.code(), &payload, now)
                .await?;
        }
        Ok(())
    }

    /// Sends up to `batch` due deliveries; how many arrived (2xx).
    pub async fn deliver_due_webhooks(&self, batch: i64) -> Result<usize, StoreError> {
        let now = self.now();
        let keys = self.sealing_keys();
        let client = webhook_client(self.is_development());
        let mut delivered = 0;
        for delivery in self.store.due_webhook_deliveries(now, batch).await? {
            if !self
                .store
                .claim_webhook_delivery(delivery.id, delivery.next_attempt_at, now + LEASE_SECONDS)
                .await?
            {
                continue;
            }
            let secret = open(&keys, &delivery.secret_sealed, &bound_to(delivery.partner_id, &delivery.url));
            let started = Instant::now();
            let attempt_at = self.now();
            // Checked on every try as well: an address stored by a development install is not
            // trusted once the install runs in production.
            let development = self.is_development();
            let allowed = Url::parse(&delivery.url).is_ok_and(|url| public_host(&url, development));
            let outcome = match (secret, &client) {
                _ if !allowed => Err((None, "o endereço do webhook não é público".to_string())),
                (Ok(secret), Ok(client)) => {
                    send(client, &delivery.url, &secret, &delivery.message_id, attempt_at, &delivery.payload)
                        .await
                }
                (Err(_), _) => {
                    Err((None, "segredo do endpoint ilegível (PORTAL_SECRET_KEY trocada?)".to_string()))
                }
                (_, Err(error)) => Err((None, error.clone())),
            };
            let duration_ms = started.elapsed().as_millis() as i64;
            let attempts = delivery.attempts + 1;
            let now = self.now();
            match outcome {
                Ok(status) => {
                    self.store
                        .record_webhook_attempt(delivery.id, attempt_at, Some(status), None, duration_ms)
                        .await?;
                    self.store
                        .finish_webhook_attempt(delivery.id, attempts, "delivered", now, None, now)
                        .await?;
                    delivered += 1;
                }
                Err((status, error)) => {
                    tracing::warn!(delivery = delivery.id, endpoint = delivery.endpoint_id, attempts, %error, "webhook not delivered");
                    self.store
                        .record_webhook_attempt(delivery.id, attempt_at, status, Some(&error), duration_ms)
                        .await?;
                    let give_up = attempts >= MAX_WEBHOOK_ATTEMPTS;
                    let status = if give_up { "failed" } else { "pending" };
                    let next = now + backoff(attempts);
                    self.store
                        .finish_webhook_attempt(delivery.id, attempts, status, next, Some(&error), now)
                        .await?;
                }
            }
        }
        Ok(delivered)
    }

    /// A partner's endpoints and newest deliveries with their attempts, for its back-office page.
    pub(crate) async fn partner_webhook_rows(&self, partner_id: i64) -> Result<PartnerWebhooks, StoreError> {
        let counts = self.store.webhook_queue_counts(partner_id).await?;
        let count = |endpoint: i64, status: &str| {
            counts.iter().find(|(id, kind, _)| *id == endpoint && kind == status).map_or(0, |(_, _, n)| *n)
        };
        let endpoints = self
            .store
            .webhook_endpoints(partner_id)
            .await?
            .iter()
            .map(|record| WebhookEndpointRow {
                id: record.id,
                url: record.url.clone(),
                events: record.events.split_whitespace().map(String::from).collect(),
                active: record.active == 1,
                created_at: format_timestamp(record.created_at),
                pending: count(record.id, "pending"),
                failed: count(record.id, "failed"),
            })
            .collect();
        let records = self.store.recent_webhook_deliveries(partner_id, 50).await?;
        let oldest = records.iter().map(|record| record.id).min().unwrap_or(i64::MAX);
        let attempts = self.store.webhook_attempts_since(partner_id, oldest).await?;
        let deliveries = records
            .into_iter()
            .map(|record| WebhookDeliveryRow {
                attempts: attempts
                    .iter()
                    .filter(|attempt| attempt.delivery_id == record.id)
                    .map(|attempt| WebhookAttemptRow {
                        at: format_timestamp(attempt.attempted_at),
                        status_code: attempt.status_code,
                        error: attempt.error.clone(),
                        duration_ms: attempt.duration_ms,
                    })
                    .collect(),
                next_attempt: (record.status == "pending").then(|| format_timestamp(record.next_attempt_at)),
                id: record.id,
                endpoint_id: record.endpoint_id,
                message_id: record.message_id,
                event: record.event,
                status: record.status,
                created_at: format_timestamp(record.created_at),
                last_error: record.last_error,
            })
            .collect();
        Ok(PartnerWebhooks { endpoints, deliveries })
    }
}

/// The HTTP client of deliveries: no redirects followed (a 3xx is a failure), a short timeout,
/// and, outside development, only public addresses, checked on the resolved IPs themselves so a
/// name that points inside the network is refused as well.
fn webhook_client(development: bool) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .user_agent("PortalDoCliente-Webhooks/1");
    if !development {
        builder = builder.dns_resolver(std::sync::Arc::new(super::public_dns::PublicOnly));
    }
    builder.build().map_err(|error| error.to_string())
}

/// An error and its causes in one line ("error sending request: … connection refused"): the
/// back office shows why a try failed, and reqwest's own text alone does not say.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// One signed POST; the status on 2xx, else the status (if any) and why.
async fn send(
    client: &reqwest::Client,
    url: &str,
    secret: &str,
    message_id: &str,
    timestamp: i64,
    payload: &str,
) -> Result<i64, (Option<i64>, String)> {
    let signer = Webhook::new(secret).map_err(|error| (None, error.to_string()))?;
    let signature =
        signer.sign(message_id, timestamp, payload.as_bytes()).map_err(|error| (None, error.to_string()))?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(payload.to_string())
        .send()
        .await
        .map_err(|error| (None, with_causes(&error.without_url())))?;
    let status = i64::from(response.status().as_u16());
    if response.status().is_success() {
        Ok(status)
    } else {
        Err((Some(status), format!("o endpoint respondeu {status}")))
    }
}
