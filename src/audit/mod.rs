//! The append-only audit trail: who did what, when, from where. Never a secret.

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Person(i64),
    Staff(i64),
    Anonymous,
    System,
}

impl Actor {
    fn kind_and_id(self) -> (&'static str, Option<i64>) {
        match self {
            Self::Person(id) => ("person", Some(id)),
            Self::Staff(id) => ("staff", Some(id)),
            Self::Anonymous => ("anonymous", None),
            Self::System => ("system", None),
        }
    }
}

/// One audited action, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEvent {
    pub occurred_at: i64,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub ip: Option<String>,
    pub detail: String,
}

impl Store {
    pub async fn record_audit(
        &self,
        occurred_at: i64,
        actor: Actor,
        action: &str,
        ip: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        let (kind, id) = actor.kind_and_id();
        sqlx::query(
            "INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, ip, detail) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(occurred_at)
        .bind(kind)
        .bind(id)
        .bind(action)
        .bind(ip)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest events first (for the admin area and for tests).
    pub async fn recent_audit_events(&self, limit: i64) -> Result<Vec<AuditEvent>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT occurred_at, actor_kind, actor_id, action, ip, detail FROM audit_event \
             ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
