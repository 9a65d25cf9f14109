use super::model::OutboxEntry;
use super::OutgoingMessage;
use crate::store::{Store, StoreError};

impl Store {
    pub(crate) async fn insert_outbox(
        &self,
        message: &OutgoingMessage,
        status: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO outbox_message (channel, destination, subject, body_text, body_html, status, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(message.channel.code())
        .bind(&message.destination)
        .bind(&message.subject)
        .bind(&message.text)
        .bind(message.html.as_deref())
        .bind(status)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest messages first.
    pub async fn recent_outbox(&self, limit: i64) -> Result<Vec<OutboxEntry>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, channel, destination, subject, body_text, status, created_at \
             FROM outbox_message ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DueMessage {
    pub id: i64,
    pub channel: String,
    pub destination: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

impl Store {
    pub(crate) async fn due_messages(&self, now: i64, batch: i64) -> Result<Vec<DueMessage>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, channel, destination, subject, body_text, body_html, attempts, next_attempt_at \
             FROM outbox_message WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(now)
        .bind(batch)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Leases a message for sending; false when another process claimed it first.
    pub(crate) async fn claim_message(
        &self,
        id: i64,
        seen_next_attempt: i64,
        lease_until: i64,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE outbox_message SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3",
        )
        .bind(lease_until)
        .bind(id)
        .bind(seen_next_attempt)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    pub(crate) async fn mark_sent(&self, id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox_message SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn mark_failed_attempt(
        &self,
        id: i64,
        attempts: i64,
        next_attempt_at: i64,
        error: &str,
        give_up: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox_message SET attempts = $1, next_attempt_at = $2, last_error = $3, status = $4 WHERE id = $5",
        )
        .bind(attempts)
        .bind(next_attempt_at)
        .bind(error.chars().take(500).collect::<String>())
        .bind(if give_up { "failed" } else { "pending" })
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
