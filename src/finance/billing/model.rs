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
    [("homologacao", "Homologação (teste)"), ("producao", "Produção")];

/// The banks whose boletos and CNAB 240 files the portal makes: code and name.
pub const BILLING_BANKS: [(&str, &str); 2] = [("001", "Banco do Brasil (001)"), ("341", "Itaú (341)")];

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
    /// Of those, the boletos whose titular has no address: the bank refuses to register them.
    #[serde(default)]
    pub unsent_without_address: i64,
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

/// The age buckets of overdue installments, in days late.
pub const AGE_BUCKETS: [&str; 4] = ["1 a 30 dias", "31 a 60 dias", "61 a 90 dias", "Mais de 90 dias"];

/// The bucket (index into [`AGE_BUCKETS`]) of an installment `days_late` days late.
pub fn age_bucket(days_late: i64) -> usize {
    match days_late {
        ..=30 => 0,
        31..=60 => 1,
        61..=90 => 2,
        _ => 3,
    }
}

/// Overdue amounts of one empreendimento (or of all), by age.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueByAge {
    pub name: String,
    pub counts: [i64; 4],
    pub amounts: [Centavos; 4],
    pub count: i64,
    pub total: Centavos,
}

impl OverdueByAge {
    pub fn add(&mut self, days_late: i64, amount: Centavos) {
        let bucket = age_bucket(days_late);
        self.counts[bucket] += 1;
        self.amounts[bucket] = self.amounts[bucket] + amount;
        self.count += 1;
        self.total = self.total + amount;
    }
}

/// One overdue installment of a buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueInstallment {
    pub id: i64,
    pub number: i64,
    pub due_on: String,
    pub days_late: i64,
    pub amount: Centavos,
}

/// A contract with overdue installments, and its titular.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelinquentContract {
    pub contract_id: i64,
    pub contract_number: String,
    pub development: String,
    pub buyer: String,
    /// CPF or CNPJ, formatted.
    pub document: String,
    pub installments: Vec<OverdueInstallment>,
    pub total: Centavos,
}

/// `/equipe/financeiro/inadimplencia`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelinquencyReport {
    /// `dd/mm/aaaa`.
    pub as_of: String,
    pub developments: Vec<OverdueByAge>,
    pub total: OverdueByAge,
    pub contracts: Vec<DelinquentContract>,
}

/// What was received in one period from one company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptRow {
    /// `04/12/2026` or `12/2026`.
    pub period: String,
    pub company: String,
    pub count: i64,
    pub from_bank: Centavos,
    pub by_hand: Centavos,
    /// Payments recorded before the portal's cobrança (imports, the demo).
    pub earlier: Centavos,
    pub total: Centavos,
}

/// `/equipe/financeiro/recebimentos`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptsReport {
    /// The filter as the form shows it (`aaaa-mm-dd`) and the grouping (`dia` or `mes`).
    pub from: String,
    pub to: String,
    pub by: String,
    pub rows: Vec<ReceiptRow>,
    pub count: i64,
    pub total: Centavos,
}
