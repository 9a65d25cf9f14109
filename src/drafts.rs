//! Refused forms kept a few minutes, so a browser without JavaScript gets the form back with
//! what was typed and the per-field messages, without personal data in the URL. A draft is
//! readable only by its owner (the session, or the visitor's cookie, that sent the form): the id
//! in the URL alone, from a shared link or a browser's history, shows nothing.

use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::store::StoreError;
use crate::Portal;

/// How long a refused form waits to be shown again (seconds).
pub const DRAFT_LIFETIME: i64 = 20 * 60;

/// A random value for a visitor's draft cookie (or a draft's id).
pub fn new_draft_key() -> String {
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    hex::encode(random)
}

fn owner_hash(owner: &str) -> String {
    hex::encode(Sha256::digest(owner.as_bytes()))
}

impl Portal {
    /// Keeps `payload` (which must hold no secret) for the form `form`, readable by `owner`
    /// only (a secret of the request: its session token or draft cookie); returns its random id.
    pub async fn keep_draft(
        &self,
        form: &str,
        owner: &str,
        payload: &impl Serialize,
    ) -> Result<String, StoreError> {
        let now = self.now();
        let id = new_draft_key();
        let json = serde_json::to_string(payload).expect("drafts are plain data");
        sqlx::query("DELETE FROM form_draft WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.store.pool)
            .await?;
        sqlx::query(
            "INSERT INTO form_draft (id, form, payload, expires_at, owner_hash) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(form)
        .bind(json)
        .bind(now + DRAFT_LIFETIME)
        .bind(owner_hash(owner))
        .execute(&self.store.pool)
        .await?;
        Ok(id)
    }

    /// The draft `id` of `form`, while it lasts, if `owner` kept it.
    pub async fn draft<T: DeserializeOwned>(
        &self,
        form: &str,
        id: &str,
        owner: Option<&str>,
    ) -> Result<Option<T>, StoreError> {
        let Some(owner) = owner else { return Ok(None) };
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT payload FROM form_draft \
             WHERE id = $1 AND form = $2 AND expires_at > $3 AND owner_hash = $4",
        )
        .bind(id)
        .bind(form)
        .bind(self.now())
        .bind(owner_hash(owner))
        .fetch_optional(&self.store.pool)
        .await?;
        Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
    }
}

impl Portal {
    /// Like [`Portal::draft`], but the draft is gone once read: for what may be shown once.
    pub async fn take_draft<T: DeserializeOwned>(
        &self,
        form: &str,
        id: &str,
        owner: &str,
    ) -> Result<Option<T>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "DELETE FROM form_draft WHERE id = $1 AND form = $2 AND expires_at > $3 AND owner_hash = $4 \
             RETURNING payload",
        )
        .bind(id)
        .bind(form)
        .bind(self.now())
        .bind(owner_hash(owner))
        .fetch_optional(&self.store.pool)
        .await?;
        Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
    }
}
