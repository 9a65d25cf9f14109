//! Antecipações as stored: the boleto (`early_payment`) and the installments it pays.

use sqlx::FromRow;

use crate::store::{Store, StoreError};

/// An installment an antecipação may pay: unpaid, due after `from`, not in another active
/// antecipação and without a 2ª via.
const ANTICIPABLE: &str = "i.paid_on IS NULL AND i.due_on > $2 \
     AND NOT EXISTS (SELECT 1 FROM early_payment_item e WHERE e.installment_id = i.id AND e.active = 1) \
     AND NOT EXISTS (SELECT 1 FROM boleto_reissue r WHERE r.installment_id = i.id AND r.cancelled_at IS NULL)";

#[derive(Debug, Clone, FromRow)]
pub(crate) struct AnticipableRow {
    pub id: i64,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    /// Corrected.
    pub amount_cents: i64,
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct EarlyPaymentRow {
    pub id: i64,
    pub contract_id: i64,
    pub contract_number: String,
    pub nosso_numero: Option<String>,
    pub due_on: String,
    pub total_cents: i64,
    pub paid_on: Option<String>,
    pub cancelled_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct EarlyItemRow {
    pub installment_id: i64,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    pub amount_cents: i64,
    pub discount_cents: i64,
}

/// A new antecipação: each installment with its amount and discount.
pub(crate) struct NewEarlyPayment<'a> {
    pub contract_id: i64,
    pub person_id: i64,
    pub due_on: &'a str,
    pub items: &'a [(i64, i64, i64)],
    pub now: i64,
    pub today: &'a str,
}

const EARLY_COLUMNS: &str = "SELECT e.id, e.contract_id, c.number AS contract_number, e.nosso_numero, \
     e.due_on, e.total_cents, e.paid_on, e.cancelled_at \
     FROM early_payment e JOIN contract c ON c.id = e.contract_id";

impl Store {
    /// A contract's installments an antecipação paid on `pay_on` (ISO) may include, by due date.
    pub(crate) async fn anticipable_installments(
        &self,
        contract_id: i64,
        pay_on: &str,
    ) -> Result<Vec<AnticipableRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT i.id, i.number, i.kind, i.due_on, i.amount_cents + i.correction_cents AS amount_cents \
             FROM installment i WHERE i.contract_id = $1 AND {ANTICIPABLE} ORDER BY i.due_on, i.number"
        ))
        .bind(contract_id)
        .bind(pay_on)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Expires a contract's antecipações unpaid past their due date (before `today`, ISO): their
    /// installments are free again, and a boleto the bank holds waits for its baixa.
    pub(crate) async fn expire_early_payments(
        &self,
        contract_id: i64,
        today: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        expire_stale(&mut tx, contract_id, today, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an antecipação, all or nothing: expires the contract's unpaid ones past their due
    /// date first; `None` when an installment is already in another (a concurrent request won)
    /// or no longer anticipable.
    pub(crate) async fn insert_early_payment(
        &self,
        new: &NewEarlyPayment<'_>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        expire_stale(&mut tx, new.contract_id, new.today, new.now).await?;
        let amount: i64 = new.items.iter().map(|(_, amount, _)| amount).sum();
        let discount: i64 = new.items.iter().map(|(_, _, discount)| discount).sum();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO early_payment (contract_id, person_id, due_on, amount_cents, discount_cents, total_cents, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.contract_id)
        .bind(new.person_id)
        .bind(new.due_on)
        .bind(amount)
        .bind(discount)
        .bind(amount - discount)
        .bind(new.now)
        .fetch_one(&mut *tx)
        .await?;
        for (installment, amount, discount) in new.items {
            let inserted = sqlx::query(&format!(
                "INSERT INTO early_payment_item (early_payment_id, installment_id, amount_cents, discount_cents) \
                 SELECT $3, i.id, $4, $5 FROM installment i WHERE i.id = $1 AND i.contract_id = $6 AND {ANTICIPABLE}"
            ))
            .bind(installment)
            .bind(new.due_on)
            .bind(id)
            .bind(amount)
            .bind(discount)
            .bind(new.contract_id)
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(done) if done.rows_affected() == 1 => {}
                Ok(_) => return Ok(None),
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => return Ok(None),
                Err(error) => return Err(error.into()),
            }
        }
        sqlx::query("UPDATE early_payment SET nosso_numero = $2 WHERE id = $1")
            .bind(id)
            .bind(format!("7{id:09}"))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// The antecipação an installment is in (active, or paid): id, due date, its discounted
    /// amount, and the day it was paid.
    pub(crate) async fn early_payment_holding(
        &self,
        installment_id: i64,
    ) -> Result<Option<(i64, String, i64, Option<String>)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT e.id, e.due_on, it.amount_cents - it.discount_cents, e.paid_on FROM early_payment_item it \
             JOIN early_payment e ON e.id = it.early_payment_id \
             WHERE it.installment_id = $1 AND (it.active = 1 OR e.paid_on IS NOT NULL) ORDER BY e.id DESC LIMIT 1",
        )
        .bind(installment_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn early_payment(&self, id: i64) -> Result<Option<EarlyPaymentRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{EARLY_COLUMNS} WHERE e.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// A contract's antecipações neither paid, cancelled nor past `today` (ISO).
    pub(crate) async fn pending_early_payments(
        &self,
        contract_id: i64,
        today: &str,
    ) -> Result<Vec<(EarlyPaymentRow, i64)>, StoreError> {
        let rows: Vec<EarlyPaymentRow> = sqlx::query_as(&format!(
            "{EARLY_COLUMNS} WHERE e.contract_id = $1 AND e.paid_on IS NULL AND e.cancelled_at IS NULL \
             AND e.due_on >= $2 ORDER BY e.id DESC"
        ))
        .bind(contract_id)
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        let mut pending = Vec::new();
        for row in rows {
            let (count,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM early_payment_item WHERE early_payment_id = $1")
                    .bind(row.id)
                    .fetch_one(&self.pool)
                    .await?;
            pending.push((row, count));
        }
        Ok(pending)
    }

    pub(crate) async fn early_payment_items(&self, id: i64) -> Result<Vec<EarlyItemRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT it.installment_id, i.number, i.kind, i.due_on, it.amount_cents, it.discount_cents \
             FROM early_payment_item it JOIN installment i ON i.id = it.installment_id \
             WHERE it.early_payment_id = $1 ORDER BY i.due_on, i.number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}

async fn expire_stale(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contract_id: i64,
    today: &str,
    now: i64,
) -> Result<(), StoreError> {
    let stale: Vec<(i64,)> = sqlx::query_as(
        "UPDATE early_payment SET cancelled_at = $3, \
         write_off_pending = CASE WHEN bank_status IN ('enviado', 'registrado') THEN 1 ELSE 0 END \
         WHERE contract_id = $1 AND cancelled_at IS NULL AND paid_on IS NULL AND due_on < $2 RETURNING id",
    )
    .bind(contract_id)
    .bind(today)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    for (id,) in stale {
        sqlx::query("UPDATE early_payment_item SET active = 0 WHERE early_payment_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
