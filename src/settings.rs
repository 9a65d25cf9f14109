//! Switches staff change while the portal runs, stored so every process sees the same value.

use crate::audit::Actor;
use crate::store::{Store, StoreError};
use crate::Portal;

const REGISTRATION_OPEN: &str = "registration_open";

impl Store {
    pub(crate) async fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM portal_setting WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(value,)| value))
    }

    pub(crate) async fn put_setting(&self, name: &str, value: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO portal_setting (name, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(name)
        .bind(value)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

impl Portal {
    /// Open registration (`/cadastro`) is on unless staff turned it off.
    pub async fn registration_open(&self) -> Result<bool, StoreError> {
        Ok(self.store.setting(REGISTRATION_OPEN).await?.as_deref() != Some("false"))
    }

    /// Turns open registration on or off; audited.
    pub async fn set_registration_open(&self, open: bool, actor: Actor) -> Result<(), StoreError> {
        self.switch_registration(open, actor, None).await
    }

    /// Turns open registration on or off: one audit event about the setting, with who, the IP
    /// and the value before and after.
    pub(crate) async fn switch_registration(
        &self,
        open: bool,
        actor: Actor,
        ip: Option<&str>,
    ) -> Result<(), StoreError> {
        let before = self.registration_open().await?;
        let now = self.now();
        self.store.put_setting(REGISTRATION_OPEN, if open { "true" } else { "false" }, now).await?;
        let action = if open { "registration_opened" } else { "registration_closed" };
        let state = |open: bool| if open { "aberto" } else { "fechado" };
        let detail = format!("cadastro pelo site: {} → {}", state(before), state(open));
        self.store.record_audit_about(now, actor, action, ip, "setting:registration_open", &detail).await
    }
}
