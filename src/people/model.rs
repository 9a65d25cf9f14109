use serde::{Deserialize, Serialize};

/// People per page in `/equipe/pessoas`.
pub const PEOPLE_PER_PAGE: u32 = 25;

/// The list's filters, as the filter bar sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    /// Part of the name or e-mail, or the digits of a CPF/CNPJ or phone.
    pub search: String,
    /// `confirmar`: self-registered and not confirmed yet; `sem-acesso`: buyers who never
    /// created a password; `bloqueadas`; empty: everyone.
    pub situation: String,
    /// `nome` or `cadastro`; `-` first for descending.
    pub order: String,
    pub page: u64,
}

/// The columns the people list sorts by: code and SQL.
pub const PEOPLE_ORDERS: [(&str, &str); 2] = [("nome", "LOWER(p.name)"), ("cadastro", "p.created_at")];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    /// `PF` or `PJ`.
    pub kind: String,
    /// Formatted CPF or CNPJ.
    pub document: String,
    pub email: String,
    pub phone: Option<String>,
    pub contracts: i64,
    pub awaiting_confirmation: bool,
    pub blocked: bool,
    /// Has created a password (first access done).
    pub has_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub rows: Vec<PersonRow>,
    pub order: String,
    pub total: i64,
    pub page: u64,
    pub pages: u64,
}

/// One of the person's contracts as their page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonContract {
    pub id: i64,
    pub number: String,
    pub development: String,
    pub unit: String,
    /// `Titular` or `Cocomprador`.
    pub role: String,
    pub status: String,
}

/// One event of the person's trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub at: String,
    /// `Marina Alves (equipe)`, `a própria pessoa`, `sistema`.
    pub who: String,
    pub action: String,
    pub detail: String,
    pub ip: Option<String>,
}

/// A person's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub row: PersonRow,
    pub trade_name: Option<String>,
    pub secondary_document: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    /// `Cadastro pelo site` or `Cadastrada pela construtora`.
    pub origin: String,
    pub confirmed: Option<String>,
    pub created_at: String,
    pub contracts: Vec<PersonContract>,
    pub addresses: Vec<String>,
    /// Open sessions (browser and partner): device and last use.
    pub sessions: Vec<(String, String)>,
    pub trail: Vec<TrailEntry>,
    /// The staff user may change the person (atendimento, admin).
    pub can_edit: bool,
    /// What the edit form starts from (seed 001's field names).
    pub form: crate::registration::RegistrationForm,
}

/// A refused person form: what was typed (never a password) and a sentence per field, under
/// seed 001's field names (`name1`, `document1`, `telephone.ddd`…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFormDraft {
    pub form: crate::registration::RegistrationForm,
    pub errors: std::collections::BTreeMap<String, String>,
}

impl PersonFormDraft {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.get(field).cloned()
    }
}
