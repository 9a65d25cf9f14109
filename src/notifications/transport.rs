//! Real transports: SMTP through lettre, and an HTTP SMS gateway. The worker claims due
//! messages from the outbox, sends them, and retries failures with exponential backoff.
//!
//! SMS gateway contract: `POST {PORTAL_SMS_URL}` with `Authorization: Bearer {PORTAL_SMS_TOKEN}`
//! and the JSON body `{"to": "+5541999999999", "message": "…"}`; any 2xx answer is success.

use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::json;

use super::model::Channel;
use super::store::DueMessage;
use crate::store::StoreError;
use crate::Portal;

/// After this many failed tries a message is marked failed (and stays in the outbox).
pub const MAX_DELIVERY_ATTEMPTS: i64 = 8;
/// A claimed message is not claimed again for this long (another process may be sending it).
const CLAIM_SECONDS: i64 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// STARTTLS on the submission port (587), the default.
    StartTls,
    /// TLS from the first byte (465).
    Tls,
    /// No encryption: only for a relay on localhost.
    Plain,
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

#[derive(Clone)]
pub struct SmsSettings {
    pub url: String,
    pub token: String,
}

/// The configured transports; secrets never appear in `Debug`.
#[derive(Clone, Default)]
pub struct Transports {
    pub smtp: Option<SmtpSettings>,
    pub sms: Option<SmsSettings>,
}

impl std::fmt::Debug for Transports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transports")
            .field("smtp", &self.smtp.as_ref().map(|smtp| format!("{}:{}", smtp.host, smtp.port)))
            .field("sms", &self.sms.as_ref().map(|sms| sms.url.clone()))
            .finish()
    }
}

impl Transports {
    pub fn handles(&self, channel: Channel) -> bool {
        match channel {
            Channel::Email => self.smtp.is_some(),
            Channel::Sms => self.sms.is_some(),
        }
    }
}

async fn send_email(smtp: &SmtpSettings, message: &DueMessage) -> Result<(), String> {
    let from: Mailbox = smtp.from.parse().map_err(|error| format!("remetente inválido: {error}"))?;
    let to: Mailbox =
        message.destination.parse().map_err(|error| format!("destinatário inválido: {error}"))?;
    let builder = Message::builder().from(from).to(to).subject(&message.subject);
    let email = match &message.body_html {
        Some(html) => {
            builder.multipart(MultiPart::alternative_plain_html(message.body_text.clone(), html.clone()))
        }
        None => builder.singlepart(
            SinglePart::builder().header(ContentType::TEXT_PLAIN).body(message.body_text.clone()),
        ),
    }
    .map_err(|error| error.to_string())?;
    let mut transport = match smtp.security {
        SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host),
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host),
        SmtpSecurity::Plain => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)),
    }
    .map_err(|error| error.to_string())?
    .port(smtp.port)
    .timeout(Some(Duration::from_secs(20)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        transport = transport.credentials(Credentials::new(user.clone(), password.clone()));
    }
    transport.build().send(email).await.map(|_| ()).map_err(|error| error.to_string())
}

async fn send_sms(sms: &SmsSettings, message: &DueMessage) -> Result<(), String> {
    let client =
        reqwest::Client::builder().timeout(Duration::from_secs(15)).build().map_err(|e| e.to_string())?;
    let response = client
        .post(&sms.url)
        .bearer_auth(&sms.token)
        .json(&json!({ "to": format!("+55{}", message.destination), "message": message.body_text }))
        .send()
        .await
        .map_err(|error| error.without_url().to_string())?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!("gateway de SMS respondeu {}", response.status()))
    }
}

/// Seconds to wait before try number `attempts + 1`: 30 s, 1 min, 2 min… up to 1 h.
pub(crate) fn backoff(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 7)).min(3600)
}

impl Portal {
    /// Sends up to `batch` due messages; returns how many were sent. Failures are recorded on
    /// the message and retried later; after [`MAX_DELIVERY_ATTEMPTS`] it is marked failed.
    pub async fn deliver_due_messages(&self, batch: i64) -> Result<usize, StoreError> {
        let now = self.now();
        let mut sent = 0;
        for message in self.store.due_messages(now, batch).await? {
            if !self.store.claim_message(message.id, message.next_attempt_at, now + CLAIM_SECONDS).await? {
                continue;
            }
            let result = match (Channel::from_code(&message.channel), &self.transports) {
                (Some(Channel::Email), Transports { smtp: Some(smtp), .. }) => {
                    send_email(smtp, &message).await
                }
                (Some(Channel::Sms), Transports { sms: Some(sms), .. }) => send_sms(sms, &message).await,
                _ => Err("nenhum transporte configurado para este canal".to_string()),
            };
            let now = self.now();
            match result {
                Ok(()) => {
                    self.store.mark_sent(message.id, now).await?;
                    sent += 1;
                }
                Err(error) => {
                    let attempts = message.attempts + 1;
                    tracing::warn!(message_id = message.id, attempts, %error, "notification not delivered");
                    let give_up = attempts >= MAX_DELIVERY_ATTEMPTS;
                    self.store
                        .mark_failed_attempt(message.id, attempts, now + backoff(attempts), &error, give_up)
                        .await?;
                }
            }
        }
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), 60);
        assert_eq!(backoff(2), 120);
        assert_eq!(backoff(7), 3600);
        assert_eq!(backoff(20), 3600);
    }
}
