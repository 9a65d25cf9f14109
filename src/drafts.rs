//! Refused forms kept a few minutes, so a browser without JavaScript gets the form back with
//! what was typed and the per-field messages, without personal data in the URL.

use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::store::StoreError;
use crate::Portal;

/// How long a refused form waits to be shown again (seconds).
pub const DRAFT_LIFETIME: i64 = 20 * 60;

impl Portal {
    /// Keeps `payload` (which must hold no secret) for the form `form`; returns its random id.
    pub async fn keep_draft(&self, form: &str, payload: &impl Serialize) -> Result<String, StoreError> {
        let now = self.now();
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut random);
        let id = hex::encode(random);
        let json = serde_json::to_string(payload).expect("drafts are plain data");
        sqlx::query("DELETE FROM form_draft WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.store.pool)
            .await?;
        sqlx::query("INSERT INTO form_draft (id, form, payload, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&id)
            .bind(form)
            .bind(json)
            .bind(now + DRAFT_LIFETIME)
            .execute(&self.store.pool)
            .await?;
        Ok(id)
    }

    /// The draft `id` of `form`, while it lasts.
    pub async fn draft<T: DeserializeOwned>(&self, form: &str, id: &str) -> Result<Option<T>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT payload FROM form_draft WHERE id = $1 AND form = $2 AND expires_at > $3")
                .bind(id)
                .bind(form)
                .bind(self.now())
                .fetch_optional(&self.store.pool)
                .await?;
        Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
    }
}
