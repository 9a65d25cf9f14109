//! Configurações (admin): open registration on or off, and the e-mails and SMS that did not go.

use super::model::{CurrentStaff, Permission};
use super::settings_model::{hide_codes, PortalSettingsView, StuckMessage};
use super::StaffError;
use crate::store::{Store, StoreError};
use crate::time_br::format_timestamp;
use crate::Portal;

#[derive(Debug, sqlx::FromRow)]
struct StuckRow {
    id: i64,
    channel: String,
    destination: String,
    subject: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
}

impl Store {
    async fn stuck_messages(&self, limit: i64) -> Result<Vec<StuckRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, channel, destination, subject, status, attempts, last_error, created_at FROM outbox_message \
             WHERE status IN ('failed', 'held') ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A failed message goes back to the queue now; false when it was not failed.
    async fn retry_message(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_message SET status = 'pending', attempts = 0, next_attempt_at = $2 \
             WHERE id = $1 AND status = 'failed'",
        )
        .bind(id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Portal {
    /// The settings page: registration, and the newest 50 messages failed or held.
    pub async fn portal_settings(&self, admin: &CurrentStaff) -> Result<PortalSettingsView, StaffError> {
        admin.require(Permission::ManageSettings)?;
        let stuck = self
            .store
            .stuck_messages(50)
            .await?
            .into_iter()
            .map(|row| StuckMessage {
                id: row.id,
                channel: if row.channel == "sms" { "SMS" } else { "E-mail" }.to_string(),
                destination: row.destination,
                subject: hide_codes(&row.subject),
                status: if row.status == "failed" { "falhou" } else { "retida" }.to_string(),
                attempts: row.attempts,
                last_error: row.last_error.map(|error| hide_codes(&error)),
                created_at: format_timestamp(row.created_at),
            })
            .collect();
        Ok(PortalSettingsView { registration_open: self.registration_open().await?, stuck })
    }

    /// Turns open registration on or off.
    pub async fn staff_set_registration_open(
        &self,
        admin: &CurrentStaff,
        open: bool,
    ) -> Result<(), StaffError> {
        admin.require(Permission::ManageSettings)?;
        Ok(self.switch_registration(open, admin.actor(), admin.ip.as_deref()).await?)
    }

    /// Sends a failed message again now (a held one waits for its channel's transport).
    pub async fn retry_outbox_message(&self, admin: &CurrentStaff, id: i64) -> Result<(), StaffError> {
        admin.require(Permission::ManageSettings)?;
        if !self.store.retry_message(id, self.now()).await? {
            return Err(StaffError::NotFound);
        }
        self.store
            .record_audit_about(
                self.now(),
                admin.actor(),
                "outbox_retried",
                admin.ip.as_deref(),
                &format!("outbox:{id}"),
                "",
            )
            .await?;
        Ok(())
    }
}
