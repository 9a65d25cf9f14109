use serde::{Deserialize, Serialize};

/// At most this many files per message.
pub const MAX_ATTACHMENTS: usize = 3;
/// Each file up to 10 MB.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_SUBJECT_CHARS: usize = 120;
pub const MAX_BODY_CHARS: usize = 5000;

/// aberto (waiting for staff), respondido (staff answered), fechado.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadStatus {
    Open,
    Answered,
    Closed,
}

impl ThreadStatus {
    pub fn from_code(code: &str) -> Self {
        match code {
            "respondido" => Self::Answered,
            "fechado" => Self::Closed,
            _ => Self::Open,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Aguardando resposta",
            Self::Answered => "Respondida",
            Self::Closed => "Encerrada",
        }
    }

    pub fn tone(self) -> &'static str {
        match self {
            Self::Open => "warning",
            Self::Answered => "success",
            Self::Closed => "muted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub subject: String,
    pub status: ThreadStatus,
    /// `dd/mm/aaaa hh:mm` of the last message.
    pub updated_at: String,
    /// Staff messages the buyer has not opened yet.
    pub unread: i64,
    pub contract_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub from_staff: bool,
    /// `Você` or `Equipe <company>` / the staff member's name.
    pub author: String,
    /// Plain text, shown as text (never as HTML).
    pub body: String,
    pub sent_at: String,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadDetail {
    pub id: i64,
    pub subject: String,
    pub status: ThreadStatus,
    pub contract_number: Option<String>,
    pub messages: Vec<MessageView>,
}

/// A refused message kept for the form (the text, never the files) with what to fix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub subject: String,
    pub body: String,
    pub contract: String,
    pub error: String,
}
