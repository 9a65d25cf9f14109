//! What the Cobrança pages show and send (shared with the browser).

use serde::{Deserialize, Serialize};

use crate::br::Centavos;

/// The refused billing settings form, kept for its staff session.
pub const BILLING_DRAFT: &str = "equipe-cobranca";
/// The refused manual payment form.
pub const MANUAL_PAYMENT_DRAFT: &str = "equipe-pagamento-manual";
/// A refused retorno upload (the reason, under `retorno`).
pub const RETORNO_DRAFT: &str = "equipe-retorno";
/// A refused remessa form.
pub const REMESSA_DRAFT: &str = "equipe-remessa";

/// `homologacao` (boletos generated, hidden from buyers; remessas marked as tests) or
/// `producao`.
pub const BILLING_MODES: [(&str, &str); 2] =
    [("homologacao", "Homologação (teste: boletos ocultos dos compradores)"), ("producao", "Produção")];

/// A company's bank and PIX settings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingForm {
    pub mode: String,
    pub bank_code: String,
    /// `1234-5`.
    pub agency: String,
    /// `12345-6`.
    pub account: String,
    pub agreement: String,
    pub wallet: String,
    pub wallet_variation: String,
    pub beneficiary_name: String,
    pub pix_key: String,
    pub pix_city: String,
    /// Percentages as typed (`2`, `0,5`).
    pub late_fine: String,
    pub monthly_interest: String,
    pub monthly_discount: String,
    pub days_payable_after_due: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub early_payment: Option<String>,
}

/// A company on the Cobrança page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBillingRow {
    pub company_id: i64,
    pub name: String,
    pub cnpj: String,
    /// `Produção`, `Homologação`; none when the configuration's bank applies.
    pub mode: Option<String>,
    pub is_test: bool,
    /// Boletos not yet sent to the bank (unpaid, in force).
    pub unsent: i64,
    pub unsent_total: Centavos,
}

/// A remessa or retorno on the Cobrança page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CnabFileRow {
    pub id: i64,
    pub company: String,
    /// `remessa` or `retorno`.
    pub kind: String,
    pub sequence: i64,
    pub file_name: String,
    pub titles: i64,
    pub total: Centavos,
    pub test: bool,
    /// `dd/mm/aaaa hh:mm`.
    pub created: String,
    pub created_by: String,
    /// A retorno's application, when it happened.
    pub applied: Option<String>,
}

/// `/equipe/financeiro`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingOverview {
    pub companies: Vec<CompanyBillingRow>,
    pub files: Vec<CnabFileRow>,
    pub can_edit: bool,
    /// The remessa form's default last due date (`aaaa-mm-dd`).
    pub default_due_until: String,
}

/// `/equipe/financeiro/empresas/:id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBillingDetail {
    pub company_id: i64,
    pub company_name: String,
    pub configured: bool,
    pub form: BillingForm,
    pub can_edit: bool,
}

/// One T + U pair of a retorno, and what it does (or did) to the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetornoLineView {
    pub line: i64,
    pub nosso_numero: String,
    /// `06 · Liquidação`.
    pub occurrence: String,
    /// `HZ-2024-0117 · parcela 12`, when it matches one.
    pub installment: Option<String>,
    pub installment_id: Option<i64>,
    pub paid: Option<Centavos>,
    pub credited_on: Option<String>,
    pub outcome: String,
    /// `success`, `info`, `warning` or `danger`.
    pub tone: String,
}

/// `/equipe/financeiro/retornos/:id`: the preview before applying, the record after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetornoPage {
    pub file: CnabFileRow,
    pub lines: Vec<RetornoLineView>,
    pub paid_count: i64,
    pub paid_total: Centavos,
    pub unmatched: i64,
    pub rejected: i64,
    pub can_apply: bool,
}

/// A payment staff record by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualPaymentForm {
    pub paid_on: String,
    pub amount: String,
    pub reason: String,
}

/// How an installment's payment was learnt, for its staff page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub paid_on: String,
    pub amount: Centavos,
    /// `Retorno do banco`, `Manual (Marina Costa): motivo`, `Registrado antes do portal`.
    pub source: String,
    pub manual: bool,
}

/// The installment's boleto at the bank: `Não enviado`, `Enviado ao banco`, `Registrado`, …
pub fn bank_status_label(code: &str) -> &'static str {
    match code {
        "enviado" => "Enviado ao banco",
        "registrado" => "Registrado no banco",
        "rejeitado" => "Rejeitado pelo banco",
        "baixado" => "Baixado no banco",
        _ => "Não enviado ao banco",
    }
}
