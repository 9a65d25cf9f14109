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
    use crate::staff::{CurrentStaff, Permission, StaffError, StaffScope};
    use crate::time_br::{iso_date, today_in_sao_paulo};
    use crate::Portal;

    impl Portal {
        /// The dashboard of `staff`, every figure limited to their empreendimentos.
        pub async fn staff_dashboard(&self, staff: &CurrentStaff) -> Result<DashboardFigures, StaffError> {
            staff.require(Permission::ViewDashboard)?;
            let today = today_in_sao_paulo(self.clock.now());
            let week = iso_date(today + time::Duration::days(7));
            let counts = self.store.dashboard_counts(&staff.scope, &iso_date(today), &week).await?;
            Ok(DashboardFigures {
                messages_waiting: counts.messages_waiting,
                oldest_waiting_for: counts
                    .oldest_waiting_since
                    .map(|since| crate::messages::waited_for(self.now() - since)),
                overdue_count: counts.overdue.0,
                overdue_cents: counts.overdue.1,
                due_soon_count: counts.due_soon.0,
                due_soon_cents: counts.due_soon.1,
                buyers_without_access: counts.buyers_without_access,
                // Self-registered people have no contract yet, so no empreendimento: only staff
                // who work on every empreendimento see them.
                awaiting_confirmation: if staff.scope == StaffScope::Everything {
                    counts.awaiting_confirmation
                } else {
                    0
                },
                can_view_messages: staff.may(Permission::ViewMessages),
                can_view_finance: staff.may(Permission::ViewFinance),
            })
        }
    }
}
