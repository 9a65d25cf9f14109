//! What the Equipe pages show of staff users.

use serde::{Deserialize, Serialize};

use super::model::StaffRole;

/// A staff user in the Equipe list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    /// Names of the empreendimentos in scope; empty for all.
    pub developments: Vec<String>,
    /// `dd/mm/aaaa`, the last day of access.
    pub expires_on: Option<String>,
    pub active: bool,
    /// Invited and not yet signed up (no password chosen).
    pub pending_invitation: bool,
    /// `dd/mm/aaaa hh:mm` of the newest use of any of their sessions.
    pub last_seen: Option<String>,
}

impl StaffUserRow {
    /// The situation in words, for the list and the detail.
    pub fn situation(&self) -> (&'static str, &'static str) {
        if !self.active {
            ("Desativado", "muted")
        } else if self.pending_invitation {
            ("Convite pendente", "warning")
        } else {
            ("Ativo", "success")
        }
    }
}

/// One of a staff user's open sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSessionView {
    pub id: i64,
    /// `Chrome 126 no Windows 10 (computador)`.
    pub device: String,
    pub ip: Option<String>,
    pub started_at: String,
    pub last_seen_at: String,
}

/// A staff user's page: who, their access, every empreendimento to choose from, their sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUserDetail {
    pub user: StaffUserRow,
    /// Ids in scope (empty: all).
    pub scope: Vec<i64>,
    /// `aaaa-mm-dd` for the date field.
    pub expires_on_iso: Option<String>,
    pub all_developments: Vec<(i64, String)>,
    pub sessions: Vec<StaffSessionView>,
    /// The page is the reader's own account (no deactivating or demoting oneself).
    pub is_self: bool,
}

/// What the invitation and access forms send back when refused: the values typed and a
/// sentence per field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFormDraft {
    pub name: String,
    pub email: String,
    pub role: String,
    pub developments: Vec<i64>,
    pub expires_on: String,
    pub errors: std::collections::BTreeMap<String, String>,
}

impl StaffFormDraft {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.get(field).cloned()
    }
}
