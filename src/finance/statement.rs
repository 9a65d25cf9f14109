//! The extrato (a contract's payments) and the informe de rendimentos, as pages and PDFs.

use super::model::*;
use super::store::InstallmentRow;
use crate::br::Centavos;
use crate::property::{PropertyError, UnitSummary};
use crate::time_br::display_iso_date;
use crate::Portal;

use super::income_report::{report_lines, ReportContract, ReportParty, ReportPayment};

/// `11144477735` → `CPF 111.444.777-35` (a stored document that does not parse, as it is).
pub(super) fn formatted_document(canonical: &str) -> String {
    match crate::br::TaxId::from_canonical(canonical) {
        Ok(id @ crate::br::TaxId::Cpf(_)) => format!("CPF {id}"),
        Ok(id) => format!("CNPJ {id}"),
        Err(_) => canonical.to_string(),
    }
}

impl Portal {
    /// The extrato page: `contract_id` (if the person's) gets its payments; otherwise the
    /// first contract's.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_statement_page(
        &self,
        person_id: i64,
        contract_id: Option<i64>,
    ) -> Result<StatementPage, PropertyError> {
        let rows = self.store.installment_lines_of_person(person_id).await?;
        let mut contracts: Vec<ContractChoice> = Vec::new();
        let mut payment_years: Vec<i32> = Vec::new();
        for row in &rows {
            if !contracts.iter().any(|choice| choice.id == row.contract_id) {
                contracts.push(ContractChoice { id: row.contract_id, number: row.contract_number.clone() });
            }
            if let Some(year) = row.paid_on.as_deref().and_then(|paid| paid.get(..4)?.parse().ok()) {
                if !payment_years.contains(&year) {
                    payment_years.push(year);
                }
            }
        }
        contracts.sort_by(|a, b| a.number.cmp(&b.number));
        payment_years.sort_unstable_by(|a, b| b.cmp(a));
        let chosen = contract_id
            .filter(|id| contracts.iter().any(|choice| choice.id == *id))
            .or_else(|| contracts.first().map(|choice| choice.id));
        let statement = match chosen {
            Some(id) => Some(self.statement_of(person_id, id, &rows).await?),
            None => None,
        };
        Ok(StatementPage { contracts, statement, payment_years })
    }

    async fn statement_of(
        &self,
        person_id: i64,
        contract_id: i64,
        rows: &[InstallmentRow],
    ) -> Result<Statement, PropertyError> {
        let contract = self
            .store
            .contract_of_person(person_id, contract_id, &self.today_iso())
            .await?
            .ok_or(PropertyError::NotFound)?;
        let mut paid: Vec<&InstallmentRow> =
            rows.iter().filter(|row| row.contract_id == contract_id && row.paid_on.is_some()).collect();
        paid.sort_by(|a, b| (&a.paid_on, a.number).cmp(&(&b.paid_on, b.number)));
        let entries: Vec<StatementEntry> = paid
            .iter()
            .map(|row| {
                let amount = Centavos(row.paid_cents.unwrap_or(row.amount_cents));
                let (principal, correction, charges) =
                    split_payment(amount, Centavos(row.original_cents), Centavos(row.correction_cents()));
                StatementEntry {
                    paid_on: row.paid_on.as_deref().map(display_iso_date).unwrap_or_default(),
                    description: format!("Parcela {} · {}", row.number, installment_kind_label(&row.kind)),
                    due_on: display_iso_date(&row.due_on),
                    amount,
                    principal,
                    correction,
                    charges,
                }
            })
            .collect();
        Ok(Statement {
            contract_id,
            contract_number: contract.number,
            total_paid: entries.iter().map(|entry| entry.amount).sum(),
            total_principal: entries.iter().map(|entry| entry.principal).sum(),
            total_correction: entries.iter().map(|entry| entry.correction).sum(),
            total_charges: entries.iter().map(|entry| entry.charges).sum(),
            contract_total: Centavos(contract.total_cents),
            entries,
        })
    }

    /// The extrato of one contract as a PDF.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_statement_pdf(
        &self,
        person_id: i64,
        contract_id: i64,
    ) -> Result<(String, Vec<u8>), PropertyError> {
        let rows = self.store.installment_lines_of_person(person_id).await?;
        let statement = self.statement_of(person_id, contract_id, &rows).await?;
        let payer = self.store.person_name(person_id).await?.unwrap_or_default();
        let mut lines = vec![
            format!("Contrato {} · {payer}", statement.contract_number),
            format!("Valor do contrato: {} · Total pago: {}", statement.contract_total, statement.total_paid),
            format!(
                "Principal: {} · Correção monetária: {} · Multa e juros: {}",
                statement.total_principal, statement.total_correction, statement.total_charges
            ),
            String::new(),
            format!(
                "{:<13}{:<13}{:<28}{:>14}{:>12}{:>14}",
                "Pagamento", "Vencimento", "Descrição", "Principal", "Correção", "Pago"
            ),
        ];
        lines.extend(statement.entries.iter().map(|entry| {
            format!(
                "{:<13}{:<13}{:<28}{:>14}{:>12}{:>14}",
                entry.paid_on,
                entry.due_on,
                entry.description,
                entry.principal.to_string(),
                entry.correction.to_string(),
                entry.amount.to_string()
            )
        }));
        if statement.entries.is_empty() {
            lines.push("Nenhum pagamento registrado.".into());
        }
        let number: String = statement.contract_number.chars().filter(char::is_ascii_alphanumeric).collect();
        Ok((
            format!("extrato-{number}.pdf"),
            crate::documents::pdf::text_document("Extrato de pagamentos", &lines),
        ))
    }

    /// The informe de pagamentos for the income-tax declaration of `year`: per contract the
    /// seller, the property, the buyers and their parts, what was paid in the year and in total
    /// up to 31/12 of the year before and of the year (see [`super::income_report`]).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_income_report_pdf(
        &self,
        person_id: i64,
        year: i32,
    ) -> Result<(String, Vec<u8>), PropertyError> {
        let rows = self.store.installment_lines_of_person(person_id).await?;
        let year_end = format!("{year:04}-12-31");
        if !rows.iter().any(|row| row.paid_on.as_deref().is_some_and(|paid| paid <= year_end.as_str())) {
            return Err(PropertyError::NotFound);
        }
        let account = self.store.account_of(person_id).await?.ok_or(PropertyError::NotFound)?;
        let today = self.today_iso();
        let mut contract_ids: Vec<i64> = Vec::new();
        for row in &rows {
            if !contract_ids.contains(&row.contract_id) {
                contract_ids.push(row.contract_id);
            }
        }
        let mut contracts = Vec::new();
        for contract_id in contract_ids {
            let contract = self
                .store
                .contract_of_person(person_id, contract_id, &today)
                .await?
                .ok_or(PropertyError::NotFound)?;
            let seller = match self.store.seller_of_development(contract.development_id).await? {
                Some((name, cnpj)) => format!("{name} · {}", formatted_document(&cnpj)),
                None => String::new(),
            };
            let parties = self
                .store
                .parties_visible_to(person_id, contract_id)
                .await?
                .into_iter()
                .map(|party| ReportParty {
                    me: party.document == account.document,
                    titular: party.role == "titular",
                    share_basis_points: party.share_basis_points(),
                    name: party.name,
                })
                .collect();
            let unit = UnitSummary::label_of(
                contract.block_name.as_deref(),
                &contract.unit_kind,
                &contract.unit_number,
            );
            contracts.push(ReportContract {
                number: contract.number,
                signed_on: display_iso_date(&contract.signed_on),
                total: Centavos(contract.total_cents),
                property: format!("{} · {unit}", contract.development_name),
                address: format!("{}, {}/{}", contract.address, contract.city, contract.state),
                seller,
                parties,
                payments: rows
                    .iter()
                    .filter(|row| row.contract_id == contract_id)
                    .filter_map(|row| {
                        let amount = Centavos(row.paid_cents.unwrap_or(row.amount_cents));
                        let (_, correction, charges) = split_payment(
                            amount,
                            Centavos(row.original_cents),
                            Centavos(row.correction_cents()),
                        );
                        Some(ReportPayment { paid_on: row.paid_on.clone()?, amount, correction, charges })
                    })
                    .collect(),
            });
        }
        let buyer = format!("{} · {}", account.name, formatted_document(&account.document));
        let lines = report_lines(year, &display_iso_date(&today), &buyer, &contracts);
        Ok((
            format!("informe-de-pagamentos-ir-{year}.pdf"),
            crate::documents::pdf::text_document(INCOME_REPORT_TITLE, &lines),
        ))
    }
}
