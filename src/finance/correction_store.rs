//! Correction indices and each contract's correction rule, and the installments' stored
//! correction (recomputed while the installment is unpaid and not at the bank).

use sqlx::FromRow;

use super::correction::{corrected_amount, CorrectionRule, IndexCode, IndexValues, Month};
use crate::br::Centavos;
use crate::store::{Store, StoreError};

/// An installment whose correction may still change: unpaid, its boleto not held by the bank,
/// no 2ª via issued for it and not in an antecipação (each has its own fixed amount).
const CORRECTABLE: &str = "paid_on IS NULL AND bank_status IN ('pendente', 'rejeitado', 'baixado') \
     AND NOT EXISTS (SELECT 1 FROM boleto_reissue r WHERE r.installment_id = installment.id AND r.cancelled_at IS NULL) \
     AND NOT EXISTS (SELECT 1 FROM early_payment_item e WHERE e.installment_id = installment.id AND e.active = 1)";

/// One stored index value, with who saved it.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct IndexValueRecord {
    pub month: String,
    pub value_micro: i64,
    pub updated_at: i64,
    pub updated_by: Option<String>,
}

/// A contract's correction columns, as stored.
#[derive(Debug, Clone, Default, FromRow)]
pub(crate) struct ContractCorrectionRecord {
    pub id: i64,
    pub correction_index: Option<String>,
    pub correction_base_month: Option<String>,
    pub correction_after_index: Option<String>,
    pub correction_switch_month: Option<String>,
}

impl ContractCorrectionRecord {
    pub fn rule(&self) -> Option<CorrectionRule> {
        let index = IndexCode::from_code(self.correction_index.as_deref()?)?;
        let base = Month::parse(self.correction_base_month.as_deref()?)?;
        let switch = self
            .correction_after_index
            .as_deref()
            .and_then(IndexCode::from_code)
            .zip(self.correction_switch_month.as_deref().and_then(Month::parse));
        Some(CorrectionRule { index, base, switch })
    }
}

/// Which contracts a recomputation covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Recompute {
    Contract(i64),
    UsingIndex(IndexCode),
}

impl Store {
    pub(crate) async fn index_values(&self) -> Result<IndexValues, StoreError> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT index_code, month, value_micro FROM correction_index_value")
                .fetch_all(&self.pool)
                .await?;
        let mut values = IndexValues::default();
        for (code, month, value) in rows {
            if let (Some(index), Some(month)) = (IndexCode::from_code(&code), Month::parse(&month)) {
                values.insert(index, month, value);
            }
        }
        Ok(values)
    }

    /// An index's values, newest first.
    pub(crate) async fn index_value_records(
        &self,
        index: IndexCode,
        limit: i64,
    ) -> Result<Vec<IndexValueRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.month, v.value_micro, v.updated_at, s.name AS updated_by FROM correction_index_value v \
             LEFT JOIN staff_user s ON s.id = v.updated_by WHERE v.index_code = $1 ORDER BY v.month DESC LIMIT $2",
        )
        .bind(index.code())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Saves values, all or none; each value that changed, with its value before. The same
    /// value saved twice at once changes (and is reported) once: each row is locked by a write
    /// before it is read.
    pub(crate) async fn save_index_values(
        &self,
        values: &[(IndexCode, Month, i64)],
        now: i64,
        staff_id: Option<i64>,
    ) -> Result<Vec<(IndexCode, Month, Option<i64>, i64)>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut changed = Vec::new();
        for (index, month, value) in values {
            let key = |query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments<'static>>| {
                query.bind(index.code()).bind(month.iso())
            };
            let inserted = key(sqlx::query(
                "INSERT INTO correction_index_value (index_code, month, value_micro, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (index_code, month) DO NOTHING",
            ))
            .bind(*value)
            .bind(now)
            .bind(staff_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                changed.push((*index, *month, None, *value));
                continue;
            }
            // Lock the row (a write first), then read what it held.
            key(sqlx::query(
                "UPDATE correction_index_value SET updated_at = updated_at WHERE index_code = $1 AND month = $2",
            ))
            .execute(&mut *tx)
            .await?;
            let (before,): (i64,) = sqlx::query_as(
                "SELECT value_micro FROM correction_index_value WHERE index_code = $1 AND month = $2",
            )
            .bind(index.code())
            .bind(month.iso())
            .fetch_one(&mut *tx)
            .await?;
            if before == *value {
                continue;
            }
            key(sqlx::query(
                "UPDATE correction_index_value SET value_micro = $3, updated_at = $4, updated_by = $5 \
                 WHERE index_code = $1 AND month = $2",
            ))
            .bind(*value)
            .bind(now)
            .bind(staff_id)
            .execute(&mut *tx)
            .await?;
            changed.push((*index, *month, Some(before), *value));
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// How many contracts are corrected by an index, before or after their switch.
    pub(crate) async fn contracts_using_index(&self, index: IndexCode) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM contract WHERE correction_index = $1 OR correction_after_index = $1",
        )
        .bind(index.code())
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    pub(crate) async fn contract_correction(
        &self,
        contract_id: i64,
    ) -> Result<Option<ContractCorrectionRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, correction_index, correction_base_month, correction_after_index, correction_switch_month \
             FROM contract WHERE id = $1",
        )
        .bind(contract_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn set_contract_correction(
        &self,
        contract_id: i64,
        rule: Option<&CorrectionRule>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE contract SET correction_index = $2, correction_base_month = $3, \
             correction_after_index = $4, correction_switch_month = $5 WHERE id = $1",
        )
        .bind(contract_id)
        .bind(rule.map(|rule| rule.index.code()))
        .bind(rule.map(|rule| rule.base.iso()))
        .bind(rule.and_then(|rule| rule.switch).map(|(index, _)| index.code()))
        .bind(rule.and_then(|rule| rule.switch).map(|(_, month)| month.iso()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Recomputes the correction of the correctable installments of the contracts `which`
    /// covers; how many changed. The update repeats the condition, so an installment paid or
    /// sent to the bank meanwhile keeps its amount.
    pub(crate) async fn recompute_corrections(&self, which: Recompute) -> Result<u64, StoreError> {
        let columns = "SELECT id, correction_index, correction_base_month, correction_after_index, \
                       correction_switch_month FROM contract";
        let contracts: Vec<ContractCorrectionRecord> = match which {
            Recompute::Contract(id) => {
                sqlx::query_as(&format!("{columns} WHERE id = $1")).bind(id).fetch_all(&self.pool).await?
            }
            Recompute::UsingIndex(index) => {
                sqlx::query_as(&format!(
                    "{columns} WHERE correction_index = $1 OR correction_after_index = $1"
                ))
                .bind(index.code())
                .fetch_all(&self.pool)
                .await?
            }
        };
        if contracts.is_empty() {
            return Ok(0);
        }
        let values = self.index_values().await?;
        let mut changed = 0;
        for contract in contracts {
            let rule = contract.rule();
            let installments: Vec<(i64, String, i64, i64)> = sqlx::query_as(&format!(
                "SELECT id, due_on, amount_cents, correction_cents FROM installment \
                 WHERE contract_id = $1 AND {CORRECTABLE}"
            ))
            .bind(contract.id)
            .fetch_all(&self.pool)
            .await?;
            for (id, due_on, amount, stored) in installments {
                let due = crate::time_br::parse_iso_date(&due_on).map(Month::of_date);
                let correction = match (rule, due) {
                    (Some(rule), Some(due)) => {
                        corrected_amount(Centavos(amount), due, &rule, &values).correction.0
                    }
                    _ => 0,
                };
                if correction == stored {
                    continue;
                }
                changed += sqlx::query(&format!(
                    "UPDATE installment SET correction_cents = $2 WHERE id = $1 AND {CORRECTABLE}"
                ))
                .bind(id)
                .bind(correction)
                .execute(&self.pool)
                .await?
                .rows_affected();
            }
        }
        Ok(changed)
    }
}
