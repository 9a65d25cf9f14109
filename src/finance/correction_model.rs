//! What the staff pages of correction indices and a contract's correction show and send.

use serde::{Deserialize, Serialize};

/// The draft kept when a typed index value is refused.
pub const INDEX_VALUE_DRAFT: &str = "equipe-indice";
/// The most bytes an index CSV may have (a century of months fits many times over).
pub const MAX_INDEX_CSV_BYTES: usize = 64 * 1024;

/// One index value typed by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexValueForm {
    #[serde(default)]
    pub index: String,
    /// `09/2024` or `2024-09` (a `<input type="month">` sends the latter).
    #[serde(default)]
    pub month: String,
    /// The número-índice, `1.123,456`.
    #[serde(default)]
    pub value: String,
}

/// One month of an index, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexValueRow {
    /// `09/2024`.
    pub month: String,
    /// `1.123,456`.
    pub value: String,
    /// The change from the month before, `+0,54 %`, when that month is listed.
    pub variation: Option<String>,
    /// `05/12/2026 10:02 · Nome`.
    pub updated: String,
}

/// One index: its latest values and how many contracts use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSeriesView {
    pub code: String,
    pub label: String,
    pub publisher: String,
    pub rows: Vec<IndexValueRow>,
    pub contracts: i64,
}

/// `/equipe/financeiro/indices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPage {
    pub series: Vec<IndexSeriesView>,
    pub can_edit: bool,
    /// The current month, `2026-12`, the latest a value may be for.
    pub this_month: String,
}

/// A contract's correction as the staff form sends it; an empty index means "not corrected".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionForm {
    #[serde(default)]
    pub index: String,
    /// The index month the contract's prices are at, `2024-03`.
    #[serde(default)]
    pub base_month: String,
    /// The index after the switch (empty: none).
    #[serde(default)]
    pub after_index: String,
    /// The first due month the second index corrects.
    #[serde(default)]
    pub switch_month: String,
}

/// A contract's correction on its staff page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractCorrectionView {
    /// `INCC-M sobre o índice de 03/2024; IPCA nas parcelas a partir de 08/2026`, or
    /// `Sem correção`.
    pub summary: String,
    pub form: CorrectionForm,
    /// Why the correction cannot be computed yet (the base month has no value), if so.
    pub warning: Option<String>,
}
