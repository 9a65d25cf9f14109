//! Cobrança reports: inadimplência (overdue by empreendimento and age, and by contract) and
//! recebimentos (what was paid per day or month, by company and by how it was learnt), on
//! the page and as CSV (`;`-separated, comma decimals, for spreadsheets set to pt-BR).

use sqlx::FromRow;
use time::Duration;

use super::model::*;
use super::service::require_company_wide;
use crate::br::{Centavos, TaxId};
use crate::records::rules::parse_form_date;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::{Store, StoreError};
use crate::time_br::{display_iso_date, format_date, iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;

/// The longest period the recebimentos report covers at once.
const MAX_RECEIPT_DAYS: i64 = 731;

#[derive(Debug, FromRow)]
struct OverdueRecord {
    development: String,
    contract_id: i64,
    contract_number: String,
    buyer: Option<String>,
    document: Option<String>,
    id: i64,
    number: i64,
    due_on: String,
    amount_cents: i64,
}

#[derive(Debug, FromRow)]
struct PaymentRecordRow {
    paid_on: String,
    company: String,
    source: Option<String>,
    paid_cents: i64,
}

const CONTRACT_JOINS: &str = "FROM installment i JOIN contract c ON c.id = i.contract_id \
     JOIN unit u ON u.id = c.unit_id JOIN development d ON d.id = u.development_id";

impl Store {
    async fn overdue_installments(&self, today: &str) -> Result<Vec<OverdueRecord>, StoreError> {
        let sql = format!(
            "SELECT d.name AS development, c.id AS contract_id, c.number AS contract_number, p.name AS buyer, \
             p.document, i.id, i.number, i.due_on, i.amount_cents + i.correction_cents AS amount_cents {CONTRACT_JOINS} \
             LEFT JOIN contract_party cp ON cp.contract_id = c.id AND cp.role = 'titular' \
             LEFT JOIN person p ON p.id = cp.person_id \
             WHERE i.paid_on IS NULL AND i.due_on < $1 AND c.status <> 'distratado' \
             ORDER BY d.name, c.number, i.due_on, i.number"
        );
        Ok(sqlx::query_as(&sql).bind(today).fetch_all(&self.pool).await?)
    }

    async fn payments_between(&self, from: &str, to: &str) -> Result<Vec<PaymentRecordRow>, StoreError> {
        let sql = format!(
            "SELECT i.paid_on, co.name AS company, i.paid_source AS source, COALESCE(i.paid_cents, i.amount_cents + i.correction_cents) AS paid_cents \
             {CONTRACT_JOINS} JOIN company co ON co.id = d.company_id \
             WHERE i.paid_on >= $1 AND i.paid_on <= $2 ORDER BY i.paid_on, co.name"
        );
        Ok(sqlx::query_as(&sql).bind(from).bind(to).fetch_all(&self.pool).await?)
    }
}

fn formatted_document(canonical: &str) -> String {
    TaxId::from_canonical(canonical).map_or_else(|_| canonical.to_string(), |id| id.to_string())
}

impl Portal {
    /// Overdue installments as of today: by empreendimento and age, and by contract.
    pub async fn delinquency_report(&self, staff: &CurrentStaff) -> Result<DelinquencyReport, StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let today = today_in_sao_paulo(self.clock.now());
        let records = self.store.overdue_installments(&iso_date(today)).await?;
        let mut developments: Vec<OverdueByAge> = Vec::new();
        let mut total = OverdueByAge { name: "Total".into(), ..Default::default() };
        let mut contracts: Vec<DelinquentContract> = Vec::new();
        for record in records {
            let days_late = parse_iso_date(&record.due_on).map_or(0, |due| (today - due).whole_days());
            let amount = Centavos(record.amount_cents);
            if developments.last().is_none_or(|row| row.name != record.development) {
                developments.push(OverdueByAge { name: record.development.clone(), ..Default::default() });
            }
            if let Some(row) = developments.last_mut() {
                row.add(days_late, amount);
            }
            total.add(days_late, amount);
            if contracts.last().is_none_or(|contract| contract.contract_id != record.contract_id) {
                contracts.push(DelinquentContract {
                    contract_id: record.contract_id,
                    contract_number: record.contract_number.clone(),
                    development: record.development.clone(),
                    buyer: record.buyer.clone().unwrap_or_else(|| "(sem titular)".into()),
                    document: record.document.as_deref().map(formatted_document).unwrap_or_default(),
                    installments: Vec::new(),
                    total: Centavos(0),
                });
            }
            if let Some(contract) = contracts.last_mut() {
                contract.total = contract.total + amount;
                contract.installments.push(OverdueInstallment {
                    id: record.id,
                    number: record.number,
                    due_on: display_iso_date(&record.due_on),
                    days_late,
                    amount,
                });
            }
        }
        // The largest debts first: who to call.
        contracts
            .sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.contract_number.cmp(&b.contract_number)));
        Ok(DelinquencyReport { as_of: format_date(today), developments, total, contracts })
    }

    /// What was received from `from` to `to` (form dates; the current month by default), per
    /// day (`by` = `dia`) or month, by company.
    pub async fn receipts_report(
        &self,
        staff: &CurrentStaff,
        from: Option<&str>,
        to: Option<&str>,
        by: Option<&str>,
    ) -> Result<ReceiptsReport, StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let today = today_in_sao_paulo(self.clock.now());
        let first_of_month = today.replace_day(1).unwrap_or(today);
        let from_date = from.filter(|text| !text.trim().is_empty()).map(parse_form_date);
        let to_date = to.filter(|text| !text.trim().is_empty()).map(parse_form_date);
        let (from_date, to_date) = match (from_date, to_date) {
            (Some(None), _) | (_, Some(None)) => {
                return Err(StaffError::Invalid("Informe as datas como dd/mm/aaaa.".into()))
            }
            (from, to) => (from.flatten().unwrap_or(first_of_month), to.flatten().unwrap_or(today)),
        };
        if to_date < from_date {
            return Err(StaffError::Invalid("A data final vem antes da inicial.".into()));
        }
        if to_date - from_date > Duration::days(MAX_RECEIPT_DAYS) {
            return Err(StaffError::Invalid("Escolha um período de até dois anos.".into()));
        }
        let by = if by == Some("dia") { "dia" } else { "mes" };
        let payments = self.store.payments_between(&iso_date(from_date), &iso_date(to_date)).await?;
        let mut rows: Vec<ReceiptRow> = Vec::new();
        let (mut count, mut total) = (0, Centavos(0));
        for payment in payments {
            let period = if by == "dia" {
                display_iso_date(&payment.paid_on)
            } else {
                let (year, month) =
                    (payment.paid_on.get(..4).unwrap_or(""), payment.paid_on.get(5..7).unwrap_or(""));
                format!("{month}/{year}")
            };
            let position = rows.iter().position(|row| row.period == period && row.company == payment.company);
            let row = match position {
                Some(index) => &mut rows[index],
                None => {
                    rows.push(ReceiptRow {
                        period,
                        company: payment.company.clone(),
                        count: 0,
                        from_bank: Centavos(0),
                        by_hand: Centavos(0),
                        earlier: Centavos(0),
                        total: Centavos(0),
                    });
                    rows.last_mut().expect("just pushed")
                }
            };
            let amount = Centavos(payment.paid_cents);
            match payment.source.as_deref() {
                Some("banco") => row.from_bank = row.from_bank + amount,
                Some("manual") => row.by_hand = row.by_hand + amount,
                _ => row.earlier = row.earlier + amount,
            }
            row.count += 1;
            row.total = row.total + amount;
            count += 1;
            total = total + amount;
        }
        Ok(ReceiptsReport {
            from: iso_date(from_date),
            to: iso_date(to_date),
            by: by.into(),
            rows,
            count,
            total,
        })
    }
}

/// `1.234,56` → `1234,56`: a number a pt-BR spreadsheet reads.
fn csv_amount(amount: Centavos) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", amount.0.abs() / 100, amount.0.abs() % 100)
}

fn csv_bytes(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    // The byte-order mark makes spreadsheets read the accents as UTF-8.
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

impl DelinquencyReport {
    /// One line per overdue installment.
    pub fn to_csv(&self) -> Vec<u8> {
        let rows = self.contracts.iter().flat_map(|contract| {
            contract.installments.iter().map(move |installment| {
                vec![
                    contract.development.clone(),
                    contract.contract_number.clone(),
                    contract.buyer.clone(),
                    contract.document.clone(),
                    installment.number.to_string(),
                    installment.due_on.clone(),
                    installment.days_late.to_string(),
                    AGE_BUCKETS[age_bucket(installment.days_late)].to_string(),
                    csv_amount(installment.amount),
                ]
            })
        });
        csv_bytes(
            &[
                "Empreendimento",
                "Contrato",
                "Comprador",
                "CPF/CNPJ",
                "Parcela",
                "Vencimento",
                "Dias em atraso",
                "Faixa",
                "Valor",
            ],
            rows,
        )
    }
}

impl ReceiptsReport {
    pub fn to_csv(&self) -> Vec<u8> {
        let rows = self.rows.iter().map(|row| {
            vec![
                row.period.clone(),
                row.company.clone(),
                row.count.to_string(),
                csv_amount(row.from_bank),
                csv_amount(row.by_hand),
                csv_amount(row.earlier),
                csv_amount(row.total),
            ]
        });
        csv_bytes(
            &["Período", "Empresa", "Pagamentos", "Retorno do banco", "Manual", "Anteriores", "Total"],
            rows,
        )
    }
}
