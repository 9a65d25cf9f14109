//! `/equipe`: what waits for the team, counted in SQL within the staff user's scope.

use serde::{Deserialize, Serialize};

/// The dashboard's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFigures {
    /// Conversations whose last message is the buyer's.
    pub messages_waiting: i64,
    /// How long the oldest of them has waited (`há 3 dias`).
    pub oldest_waiting_for: Option<String>,
    pub overdue_count: i64,
    pub overdue_cents: i64,
    /// Open installments due today or in the next 7 days.
    pub due_soon_count: i64,
    pub due_soon_cents: i64,
    /// Buyers with a contract who never created a password (first access not done).
    pub buyers_without_access: i64,
    /// People who registered on their own and wait for staff to confirm them.
    pub awaiting_confirmation: i64,
    /// Whether the role may read the conversations and the money (the page links only then).
    pub can_view_messages: bool,
    pub can_view_finance: bool,
}

#[cfg(feature = "server")]
mod server {
    use super::DashboardFigures;
    use crate::staff::store::{person_in_scope, scope_condition};
    use crate::staff::{CurrentStaff, Permission, StaffError, StaffScope};
    use crate::time_br::{iso_date, today_in_sao_paulo};
    use crate::Portal;

    impl Portal {
        /// The dashboard of `staff`, every figure limited to their empreendimentos.
        pub async fn staff_dashboard(&self, staff: &CurrentStaff) -> Result<DashboardFigures, StaffError> {
            staff.require(Permission::ViewDashboard)?;
            let today = today_in_sao_paulo(self.clock.now());
            let week = iso_date(today + time::Duration::days(7));
            let today = iso_date(today);
            let pool = &self.store.pool;
            let thread_scope = crate::messages::staff_thread_scope(&staff.scope);
            let (messages_waiting, oldest_waiting_since): (i64, Option<i64>) = sqlx::query_as(&format!(
                "SELECT COUNT(*), MIN(t.updated_at) FROM message_thread t WHERE t.status = 'aberto' AND {thread_scope}"
            ))
            .fetch_one(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
            let installment_scope = scope_condition(&staff.scope, "u.development_id");
            let open_installments = format!(
                "FROM installment i JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
                 WHERE i.paid_on IS NULL AND c.status <> 'distratado' AND {installment_scope}"
            );
            let (overdue_count, overdue_cents): (i64, i64) = sqlx::query_as(&format!(
                "SELECT COUNT(*), CAST(COALESCE(SUM(i.amount_cents), 0) AS BIGINT) {open_installments} AND i.due_on < $1"
            ))
            .bind(&today)
            .fetch_one(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
            let (due_soon_count, due_soon_cents): (i64, i64) = sqlx::query_as(&format!(
                "SELECT COUNT(*), CAST(COALESCE(SUM(i.amount_cents), 0) AS BIGINT) {open_installments} \
                 AND i.due_on >= $1 AND i.due_on <= $2"
            ))
            .bind(&today)
            .bind(&week)
            .fetch_one(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
            let buyer_scope = person_in_scope(&staff.scope, "p.id");
            let (buyers_without_access,): (i64,) = sqlx::query_as(&format!(
                "SELECT COUNT(*) FROM person p WHERE p.password_hash IS NULL \
                 AND EXISTS (SELECT 1 FROM contract_party cp WHERE cp.person_id = p.id) AND {buyer_scope}"
            ))
            .fetch_one(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
            // Self-registered people have no contract yet, so no empreendimento: only staff who
            // work on every empreendimento see them.
            let awaiting_confirmation = if staff.scope == StaffScope::Everything {
                let (count,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM person WHERE origin = 'self' AND confirmed_at IS NULL",
                )
                .fetch_one(pool)
                .await
                .map_err(crate::store::StoreError::from)?;
                count
            } else {
                0
            };
            Ok(DashboardFigures {
                messages_waiting,
                oldest_waiting_for: oldest_waiting_since
                    .map(|since| crate::messages::waited_for(self.now() - since)),
                overdue_count,
                overdue_cents,
                due_soon_count,
                due_soon_cents,
                buyers_without_access,
                awaiting_confirmation,
                can_view_messages: staff.may(Permission::ViewMessages),
                can_view_finance: staff.may(Permission::ViewFinance),
            })
        }
    }
}
