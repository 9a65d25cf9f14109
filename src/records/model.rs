//! What the back office's record pages show and the forms they send (compiled for the browser
//! too). Forms carry what was typed as text, so a refused one comes back exactly as typed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A refused form: what was typed (never a secret) and a pt-BR sentence per field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDraft<T> {
    pub form: T,
    pub errors: BTreeMap<String, String>,
}

impl<T> RecordDraft<T> {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.get(field).cloned()
    }
}

/// The stages of an empreendimento, as stored.
pub const STAGES: [(&str, &str); 3] =
    [("lancamento", "Lançamento"), ("em_obras", "Em obras"), ("entregue", "Entregue")];

/// The 27 units of the federation.
pub use crate::br::UFS as STATES;

/// The empreendimento form (create and edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentForm {
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// The bairro, which listing portals require.
    #[serde(default)]
    pub neighborhood: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub expected_delivery: String,
    #[serde(default)]
    pub delivered_on: String,
    /// The síndico's CPF or CNPJ (a person already registered), or empty for none.
    #[serde(default)]
    pub syndic: String,
    /// The sales text listing portals show before each unit's facts.
    #[serde(default)]
    pub listing_description: String,
}

/// One line of the empreendimentos list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentRow {
    pub id: i64,
    pub name: String,
    pub place: String,
    pub stage: String,
    pub progress: i64,
    pub units: i64,
    pub available: i64,
    pub sold: i64,
}

/// A construction stage and its %.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageLine {
    pub name: String,
    pub percent: String,
}

/// A block (torre, quadra) and how many units it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRow {
    pub id: i64,
    pub name: String,
    pub units: i64,
}

/// A unit in the staff lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i64,
    pub development_id: i64,
    pub label: String,
    pub block: Option<String>,
    pub number: String,
    pub floor: i64,
    pub kind: String,
    pub area: String,
    pub parking: i64,
    /// The asking price the listing portals show, if set.
    pub price: Option<String>,
    pub bedrooms: Option<i64>,
    pub bathrooms: Option<i64>,
    pub status: String,
    pub status_label: String,
    /// The number of the contract that is not distratado, if any.
    pub contract: Option<(i64, String)>,
}

/// A photo of the works, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPhoto {
    pub id: i64,
    pub caption: String,
    pub taken_on: String,
}

/// An empreendimento's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentDetail {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub address: String,
    pub stage: String,
    pub progress: i64,
    pub expected_delivery: Option<String>,
    pub delivered_on: Option<String>,
    pub syndics: Vec<String>,
    pub stages: Vec<StageLine>,
    pub blocks: Vec<BlockRow>,
    pub units: Vec<UnitRow>,
    pub photos: Vec<StaffPhoto>,
    /// The staff user may change it (atendimento, admin).
    pub can_edit: bool,
    /// What the edit form starts from.
    pub form: DevelopmentForm,
}

/// The companies (SPEs) an empreendimento can belong to: id and name.
pub type CompanyChoice = (i64, String);

/// How the units of a batch are numbered.
pub const NUMBERINGS: [(&str, &str); 2] = [
    ("andar", "Andar e posição (101, 102… 201, 202…)"),
    ("sequencial", "Sequencial a partir de um número (1, 2, 3…)"),
];

/// Units created at once: floors `floor_from`–`floor_to`, `per_floor` on each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitBatchForm {
    /// A block id, or empty for none.
    #[serde(default)]
    pub block: String,
    #[serde(default)]
    pub floor_from: String,
    #[serde(default)]
    pub floor_to: String,
    #[serde(default)]
    pub per_floor: String,
    #[serde(default)]
    pub numbering: String,
    #[serde(default)]
    pub first_number: String,
    #[serde(default)]
    pub kind: String,
    /// m², `65,4` or `65.40`.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub parking: String,
}

/// One unit's form (edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitForm {
    #[serde(default)]
    pub block: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub floor: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub parking: String,
    /// For the listing portals: asking price, bedrooms, bathrooms (all optional).
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub bedrooms: String,
    #[serde(default)]
    pub bathrooms: String,
}

/// A unit's page: its row, its empreendimento and the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDetail {
    pub row: UnitRow,
    pub development: String,
    pub blocks: Vec<BlockRow>,
    pub can_edit: bool,
    pub form: UnitForm,
}

/// A unit's commercial status: code and label.
pub const UNIT_STATUSES: [(&str, &str); 3] =
    [("disponivel", "Disponível"), ("reservada", "Reservada"), ("vendida", "Vendida")];

pub fn unit_status_label(code: &str) -> &'static str {
    UNIT_STATUSES.iter().find(|(c, _)| *c == code).map_or("Disponível", |(_, label)| label)
}

pub fn stage_label(code: &str) -> &'static str {
    STAGES.iter().find(|(c, _)| *c == code).map_or("Em obras", |(_, label)| label)
}

/// What an empreendimento's page keeps of a refused form: the stages, a block's name, a
/// photo's caption and day (never the photo), under one draft; `errors` has the field names
/// (`stage0`…, `block`, `photo`, `status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentPageForm {
    pub stages: Option<Vec<StageLine>>,
    pub block_name: String,
    pub photo_caption: String,
    pub photo_taken_on: String,
}

/// The draft name of the empreendimento page's forms (the photo upload route writes it too).
pub const DEVELOPMENT_PAGE_DRAFT: &str = "equipe-empreendimento-pagina";
