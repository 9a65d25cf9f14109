use serde::{Deserialize, Serialize};

use crate::br::Centavos;

/// The informe's name, on the page and in the PDF: what a buyer paid is not "rendimentos".
pub const INCOME_REPORT_TITLE: &str = "Informe de pagamentos para o Imposto de Renda";

/// Where an installment stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstallmentStatus {
    Open,
    Overdue,
    Paid,
}

impl InstallmentStatus {
    /// Where an installment due on `due_iso` stands on `today_iso` (both `aaaa-mm-dd`): the one
    /// rule of "vencida" everywhere, buyer and staff.
    pub fn of(paid: bool, due_iso: &str, today_iso: &str) -> Self {
        match (paid, due_iso < today_iso) {
            (true, _) => Self::Paid,
            (false, true) => Self::Overdue,
            (false, false) => Self::Open,
        }
    }

    /// The `?situacao=` value of the Financeiro filter.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "em-aberto",
            Self::Overdue => "vencidas",
            Self::Paid => "pagas",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Open, Self::Overdue, Self::Paid].into_iter().find(|status| status.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Em aberto",
            Self::Overdue => "Vencida",
            Self::Paid => "Paga",
        }
    }

    /// The badge tone (see `Badge`).
    pub fn tone(self) -> &'static str {
        match self {
            Self::Open => "info",
            Self::Overdue => "danger",
            Self::Paid => "success",
        }
    }
}

/// `entrada` → `Entrada`.
pub fn installment_kind_label(code: &str) -> &'static str {
    match code {
        "entrada" => "Entrada",
        "intermediaria" => "Intermediária",
        "chaves" => "Chaves",
        _ => "Mensal",
    }
}

/// One installment (parcela) as the buyer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentLine {
    pub id: i64,
    pub contract_id: i64,
    pub contract_number: String,
    pub number: i64,
    pub kind: String,
    /// `dd/mm/aaaa`.
    pub due_on: String,
    /// `aaaa-mm-dd`, for sorting and the API.
    pub due_iso: String,
    /// What is owed: the original amount corrected by the contract's index.
    pub amount: Centavos,
    /// The amount in the contract, before correction.
    #[serde(default)]
    pub original: Centavos,
    /// The correction by the contract's index (zero when it has none).
    #[serde(default)]
    pub correction: Centavos,
    pub paid_on: Option<String>,
    pub paid_amount: Option<Centavos>,
    pub status: InstallmentStatus,
    /// The next installment to pay (the earliest open one not yet due).
    pub is_next: bool,
}

impl InstallmentLine {
    /// `Parcela 12 · Mensal`.
    pub fn title(&self) -> String {
        format!("Parcela {} · {}", self.number, installment_kind_label(&self.kind))
    }
}

/// What the Financeiro page filters by; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentFilter {
    pub status: Option<InstallmentStatus>,
    pub contract_id: Option<i64>,
    pub year: Option<i32>,
}

impl InstallmentFilter {
    /// From the page's query (`situacao`, `contrato`, `ano`); unknown values mean "all".
    pub fn from_query(status: Option<&str>, contract: Option<&str>, year: Option<&str>) -> Self {
        Self {
            status: status.and_then(InstallmentStatus::from_code),
            contract_id: contract.and_then(|text| text.parse().ok()),
            year: year.and_then(|text| text.parse().ok()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractChoice {
    pub id: i64,
    pub number: String,
}

/// Totals of the listed installments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentTotals {
    pub open: Centavos,
    pub open_count: i64,
    pub overdue: Centavos,
    pub overdue_count: i64,
    pub paid: Centavos,
    pub paid_count: i64,
}

/// The Financeiro page: the filtered installments, their totals and the filter's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentOverview {
    pub installments: Vec<InstallmentLine>,
    pub totals: InstallmentTotals,
    /// The next installment to pay, whatever the filter.
    pub next: Option<InstallmentLine>,
    pub contracts: Vec<ContractChoice>,
    pub years: Vec<i32>,
}

/// Who receives the payment (from configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beneficiary {
    pub name: String,
    pub document: String,
    pub bank: String,
    pub agency_account: String,
}

/// What a payer's bank app needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentCodes {
    /// `00190.00009 01207.113000 …`.
    pub digitable_line: String,
    /// The 44 digits of the barcode.
    pub barcode: String,
    /// The barcode (ITF) as an SVG element.
    pub barcode_svg: String,
    /// PIX copia e cola, for installments not yet due.
    pub pix_payload: Option<String>,
    /// The PIX QR code as an SVG element.
    pub pix_qr_svg: Option<String>,
    /// The full nosso número.
    pub nosso_numero: String,
}

/// One boleto page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoletoDetail {
    pub installment: InstallmentLine,
    pub development_name: String,
    pub unit_label: String,
    /// The pagador: the contract's titular.
    pub payer_name: String,
    /// `CPF 123.456.789-09` for the titular; masked when another buyer reads it.
    pub payer_document: String,
    /// The contract's other buyers.
    pub co_buyers: Vec<String>,
    pub beneficiary: Option<Beneficiary>,
    /// Absent for paid installments, and when the portal has no bank configured.
    pub payment: Option<PaymentCodes>,
    /// For an overdue installment: what paying it today costs, with the company's multa and
    /// juros (what the bank adds to the boleto).
    #[serde(default)]
    pub late_today: Option<crate::finance::late_fees::LateCharge>,
    /// The active 2ª via, whose codes `payment` then carries.
    #[serde(default)]
    pub reissue: Option<ReissueView>,
    /// An overdue installment without a payable 2ª via: the offer of one.
    #[serde(default)]
    pub reissue_offer: Option<ReissueOffer>,
}

/// One payment in a contract's statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    /// `dd/mm/aaaa`.
    pub paid_on: String,
    pub description: String,
    pub due_on: String,
    pub amount: Centavos,
    /// Of the installment paid: its original amount and its correction (what was paid beyond
    /// both is multa and juros).
    #[serde(default)]
    pub principal: Centavos,
    #[serde(default)]
    pub correction: Centavos,
    /// Multa and juros paid with it.
    #[serde(default)]
    pub charges: Centavos,
}

/// What a payment of `paid` for an installment of `original` corrected by `correction` was:
/// principal, correction, then multa and juros. A payment short of the whole covers the
/// principal first.
pub fn split_payment(
    paid: Centavos,
    original: Centavos,
    correction: Centavos,
) -> (Centavos, Centavos, Centavos) {
    let principal = Centavos(paid.0.clamp(0, original.0));
    let correction = Centavos((paid.0 - principal.0).clamp(0, correction.0));
    (principal, correction, paid - principal - correction)
}

/// The payments of one contract (extrato), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub contract_id: i64,
    pub contract_number: String,
    pub entries: Vec<StatementEntry>,
    pub total_paid: Centavos,
    #[serde(default)]
    pub total_principal: Centavos,
    #[serde(default)]
    pub total_correction: Centavos,
    #[serde(default)]
    pub total_charges: Centavos,
    pub contract_total: Centavos,
}

/// The statement page: the buyer's contracts, the chosen one's statement, and the years with
/// payments (for the informe de rendimentos).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementPage {
    pub contracts: Vec<ContractChoice>,
    pub statement: Option<Statement>,
    pub payment_years: Vec<i32>,
}

/// A 2ª via: the overdue installment's new boleto, its due date and what it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReissueView {
    /// `dd/mm/aaaa`.
    pub due_on: String,
    /// `aaaa-mm-dd`.
    pub due_iso: String,
    pub charge: crate::finance::late_fees::LateCharge,
}

/// Whether and until when a 2ª via may be asked for, and (when a day was chosen) its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReissueOffer {
    /// The window of new due dates, `aaaa-mm-dd`.
    pub earliest: String,
    pub latest: String,
    /// The chosen day's amounts; `None` before choosing.
    pub quote: Option<ReissueView>,
    /// Why the chosen day was refused.
    pub refusal: Option<String>,
}
