//! The tables of seed 002: funcionalidades customizadas and their pass keys.

use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct FeatureRecord {
    pub id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub name: String,
    pub target_url: String,
    pub feature_key: String,
    pub instance: i64,
    pub fields: String,
}

const FEATURE_COLUMNS: &str = "SELECT f.id, f.partner_id, a.name AS partner_name, f.name, f.target_url, \
     f.feature_key, f.instance, f.fields FROM partner_feature f JOIN partner_app a ON a.id = f.partner_id";

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn insert_feature(
        &self,
        partner_id: i64,
        name: &str,
        target_url: &str,
        feature_key: &str,
        instance: i64,
        fields: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO partner_feature (partner_id, name, target_url, feature_key, instance, fields, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(partner_id)
            .bind(name)
            .bind(target_url)
            .bind(feature_key)
            .bind(instance)
            .bind(fields)
            .bind(now),
        )
        .await
    }

    /// Removes a live funcionalidade of the partner; its name, or none when there was none.
    pub(crate) async fn remove_feature(
        &self,
        partner_id: i64,
        feature_id: i64,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE partner_feature SET removed_at = $3 WHERE id = $1 AND partner_id = $2 AND removed_at IS NULL \
             RETURNING name",
        )
        .bind(feature_id)
        .bind(partner_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(name,)| name))
    }

    pub(crate) async fn features_of(&self, partner_id: i64) -> Result<Vec<FeatureRecord>, StoreError> {
        let sql = format!("{FEATURE_COLUMNS} WHERE f.partner_id = $1 AND f.removed_at IS NULL ORDER BY f.instance DESC, f.name, f.id");
        Ok(sqlx::query_as(&sql).bind(partner_id).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn live_feature(&self, feature_id: i64) -> Result<Option<FeatureRecord>, StoreError> {
        let sql =
            format!("{FEATURE_COLUMNS} WHERE f.id = $1 AND f.removed_at IS NULL AND a.revoked_at IS NULL");
        Ok(sqlx::query_as(&sql).bind(feature_id).fetch_optional(&self.pool).await?)
    }

    /// What buyers see: production funcionalidades of live partners that hold the scope.
    pub(crate) async fn live_production_features(&self) -> Result<Vec<FeatureRecord>, StoreError> {
        let sql = format!(
            "{FEATURE_COLUMNS} WHERE f.instance = 2 AND f.removed_at IS NULL AND a.revoked_at IS NULL \
             AND (' ' || a.scopes || ' ') LIKE '% pass_key %' ORDER BY f.name, f.id"
        );
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn feature_by_key(
        &self,
        partner_id: i64,
        feature_key: &str,
    ) -> Result<Option<FeatureRecord>, StoreError> {
        let sql = format!(
            "{FEATURE_COLUMNS} WHERE f.partner_id = $1 AND f.feature_key = $2 AND f.removed_at IS NULL"
        );
        Ok(sqlx::query_as(&sql).bind(partner_id).bind(feature_key).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn insert_pass_key(
        &self,
        key_hash: &str,
        feature_id: i64,
        person_id: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.insert_one_time(super::store::OneTime::PassKey, key_hash, feature_id, person_id, now, expires_at)
            .await
    }

    /// Uses a pass key once, for its own funcionalidade in its own instance: `Some(person)`
    /// (none for a sandbox key) when it was live. A production key's person must not be
    /// blocked; a sandbox key never has one. One statement: twenty exchanges give one answer.
    pub(crate) async fn use_pass_key(
        &self,
        key_hash: &str,
        feature_id: i64,
        instance: i64,
        now: i64,
    ) -> Result<Option<Option<i64>>, StoreError> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "UPDATE partner_pass_key SET used_at = $3 \
             WHERE key_hash = $1 AND feature_id = $2 AND used_at IS NULL AND expires_at > $3 \
             AND EXISTS (SELECT 1 FROM partner_feature f WHERE f.id = partner_pass_key.feature_id \
                         AND f.instance = $4 AND f.removed_at IS NULL) \
             AND ((partner_pass_key.person_id IS NULL AND $4 = 1) \
                  OR (partner_pass_key.person_id IS NOT NULL AND $4 = 2 AND EXISTS (SELECT 1 FROM person p \
                      WHERE p.id = partner_pass_key.person_id AND p.blocked_at IS NULL))) \
             RETURNING person_id",
        )
        .bind(key_hash)
        .bind(feature_id)
        .bind(now)
        .bind(instance)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(person,)| person))
    }
}
