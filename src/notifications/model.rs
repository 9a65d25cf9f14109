use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "E-mail",
            Self::Sms => "SMS",
        }
    }
}

/// One stored message, as the development outbox page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct OutboxEntry {
    pub id: i64,
    pub channel: String,
    pub destination: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub created_at: i64,
}
