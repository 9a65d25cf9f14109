//! What the back office's contract pages show and the forms they send.

use serde::{Deserialize, Serialize};

/// A contract's statuses: code and label.
pub const CONTRACT_STATUSES: [(&str, &str); 4] = [
    ("em_assinatura", "Em assinatura"),
    ("ativo", "Ativo"),
    ("quitado", "Quitado"),
    ("distratado", "Distratado"),
];

/// The kinds of installment: code and label.
pub const INSTALLMENT_KINDS: [(&str, &str); 4] =
    [("entrada", "Entrada"), ("mensal", "Mensal"), ("intermediaria", "Intermediária"), ("chaves", "Chaves")];

pub fn contract_status_label(code: &str) -> &'static str {
    CONTRACT_STATUSES.iter().find(|(c, _)| *c == code).map_or("Ativo", |(_, label)| label)
}

pub fn installment_kind_label(code: &str) -> &'static str {
    INSTALLMENT_KINDS.iter().find(|(c, _)| *c == code).map_or("Mensal", |(_, label)| label)
}

/// Where a status may go: a distrato is final; a quitado contract may be reopened (a payment
/// returned by the bank).
pub fn next_statuses(status: &str) -> &'static [&'static str] {
    match status {
        "em_assinatura" => &["ativo", "distratado"],
        "ativo" => &["quitado", "distratado"],
        "quitado" => &["ativo"],
        _ => &[],
    }
}

/// The new contract form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractForm {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub signed_on: String,
    /// R$, `350.000,00`.
    #[serde(default)]
    pub total: String,
    #[serde(default)]
    pub status: String,
    /// The titular's CPF or CNPJ.
    #[serde(default)]
    pub titular: String,
    #[serde(default)]
    pub co_buyer1: String,
    #[serde(default)]
    pub co_buyer2: String,
    #[serde(default)]
    pub co_buyer3: String,
}

/// What the new contract page shows of the unit chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractUnit {
    pub id: i64,
    pub label: String,
    pub development: String,
    pub development_id: i64,
}

/// The contracts list's filter (`/equipe/contratos?busca=&situacao=&pagina=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFilter {
    pub search: String,
    pub status: String,
    /// `numero`, `assinatura`, `valor` or `situacao`; `-` first for descending.
    pub order: String,
    pub page: u64,
}

/// The columns the contracts list sorts by: code and SQL.
pub const CONTRACT_ORDERS: [(&str, &str); 4] = [
    ("numero", "c.number"),
    ("assinatura", "c.signed_on"),
    ("valor", "c.total_cents"),
    ("situacao", "c.status"),
];

pub const CONTRACTS_PER_PAGE: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractRow {
    pub id: i64,
    pub number: String,
    pub development: String,
    pub unit: String,
    pub buyers: String,
    pub status: String,
    pub status_label: String,
    pub total: String,
    pub signed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractList {
    pub rows: Vec<ContractRow>,
    /// The order in effect (`-assinatura`…).
    pub order: String,
    pub total: i64,
    pub page: u64,
    pub pages: u64,
}

/// A buyer of the contract and their part (`50,00`), if staff set parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyLine {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub share: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentLine {
    pub id: i64,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    /// What is owed: the amount corrected by the contract's index.
    pub amount: String,
    /// `R$ 1.000,00 + correção R$ 12,34`, when the index corrected it.
    #[serde(default)]
    pub correction: Option<String>,
    /// `Paga em 10/03/2026 (R$ 1.000,00)`, when paid.
    pub paid: Option<String>,
}

/// One line of the audit trail of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordTrailEntry {
    pub at: String,
    pub who: String,
    pub action: String,
    pub detail: String,
}

/// A contract's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub id: i64,
    pub number: String,
    pub development_id: i64,
    pub development: String,
    pub unit_id: i64,
    pub unit: String,
    pub status: String,
    pub status_label: String,
    pub signed_on: String,
    pub total: String,
    pub parties: Vec<PartyLine>,
    pub installments: Vec<InstallmentLine>,
    /// The sum of the installments' amounts in the contract (before correction).
    pub installments_total: String,
    /// The contract's correction index.
    pub correction: crate::finance::correction_model::ContractCorrectionView,
    pub trail: Vec<RecordTrailEntry>,
    /// May change the contract, its parties and status (atendimento, admin).
    pub can_edit: bool,
    /// May enter the payment plan and change unpaid installments (financeiro, admin).
    pub can_plan: bool,
}

/// The payment plan generator: `count` installments of `amount`, the first on `first_due`,
/// then every `every` months on day `day` (the first due date's day when empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub first_due: String,
    #[serde(default)]
    pub count: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub every: String,
}

/// What a plan would add, before it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPreview {
    /// Number, kind, due day, amount.
    pub lines: Vec<(i64, String, String, String)>,
    pub plan_total: String,
    /// All installments after saving, against the contract's value.
    pub installments_after: String,
    pub contract_total: String,
    pub matches_contract: bool,
}

/// What a contract page keeps of a refused or previewed form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractPageForm {
    #[serde(default)]
    pub correction: crate::finance::correction_model::CorrectionForm,
    pub plan: PlanForm,
    pub preview: Option<PlanPreview>,
    pub shares: Vec<String>,
    pub status: String,
    pub reason: String,
}

/// The draft name of the contract page's forms.
pub const CONTRACT_PAGE_DRAFT: &str = "equipe-contrato-pagina";

/// One unpaid installment's form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub amount: String,
}

/// An installment's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentDetail {
    pub line: InstallmentLine,
    pub contract_id: i64,
    pub contract_number: String,
    pub can_edit: bool,
    pub form: InstallmentForm,
    /// How it was paid, when it was.
    pub payment: Option<crate::finance::billing::PaymentRecord>,
    /// Where its boleto stands at the bank (`Registrado no banco`).
    pub bank_status: String,
    /// Financeiro may record a payment by hand (unpaid) or undo one made by hand.
    pub can_record_payment: bool,
    /// The 2ª via still payable, if any.
    pub reissue: Option<crate::finance::ReissueView>,
    /// Overdue and unpaid without a payable 2ª via: the window of its new due date.
    pub reissue_window: Option<(String, String)>,
    /// The antecipação that holds it: `Antecipação 12: R$ 980,10 com desconto, vence em 08/12/2026`.
    #[serde(default)]
    pub early_payment: Option<String>,
}
