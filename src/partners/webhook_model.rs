//! Partner webhooks as both sides see them: the events, and what the back office lists of a
//! partner's endpoints and of their deliveries.

use serde::{Deserialize, Serialize};

/// What happened. Deliveries carry only ids: the partner reads the rest through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebhookEvent {
    BoletoIssued,
    BoletoPaid,
    MessageAnswered,
    DocumentPublished,
    ContractChanged,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        Self::BoletoIssued,
        Self::BoletoPaid,
        Self::MessageAnswered,
        Self::DocumentPublished,
        Self::ContractChanged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::BoletoIssued => "boleto.emitido",
            Self::BoletoPaid => "boleto.pago",
            Self::MessageAnswered => "mensagem.respondida",
            Self::DocumentPublished => "documento.publicado",
            Self::ContractChanged => "contrato.alterado",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::BoletoIssued => "Boleto emitido (remessa ao banco ou 2ª via)",
            Self::BoletoPaid => "Boleto pago (retorno do banco ou baixa manual)",
            Self::MessageAnswered => "Mensagem respondida pela equipe",
            Self::DocumentPublished => "Documento publicado",
            Self::ContractChanged => "Contrato alterado (situação, partes ou parcelas)",
        }
    }

    /// The ids the delivery's `dados` carries.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::BoletoIssued | Self::BoletoPaid => &["boleto_id"],
            Self::MessageAnswered => &["mensagem_id"],
            Self::DocumentPublished => &["documento_id"],
            Self::ContractChanged => &["contrato_id"],
        }
    }
}

/// How many times a delivery is tried before it is given up (about 8 hours in all).
pub const MAX_WEBHOOK_ATTEMPTS: i64 = 12;
/// Endpoints a partner may have at once.
pub const MAX_WEBHOOK_ENDPOINTS: i64 = 10;

/// One endpoint, as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpointRow {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: String,
    pub pending: i64,
    pub failed: i64,
}

/// One delivery with its attempts, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookDeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub event: String,
    /// `pending`, `delivered`, `failed` or `cancelled`.
    pub status: String,
    pub attempts: Vec<WebhookAttemptRow>,
    pub created_at: String,
    /// When the next try is due, for a pending delivery (`dd/mm/aaaa hh:mm`).
    pub next_attempt: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAttemptRow {
    pub at: String,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// A partner's webhooks on its back-office page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerWebhooks {
    pub endpoints: Vec<WebhookEndpointRow>,
    pub deliveries: Vec<WebhookDeliveryRow>,
}

impl WebhookDeliveryRow {
    pub fn status_label(&self) -> &'static str {
        match self.status.as_str() {
            "delivered" => "Entregue",
            "failed" => "Falhou",
            "cancelled" => "Cancelada",
            _ => "Pendente",
        }
    }
}
