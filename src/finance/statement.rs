//! The extrato (a contract's payments) and the informe de rendimentos, as pages and PDFs.

use super::model::*;
use super::store::InstallmentRow;
use crate::br::Centavos;
use crate::property::{PropertyError, UnitSummary};
use crate::time_br::display_iso_date;
use crate::Portal;

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
            .map(|row| StatementEntry {
                paid_on: row.paid_on.as_deref().map(display_iso_date).unwrap_or_default(),
                description: format!("Parcela {} · {}", row.number, installment_kind_label(&row.kind)),
                due_on: display_iso_date(&row.due_on),
                amount: Centavos(row.paid_cents.unwrap_or(row.amount_cents)),
            })
            .collect();
        Ok(Statement {
            contract_id,
            contract_number: contract.number,
            total_paid: entries.iter().map(|entry| entry.amount).sum(),
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
            String::new(),
            "Pagamento    Vencimento   Descrição                         Valor".to_string(),
        ];
        lines.extend(statement.entries.iter().map(|entry| {
            format!("{}   {}   {:<32}  {}", entry.paid_on, entry.due_on, entry.description, entry.amount)
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

    /// The informe de rendimentos of `year`: what the person paid to the company in that
    /// calendar year, per contract, for the income-tax declaration.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_income_report_pdf(
        &self,
        person_id: i64,
        year: i32,
    ) -> Result<(String, Vec<u8>), PropertyError> {
        let rows = self.store.installment_lines_of_person(person_id).await?;
        let prefix = format!("{year:04}-");
        let paid_in_year: Vec<&InstallmentRow> = rows
            .iter()
            .filter(|row| row.paid_on.as_deref().is_some_and(|paid| paid.starts_with(&prefix)))
            .collect();
        if paid_in_year.is_empty() {
            return Err(PropertyError::NotFound);
        }
        let payer = self.store.person_name(person_id).await?.unwrap_or_default();
        let document =
            self.store.account_of(person_id).await?.map(|account| account.document).unwrap_or_default();
        let mut lines = vec![
            format!("Ano-calendário {year}"),
            format!(
                "Comprador: {payer} · {}",
                crate::br::TaxId::from_canonical(&document).map_or(document.clone(), |id| id.to_string())
            ),
        ];
        if let Some(settings) = self.payment.as_deref() {
            lines.push(format!(
                "Fonte pagadora do imóvel: {} · CNPJ {}",
                settings.beneficiary_name, settings.beneficiary_document
            ));
        }
        lines.push(String::new());
        let mut contracts: Vec<(i64, String)> = Vec::new();
        for row in &paid_in_year {
            if !contracts.iter().any(|(id, _)| *id == row.contract_id) {
                contracts.push((row.contract_id, row.contract_number.clone()));
            }
        }
        let mut total = Centavos(0);
        for (contract_id, number) in contracts {
            let contract = self
                .store
                .contract_of_person(person_id, contract_id, &self.today_iso())
                .await?
                .ok_or(PropertyError::NotFound)?;
            let paid: Centavos = paid_in_year
                .iter()
                .filter(|row| row.contract_id == contract_id)
                .map(|row| Centavos(row.paid_cents.unwrap_or(row.amount_cents)))
                .sum();
            let count = paid_in_year.iter().filter(|row| row.contract_id == contract_id).count();
            total = total + paid;
            let unit = UnitSummary::label_of(
                contract.block_name.as_deref(),
                &contract.unit_kind,
                &contract.unit_number,
            );
            lines.push(format!("Contrato {number} · {} · {unit}", contract.development_name));
            lines.push(format!(
                "   Pago em {year}: {paid} ({count} parcelas) · valor do contrato {}",
                Centavos(contract.total_cents)
            ));
        }
        lines.push(String::new());
        lines.push(format!("Total pago em {year}: {total}"));
        lines.push(
            "Declare em Bens e Direitos o valor pago até 31/12, conforme as instruções da Receita Federal."
                .into(),
        );
        Ok((
            format!("informe-de-rendimentos-{year}.pdf"),
            crate::documents::pdf::text_document("Informe de pagamentos para o Imposto de Renda", &lines),
        ))
    }
}
