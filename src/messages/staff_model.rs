//! What the back office's Mensagens shows: every conversation in the staff user's scope.

use serde::{Deserialize, Serialize};

use super::model::{MessageView, ThreadStatus};

/// Conversations per page in `/equipe/mensagens`.
pub const STAFF_THREADS_PER_PAGE: u32 = 25;

impl ThreadStatus {
    /// The filter's value in `/equipe/mensagens?situacao=`.
    pub fn filter_code(self) -> &'static str {
        match self {
            Self::Open => "aguardando",
            Self::Answered => "respondidas",
            Self::Closed => "fechadas",
        }
    }

    pub fn from_filter_code(code: &str) -> Option<Self> {
        [Self::Open, Self::Answered, Self::Closed].into_iter().find(|status| status.filter_code() == code)
    }

    /// The stored value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "aberto",
            Self::Answered => "respondido",
            Self::Closed => "fechado",
        }
    }
}

/// The list's filters, as the filter bar sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffThreadFilter {
    pub status: Option<ThreadStatus>,
    pub development: Option<i64>,
    /// Part of the subject or of the buyer's name.
    pub search: String,
    /// From 1.
    pub page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffThreadRow {
    pub id: i64,
    pub subject: String,
    pub status: ThreadStatus,
    pub person_name: String,
    pub contract_number: Option<String>,
    pub development_name: Option<String>,
    /// `dd/mm/aaaa hh:mm` of the last message.
    pub updated_at: String,
    /// For a conversation waiting for the team: how long, in words (`há 3 dias`).
    pub waiting_for: Option<String>,
}

/// One page of conversations, with what the filter bar offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffThreadList {
    pub rows: Vec<StaffThreadRow>,
    pub total: i64,
    pub page: u64,
    pub pages: u64,
    /// The empreendimentos in scope (id, name), for the filter.
    pub developments: Vec<(i64, String)>,
}

/// One conversation as staff see it, with the buyer it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffThreadDetail {
    pub id: i64,
    pub subject: String,
    pub status: ThreadStatus,
    pub person_id: i64,
    pub person_name: String,
    pub person_email: String,
    pub contract_number: Option<String>,
    pub development_name: Option<String>,
    pub messages: Vec<MessageView>,
    /// The role may reply, close and reopen.
    pub can_answer: bool,
}

/// `há 5 minutos`, `há 3 horas`, `há 2 dias`: how long something has waited.
pub fn waited_for(seconds: i64) -> String {
    let minutes = (seconds.max(0) / 60).max(1);
    let (count, one, many) = if minutes < 60 {
        (minutes, "minuto", "minutos")
    } else if minutes < 48 * 60 {
        (minutes / 60, "hora", "horas")
    } else {
        (minutes / (24 * 60), "dia", "dias")
    };
    format!("há {count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_times_read_as_words() {
        assert_eq!(waited_for(0), "há 1 minuto");
        assert_eq!(waited_for(59 * 60), "há 59 minutos");
        assert_eq!(waited_for(60 * 60), "há 1 hora");
        assert_eq!(waited_for(47 * 3600), "há 47 horas");
        assert_eq!(waited_for(3 * 86400), "há 3 dias");
    }

    #[test]
    fn filter_codes_round_trip() {
        for status in [ThreadStatus::Open, ThreadStatus::Answered, ThreadStatus::Closed] {
            assert_eq!(ThreadStatus::from_filter_code(status.filter_code()), Some(status));
            assert_eq!(ThreadStatus::from_code(status.code()), status);
        }
        assert_eq!(ThreadStatus::from_filter_code("todas"), None);
    }
}
