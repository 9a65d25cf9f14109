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
