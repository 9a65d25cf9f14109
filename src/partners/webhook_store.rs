//! The webhook tables: endpoints, the delivery queue (leased like the outbox, one atomic
//! statement per claim) and the attempts.

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct EndpointRecord {
    pub id: i64,
    pub url: String,
    pub events: String,
    pub active: i64,
    pub created_at: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DueDelivery {
    pub id: i64,
    pub endpoint_id: i64,
    pub partner_id: i64,
    pub url: String,
    pub secret_sealed: String,
    pub message_id: String,
    pub payload: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DeliveryRecord {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub event: String,
    pub status: String,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AttemptRecord {
    pub delivery_id: i64,
    pub attempted_at: i64,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

const ENDPOINT_COLUMNS: &str = "SELECT id, url, events, active, created_at FROM webhook_endpoint";

impl Store {
    pub(crate) async fn insert_webhook_endpoint(
        &self,
        partner_id: i64,
        url: &str,
        events: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO webhook_endpoint (partner_id, url, events, secret_sealed, active, created_at, updated_at) \
             VALUES ($1, $2, $3, '', 1, $4, $4) RETURNING id",
        )
        .bind(partner_id)
        .bind(url)
        .bind(events)
        .bind(now)
        .fetch_one(&self.pool)
        .await?)
    }

    pub(crate) async fn set_webhook_secret(&self, id: i64, sealed: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE webhook_endpoint SET secret_sealed = $1 WHERE id = $2")
            .bind(sealed)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A partner's endpoints that were not deleted, oldest first.
    pub(crate) async fn webhook_endpoints(&self, partner_id: i64) -> Result<Vec<EndpointRecord>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "{ENDPOINT_COLUMNS} WHERE partner_id = $1 AND deleted_at IS NULL ORDER BY id"
        ))
        .bind(partner_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Deletes an endpoint of this partner and cancels what it still had to receive.
    pub(crate) async fn delete_webhook_endpoint(
        &self,
        partner_id: i64,
        id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let deleted = sqlx::query(
            "UPDATE webhook_endpoint SET deleted_at = $1, active = 0, updated_at = $1 \
             WHERE id = $2 AND partner_id = $3 AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(partner_id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        if deleted {
            sqlx::query(
                "UPDATE webhook_delivery SET status = 'cancelled', last_error = 'endpoint removido' \
                 WHERE endpoint_id = $1 AND status = 'pending'",
            )
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        Ok(deleted)
    }

    pub(crate) async fn set_webhook_active(
        &self,
        partner_id: i64,
        id: i64,
        active: bool,
        now: i64,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE webhook_endpoint SET active = $1, updated_at = $2 \
             WHERE id = $3 AND partner_id = $4 AND deleted_at IS NULL",
        )
        .bind(i64::from(active))
        .bind(now)
        .bind(id)
        .bind(partner_id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// The endpoints that want `event`, of partners not revoked (the scope is checked by the
    /// caller, from the partner's scopes). A switched-off endpoint is among them: its events
    /// wait in the queue until it is on again, so none is lost.
    pub(crate) async fn webhook_subscribers(&self, event: &str) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT e.id, p.scopes FROM webhook_endpoint e JOIN partner_app p ON p.id = e.partner_id \
             WHERE e.deleted_at IS NULL AND p.revoked_at IS NULL \
             AND (' ' || e.events || ' ') LIKE $1 ORDER BY e.id",
        )
        .bind(format!("% {event} %"))
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn insert_webhook_delivery(
        &self,
        endpoint_id: i64,
        message_id: &str,
        event: &str,
        payload: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO webhook_delivery (endpoint_id, message_id, event, payload, status, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $5)",
        )
        .bind(endpoint_id)
        .bind(message_id)
        .bind(event)
        .bind(payload)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Pending deliveries that are due, of endpoints still on and partners not revoked that keep
    /// the `webhooks` scope: a disabled endpoint keeps its queue and receives nothing until it
    /// is on again.
    pub(crate) async fn due_webhook_deliveries(
        &self,
        now: i64,
        batch: i64,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.id, d.endpoint_id, e.partner_id, e.url, e.secret_sealed, d.message_id, d.payload, \
             d.attempts, d.next_attempt_at FROM webhook_delivery d \
             JOIN webhook_endpoint e ON e.id = d.endpoint_id JOIN partner_app p ON p.id = e.partner_id \
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.active = 1 \
             AND e.deleted_at IS NULL AND p.revoked_at IS NULL \
             AND (' ' || p.scopes || ' ') LIKE '% webhooks %' ORDER BY d.id LIMIT $2",
        )
        .bind(now)
        .bind(batch)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Leases a delivery; false when another process (or worker) claimed it first.
    pub(crate) async fn claim_webhook_delivery(
        &self,
        id: i64,
        seen_next_attempt: i64,
        lease_until: i64,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE webhook_delivery SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3",
        )
        .bind(lease_until)
        .bind(id)
        .bind(seen_next_attempt)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    pub(crate) async fn record_webhook_attempt(
        &self,
        delivery_id: i64,
        at: i64,
        status_code: Option<i64>,
        error: Option<&str>,
        duration_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(delivery_id)
        .bind(at)
        .bind(status_code)
        .bind(error.map(|error| error.chars().take(500).collect::<String>()))
        .bind(duration_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// After an attempt: delivered, pending again at `next_attempt_at`, or failed for good.
    pub(crate) async fn finish_webhook_attempt(
        &self,
        id: i64,
        attempts: i64,
        status: &str,
        next_attempt_at: i64,
        error: Option<&str>,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE webhook_delivery SET attempts = $1, status = $2, next_attempt_at = $3, last_error = $4, \
             delivered_at = CASE WHEN $2 = 'delivered' THEN $5 ELSE delivered_at END WHERE id = $6",
        )
        .bind(attempts)
        .bind(status)
        .bind(next_attempt_at)
        .bind(error.map(|error| error.chars().take(500).collect::<String>()))
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A failed delivery of this partner back in the queue, due now, with its tries reset.
    pub(crate) async fn requeue_webhook_delivery(
        &self,
        partner_id: i64,
        id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = $1 \
             WHERE id = $2 AND status = 'failed' AND endpoint_id IN \
             (SELECT id FROM webhook_endpoint WHERE partner_id = $3 AND deleted_at IS NULL)",
        )
        .bind(now)
        .bind(id)
        .bind(partner_id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// The newest deliveries to a partner's endpoints.
    pub(crate) async fn recent_webhook_deliveries(
        &self,
        partner_id: i64,
        limit: i64,
    ) -> Result<Vec<DeliveryRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.id, d.endpoint_id, d.message_id, d.event, d.status, d.next_attempt_at, d.last_error, \
             d.created_at FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id \
             WHERE e.partner_id = $1 ORDER BY d.id DESC LIMIT $2",
        )
        .bind(partner_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The attempts of the deliveries from `oldest_delivery` on, of a partner's endpoints.
    pub(crate) async fn webhook_attempts_since(
        &self,
        partner_id: i64,
        oldest_delivery: i64,
    ) -> Result<Vec<AttemptRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.delivery_id, a.attempted_at, a.status_code, a.error, a.duration_ms FROM webhook_attempt a \
             JOIN webhook_delivery d ON d.id = a.delivery_id JOIN webhook_endpoint e ON e.id = d.endpoint_id \
             WHERE e.partner_id = $1 AND a.delivery_id >= $2 ORDER BY a.id",
        )
        .bind(partner_id)
        .bind(oldest_delivery)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Pending and failed deliveries per endpoint of a partner.
    pub(crate) async fn webhook_queue_counts(
        &self,
        partner_id: i64,
    ) -> Result<Vec<(i64, String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.endpoint_id, d.status, COUNT(*) FROM webhook_delivery d \
             JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE e.partner_id = $1 \
             AND d.status IN ('pending', 'failed') GROUP BY d.endpoint_id, d.status",
        )
        .bind(partner_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
