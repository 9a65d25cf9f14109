//! The staff use cases of correction: the indices' monthly values (typed or imported as CSV,
//! each audited) and a contract's index, base month and switch. Every change recomputes the
//! correction of the installments it touches.

use super::correction::{
    index_value_text, parse_index_value, CorrectionRule, IndexCode, Month, INDEX_LAG_MONTHS,
};
use super::correction_model::*;
use super::correction_store::{ContractCorrectionRecord, Recompute};
use crate::records::rules::{refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{format_timestamp, today_in_sao_paulo};
use crate::Portal;

/// How many months of each index the page lists.
const MONTHS_LISTED: i64 = 24;
/// A value that far from its neighbour month is almost surely a typo (a monthly variation
/// typed as the número-índice, a misplaced comma): refused, in percent.
const MAX_MONTHLY_JUMP_PERCENT: i64 = 20;
/// The earliest month a value may be for (the Real).
const FIRST_MONTH: (i32, u8) = (1994, 7);
/// How many problems of a refused CSV are named.
const PROBLEMS_NAMED: usize = 5;

fn index_subject(index: IndexCode) -> String {
    format!("index:{}", index.code())
}

/// `+0,54 %` from one value to the next.
fn variation_text(before: i64, after: i64) -> String {
    let basis = (i128::from(after) - i128::from(before)) * 1_000_000 / i128::from(before);
    let hundredths = (basis + basis.signum() * 50) / 100;
    let sign = if hundredths < 0 { "−" } else { "+" };
    format!("{sign}{},{:02} %", hundredths.abs() / 100, hundredths.abs() % 100)
}

/// Why `value` for `month` looks like a typo next to a known `neighbour`, if it does.
fn implausible(month: Month, value: i64, neighbour: Option<(Month, i64)>) -> Option<String> {
    let (other, known) = neighbour?;
    let jump = (i128::from(value) - i128::from(known)).abs() * 100;
    (jump > i128::from(MAX_MONTHLY_JUMP_PERCENT) * i128::from(known)).then(|| {
        format!(
            "{month}: {} difere mais de {MAX_MONTHLY_JUMP_PERCENT} % do valor de {other} ({}). Informe o número-índice, não a variação do mês.",
            index_value_text(value),
            index_value_text(known)
        )
    })
}

fn describe(rule: Option<&CorrectionRule>) -> String {
    match rule {
        None => "Sem correção".to_string(),
        Some(rule) => {
            let mut text = format!("{} sobre o índice de {}", rule.index.label(), rule.base);
            if let Some((after, from)) = rule.switch {
                text.push_str(&format!("; {} nas parcelas a partir de {from}", after.label()));
            }
            text
        }
    }
}

fn form_of(record: &ContractCorrectionRecord) -> CorrectionForm {
    let month =
        |text: &Option<String>| text.as_deref().and_then(Month::parse).map(Month::iso).unwrap_or_default();
    CorrectionForm {
        index: record.correction_index.clone().unwrap_or_default(),
        base_month: month(&record.correction_base_month),
        after_index: record.correction_after_index.clone().unwrap_or_default(),
        switch_month: month(&record.correction_switch_month),
    }
}

/// Checks a contract's correction form: `None` means "not corrected".
fn parse_correction(form: &CorrectionForm) -> Result<Option<CorrectionRule>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if form.index.trim().is_empty() {
        return Ok(None);
    }
    let index = IndexCode::from_code(form.index.trim());
    if index.is_none() {
        refuse(&mut errors, "correction_index", "Escolha INCC-M, IPCA ou IGP-M.");
    }
    let base = Month::parse(&form.base_month);
    if base.is_none() {
        refuse(&mut errors, "correction_base_month", "Informe o mês do índice-base, como 03/2024.");
    }
    let switch = match (form.after_index.trim(), form.switch_month.trim()) {
        ("", "") => None,
        ("", _) => {
            refuse(
                &mut errors,
                "correction_after_index",
                "Escolha o índice que passa a valer, ou deixe o mês em branco.",
            );
            None
        }
        (after, month) => {
            let after = IndexCode::from_code(after);
            let month = Month::parse(month);
            if after.is_none() {
                refuse(&mut errors, "correction_after_index", "Escolha INCC-M, IPCA ou IGP-M.");
            } else if after == index {
                refuse(&mut errors, "correction_after_index", "Escolha um índice diferente do primeiro.");
            }
            match (month, base) {
                (None, _) => {
                    refuse(&mut errors, "correction_switch_month", "Informe o mês da troca, como 08/2026.")
                }
                (Some(month), Some(base)) if month <= base.plus(INDEX_LAG_MONTHS + 1) => refuse(
                    &mut errors,
                    "correction_switch_month",
                    "A troca vem pelo menos quatro meses depois do índice-base.",
                ),
                _ => {}
            }
            after.zip(month)
        }
    };
    match (index, base) {
        (Some(index), Some(base)) if errors.is_empty() => Ok(Some(CorrectionRule { index, base, switch })),
        _ => Err(errors),
    }
}

impl Portal {
    fn require_index_editor(staff: &CurrentStaff) -> Result<(), StaffError> {
        // The indices correct every company's contracts: staff with every empreendimento only.
        super::billing::require_company_wide(staff, Permission::EditFinance)
    }

    fn valid_month(&self, month: Option<Month>) -> Option<Month> {
        let this_month = Month::of_date(today_in_sao_paulo(self.clock.now()));
        let first = Month::new(FIRST_MONTH.0, FIRST_MONTH.1)?;
        month.filter(|month| *month >= first && *month <= this_month)
    }

    /// `/equipe/financeiro/indices`: each index's latest months.
    pub async fn correction_indices(&self, staff: &CurrentStaff) -> Result<IndexPage, StaffError> {
        staff.require(Permission::ViewFinance)?;
        let mut series = Vec::new();
        for index in IndexCode::ALL {
            let records = self.store.index_value_records(index, MONTHS_LISTED + 1).await?;
            let rows = records
                .iter()
                .enumerate()
                .take(MONTHS_LISTED as usize)
                .map(|(position, record)| {
                    let month = Month::parse(&record.month);
                    let previous = records.get(position + 1).filter(|previous| {
                        month.map(|month| month.plus(-1).iso()) == Some(previous.month.clone())
                    });
                    IndexValueRow {
                        month: month.map(|month| month.to_string()).unwrap_or_else(|| record.month.clone()),
                        value: index_value_text(record.value_micro),
                        variation: previous
                            .map(|previous| variation_text(previous.value_micro, record.value_micro)),
                        updated: format!(
                            "{} · {}",
                            format_timestamp(record.updated_at),
                            record.updated_by.as_deref().unwrap_or("demonstração")
                        ),
                    }
                })
                .collect();
            series.push(IndexSeriesView {
                code: index.code().to_string(),
                label: index.label().to_string(),
                publisher: index.publisher().to_string(),
                rows,
                contracts: self.store.contracts_using_index(index).await?,
            });
        }
        Ok(IndexPage {
            series,
            can_edit: Self::require_index_editor(staff).is_ok(),
            this_month: Month::of_date(today_in_sao_paulo(self.clock.now())).iso(),
        })
    }

    /// Saves one typed value; audited, then the contracts using the index are recomputed.
    pub async fn save_index_value(
        &self,
        staff: &CurrentStaff,
        form: &IndexValueForm,
    ) -> Result<(), StaffError> {
        Self::require_index_editor(staff)?;
        let mut errors = FieldErrors::new();
        let index = IndexCode::from_code(form.index.trim());
        if index.is_none() {
            refuse(&mut errors, "index", "Escolha o índice.");
        }
        let month = self.valid_month(Month::parse(&form.month));
        if month.is_none() {
            refuse(&mut errors, "month", "Informe um mês de 07/1994 até o mês atual, como 09/2024.");
        }
        let value = parse_index_value(&form.value);
        if value.is_none() {
            refuse(&mut errors, "value", "Informe o número-índice, como 1.123,456 (até 6 casas decimais).");
        }
        let (Some(index), Some(month), Some(value)) = (index, month, value) else {
            return Err(StaffError::Fields(errors));
        };
        let known = self.store.index_values().await?;
        let neighbour = known
            .get(index, month.plus(-1))
            .map(|value| (month.plus(-1), value))
            .or_else(|| known.get(index, month.plus(1)).map(|value| (month.plus(1), value)));
        if let Some(reason) = implausible(month, value, neighbour) {
            refuse(&mut errors, "value", &reason);
            return Err(StaffError::Fields(errors));
        }
        self.store_index_values(staff, index, &[(index, month, value)]).await?;
        Ok(())
    }

    /// Imports an index's values from a CSV (`mês;valor` per line, `09/2024;1.123,456`; a
    /// header line is skipped): all or none, every problem named by its line. How many values
    /// changed.
    pub async fn import_index_csv(
        &self,
        staff: &CurrentStaff,
        index_code: &str,
        bytes: &[u8],
    ) -> Result<usize, StaffError> {
        Self::require_index_editor(staff)?;
        let index = IndexCode::from_code(index_code.trim())
            .ok_or_else(|| StaffError::Invalid("Escolha o índice do arquivo.".into()))?;
        if bytes.len() > MAX_INDEX_CSV_BYTES {
            return Err(StaffError::Invalid(
                "Arquivo grande demais: uma planilha de índices tem até 64 KB.".into(),
            ));
        }
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| StaffError::Invalid("O arquivo não é um CSV em UTF-8.".into()))?;
        let mut values: Vec<(IndexCode, Month, i64)> = Vec::new();
        let mut problems = Vec::new();
        let mut known = self.store.index_values().await?;
        for (position, line) in text.lines().enumerate() {
            let number = position + 1;
            let cells: Vec<&str> = line.split([';', '\t']).map(str::trim).collect();
            if cells.iter().all(|cell| cell.is_empty()) {
                continue;
            }
            let month = Month::parse(cells[0]);
            if number == 1 && month.is_none() {
                continue;
            }
            let problem =
                match (self.valid_month(month), cells.get(1).and_then(|cell| parse_index_value(cell))) {
                    _ if cells.len() != 2 => Some("use duas colunas, mês;valor".to_string()),
                    (None, _) => Some(format!("mês inválido ou futuro: {:?}", cells[0])),
                    (_, None) => Some(format!("valor inválido: {:?}", cells[1])),
                    (Some(month), Some(_)) if values.iter().any(|(_, seen, _)| *seen == month) => {
                        Some(format!("{month} aparece mais de uma vez"))
                    }
                    (Some(month), Some(value)) => {
                        let neighbour = known.get(index, month.plus(-1)).map(|known| (month.plus(-1), known));
                        known.insert(index, month, value);
                        values.push((index, month, value));
                        implausible(month, value, neighbour)
                    }
                };
            if let Some(problem) = problem {
                problems.push(format!("linha {number}: {problem}"));
            }
        }
        if !problems.is_empty() {
            let more = problems.len().saturating_sub(PROBLEMS_NAMED);
            let mut message =
                format!("Nada foi importado. {}", problems[..problems.len().min(PROBLEMS_NAMED)].join("; "));
            if more > 0 {
                message.push_str(&format!("; e mais {more} problema(s)"));
            }
            return Err(StaffError::Invalid(format!("{message}.")));
        }
        if values.is_empty() {
            return Err(StaffError::Invalid(
                "O arquivo não tem valores: uma linha por mês, como 09/2024;1.123,456.".into(),
            ));
        }
        values.sort_by_key(|(_, month, _)| *month);
        self.store_index_values(staff, index, &values).await
    }

    async fn store_index_values(
        &self,
        staff: &CurrentStaff,
        index: IndexCode,
        values: &[(IndexCode, Month, i64)],
    ) -> Result<usize, StaffError> {
        let changed = self.store.save_index_values(values, self.now(), Some(staff.id)).await?;
        for (index, month, before, after) in &changed {
            let detail = match before {
                Some(before) => format!(
                    "{} {month}: {} → {}",
                    index.label(),
                    index_value_text(*before),
                    index_value_text(*after)
                ),
                None => format!("{} {month}: {}", index.label(), index_value_text(*after)),
            };
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    "index_value_saved",
                    staff.ip.as_deref(),
                    &index_subject(*index),
                    &detail,
                )
                .await?;
        }
        if !changed.is_empty() {
            self.store.recompute_corrections(Recompute::UsingIndex(index)).await?;
        }
        Ok(changed.len())
    }

    /// A contract's correction, for its staff page.
    pub(crate) async fn contract_correction_view(
        &self,
        contract_id: i64,
    ) -> Result<ContractCorrectionView, StaffError> {
        let record = self.store.contract_correction(contract_id).await?.unwrap_or_default();
        let rule = record.rule();
        let values = self.store.index_values().await?;
        let warning = rule.filter(|rule| values.get(rule.index, rule.base).is_none()).map(|rule| {
            format!(
                "O {} de {} ainda não foi informado: as parcelas seguem sem correção até ele ser incluído em Índices.",
                rule.index.label(),
                rule.base
            )
        });
        Ok(ContractCorrectionView { summary: describe(rule.as_ref()), form: form_of(&record), warning })
    }

    /// Sets (or removes) a contract's correction; audited, then its installments recomputed.
    pub async fn save_contract_correction(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
        form: &CorrectionForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditFinance)?;
        self.contract_in_scope(staff, contract_id).await?;
        let rule = parse_correction(form).map_err(StaffError::Fields)?;
        let before = self.store.contract_correction(contract_id).await?.unwrap_or_default().rule();
        if before == rule {
            return Ok(());
        }
        self.store.set_contract_correction(contract_id, rule.as_ref()).await?;
        let detail = format!("{} → {}", describe(before.as_ref()), describe(rule.as_ref()));
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "contract_correction_set",
                staff.ip.as_deref(),
                &crate::records::contract_subject(contract_id),
                &detail,
            )
            .await?;
        self.store.recompute_corrections(Recompute::Contract(contract_id)).await?;
        Ok(())
    }

    /// After a contract's installments change: their correction follows.
    pub(crate) async fn recompute_contract_correction(&self, contract_id: i64) -> Result<(), StaffError> {
        self.store.recompute_corrections(Recompute::Contract(contract_id)).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variations_read_as_percent() {
        assert_eq!(variation_text(518_816_000, 521_638_000), "+0,54 %");
        assert_eq!(variation_text(100_000_000, 99_500_000), "−0,50 %");
        assert_eq!(variation_text(100_000_000, 100_000_000), "+0,00 %");
    }

    #[test]
    fn a_monthly_variation_typed_as_the_index_is_refused() {
        let march = Month::parse("2024-03").unwrap();
        let april = march.plus(1);
        assert!(implausible(april, 680_000, Some((march, 1_123_456_000))).is_some());
        assert!(implausible(april, 1_130_000_000, Some((march, 1_123_456_000))).is_none());
        assert!(implausible(april, 680_000, None).is_none());
    }

    #[test]
    fn a_contracts_correction_form_is_checked() {
        let form = |index: &str, base: &str, after: &str, switch: &str| CorrectionForm {
            index: index.into(),
            base_month: base.into(),
            after_index: after.into(),
            switch_month: switch.into(),
        };
        assert_eq!(parse_correction(&form("", "", "", "")), Ok(None));
        let rule = parse_correction(&form("incc_m", "2024-03", "ipca", "2026-08")).unwrap().unwrap();
        assert_eq!(rule.switch.map(|(index, _)| index), Some(IndexCode::Ipca));
        let refused = |form: CorrectionForm, field: &str| {
            let errors = parse_correction(&form).unwrap_err();
            assert!(errors.contains_key(field), "{form:?}: {errors:?}");
        };
        refused(form("selic", "2024-03", "", ""), "correction_index");
        refused(form("incc_m", "", "", ""), "correction_base_month");
        refused(form("incc_m", "2024-03", "incc_m", "2026-08"), "correction_after_index");
        refused(form("incc_m", "2024-03", "", "2026-08"), "correction_after_index");
        refused(form("incc_m", "2024-03", "ipca", ""), "correction_switch_month");
        refused(form("incc_m", "2024-03", "ipca", "2024-06"), "correction_switch_month");
    }
}
