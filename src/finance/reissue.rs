//! 2ª via of an overdue installment: a new boleto (new due date within the next days, new
//! nosso número) for the amount plus the company's multa and juros up to that day. The buyer
//! sees the amounts before confirming; one 2ª via is active per installment; the boletos it
//! replaces at the bank are written off in the next remessa.

use sqlx::FromRow;
use time::{Date, Duration};

use super::late_fees::late_charge;
use super::model::{InstallmentStatus, ReissueOffer, ReissueView};
use super::PaymentSettings;
use crate::br::Centavos;
use crate::store::{Store, StoreError};
use crate::time_br::{display_iso_date, format_date, iso_date, parse_iso_date};

/// How many days ahead a 2ª via may fall due.
pub const REISSUE_DAYS: i64 = 10;

#[derive(Debug, Clone, FromRow)]
pub(crate) struct ReissueRow {
    pub nosso_numero: Option<String>,
    pub due_on: String,
    pub original_cents: i64,
    pub fine_cents: i64,
    pub interest_cents: i64,
    pub amount_cents: i64,
}

impl ReissueRow {
    pub fn view(&self, original_due: &str) -> ReissueView {
        let days_late = match (parse_iso_date(original_due), parse_iso_date(&self.due_on)) {
            (Some(due), Some(new_due)) => (new_due - due).whole_days().max(0),
            _ => 0,
        };
        ReissueView {
            due_on: display_iso_date(&self.due_on),
            due_iso: self.due_on.clone(),
            charge: super::late_fees::LateCharge {
                original: Centavos(self.original_cents),
                days_late,
                fine: Centavos(self.fine_cents),
                interest: Centavos(self.interest_cents),
                total: Centavos(self.amount_cents),
            },
        }
    }
}

/// Why a 2ª via was refused, as a sentence for the buyer or staff.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReissueError {
    #[error("Só uma parcela vencida e em aberto tem 2ª via.")]
    NotOverdue,
    #[error("A 2ª via desta parcela não está disponível: fale com a construtora.")]
    Unavailable,
    #[error("Escolha um vencimento de {0} a {1}.")]
    OutOfWindow(String, String),
}

/// The new due dates a 2ª via may have, from `today`.
pub fn reissue_window(today: Date) -> (Date, Date) {
    (today, today + Duration::days(REISSUE_DAYS))
}

/// The 2ª via of an installment of `amount` due on `due`, falling due on `new_due` (typed as a
/// date input's value or dd/mm/aaaa), checked against the window.
pub fn quote(
    settings: &PaymentSettings,
    amount: Centavos,
    due: Date,
    new_due: &str,
    today: Date,
) -> Result<ReissueView, ReissueError> {
    let (earliest, latest) = reissue_window(today);
    let chosen = crate::records::rules::parse_form_date(new_due)
        .filter(|day| (earliest..=latest).contains(day))
        .ok_or_else(|| ReissueError::OutOfWindow(format_date(earliest), format_date(latest)))?;
    let charge = late_charge(
        amount,
        due,
        chosen,
        settings.late_fine_basis_points,
        settings.monthly_interest_basis_points,
    );
    Ok(ReissueView { due_on: format_date(chosen), due_iso: iso_date(chosen), charge })
}

/// The offer a buyer sees on an overdue boleto (with a day's quote when one was chosen).
pub fn offer(
    settings: &PaymentSettings,
    amount: Centavos,
    due: Date,
    status: InstallmentStatus,
    chosen: Option<&str>,
    today: Date,
) -> Option<ReissueOffer> {
    if status != InstallmentStatus::Overdue {
        return None;
    }
    let (earliest, latest) = reissue_window(today);
    let (quote, refusal) = match chosen.map(|day| quote(settings, amount, due, day, today)) {
        Some(Ok(view)) => (Some(view), None),
        Some(Err(error)) => (None, Some(error.to_string())),
        None => (None, None),
    };
    Some(ReissueOffer { earliest: iso_date(earliest), latest: iso_date(latest), quote, refusal })
}

/// The installment a 2ª via is for.
pub(crate) struct ReissueTarget {
    pub installment_id: i64,
    pub contract_id: i64,
    pub number: i64,
    pub development_id: i64,
    pub due_iso: String,
    pub amount: Centavos,
    pub overdue: bool,
}

/// Who asks for a 2ª via.
pub(crate) enum Requester {
    Buyer(i64),
    Staff(i64),
}

impl Store {
    /// The installment's 2ª via not cancelled, if any.
    pub(crate) async fn active_reissue(&self, installment_id: i64) -> Result<Option<ReissueRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT nosso_numero, due_on, original_cents, fine_cents, interest_cents, amount_cents \
             FROM boleto_reissue WHERE installment_id = $1 AND cancelled_at IS NULL",
        )
        .bind(installment_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Issues a 2ª via: cancels an expired one (before `today`), inserts the new one and its
    /// nosso número, and marks what the bank holds for a baixa. `None` when a payable one
    /// exists (another request won).
    pub(crate) async fn insert_reissue(
        &self,
        installment_id: i64,
        view: &ReissueView,
        requester: &Requester,
        today: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE boleto_reissue SET cancelled_at = $3, \
             write_off_pending = CASE WHEN bank_status IN ('enviado', 'registrado') THEN 1 ELSE 0 END \
             WHERE installment_id = $1 AND cancelled_at IS NULL AND due_on < $2",
        )
        .bind(installment_id)
        .bind(today)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (requested_by, person, staff) = match requester {
            Requester::Buyer(person) => ("comprador", Some(*person), None),
            Requester::Staff(staff) => ("equipe", None, Some(*staff)),
        };
        let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
            "INSERT INTO boleto_reissue (installment_id, due_on, original_cents, fine_cents, interest_cents, \
             amount_cents, requested_by, person_id, staff_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(installment_id)
        .bind(&view.due_iso)
        .bind(view.charge.original.0)
        .bind(view.charge.fine.0)
        .bind(view.charge.interest.0)
        .bind(view.charge.total.0)
        .bind(requested_by)
        .bind(person)
        .bind(staff)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok((id,)) => id,
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        sqlx::query("UPDATE boleto_reissue SET nosso_numero = $2 WHERE id = $1")
            .bind(id)
            .bind(format!("8{id:09}"))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE installment SET write_off_pending = 1 \
             WHERE id = $1 AND bank_status IN ('enviado', 'registrado')",
        )
        .bind(installment_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    }
}
