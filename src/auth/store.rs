use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct LoginCandidate {
    pub id: i64,
    pub password_hash: Option<String>,
}

#[derive(Debug, FromRow)]
pub(crate) struct SessionPerson {
    pub session_id: i64,
    pub person_id: i64,
    pub name: String,
    pub last_seen_at: i64,
}

pub(crate) struct NewSessionRow<'a> {
    pub token_hash: &'a str,
    pub person_id: i64,
    pub now: i64,
    pub expires_at: i64,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

impl Store {
    pub(crate) async fn person_by_email(
        &self,
        email: &str,
    ) -> Result<Option<LoginCandidate>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, password_hash FROM person WHERE email = $1")
                .bind(email)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub(crate) async fn person_by_document(
        &self,
        document: &str,
    ) -> Result<Option<LoginCandidate>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, password_hash FROM person WHERE document = $1")
                .bind(document)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub(crate) async fn insert_session(&self, row: NewSessionRow<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO session (token_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent) \
             VALUES ($1, $2, $3, $3, $4, $5, $6)",
        )
        .bind(row.token_hash)
        .bind(row.person_id)
        .bind(row.now)
        .bind(row.expires_at)
        .bind(row.ip)
        .bind(row.user_agent)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn live_person_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<SessionPerson>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.id AS session_id, p.id AS person_id, p.name, s.last_seen_at \
             FROM session s JOIN person p ON p.id = s.person_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn touch_session(&self, session_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE session SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes the session with this token hash; returns its person, if there was one.
    pub(crate) async fn delete_session(&self, token_hash: &str) -> Result<Option<i64>, StoreError> {
        let deleted: Option<(Option<i64>,)> =
            sqlx::query_as("DELETE FROM session WHERE token_hash = $1 RETURNING person_id")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(deleted.and_then(|(person,)| person))
    }
}
