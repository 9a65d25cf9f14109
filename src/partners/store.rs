//! The partner tables: apps and their keys, remote-login profiles and login tokens.

use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct PartnerRecord {
    pub id: i64,
    pub name: String,
    pub contact_email: String,
    pub scopes: String,
    pub origins: String,
    pub requests_per_minute: i64,
    pub key_prefix: String,
    pub key_hash: String,
    pub previous_key_prefix: Option<String>,
    pub previous_key_expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

const PARTNER_COLUMNS: &str = "SELECT id, name, contact_email, scopes, origins, requests_per_minute, key_prefix, \
     key_hash, previous_key_prefix, previous_key_expires_at, last_used_at, created_at, revoked_at FROM partner_app";

/// The one-time credentials partners hand over: seed 003's login tokens and seed 002's pass
/// keys, each in its own table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OneTime {
    LoginToken,
    PassKey,
}

impl OneTime {
    /// Table, hash column and owner column: fixed names, never input.
    fn columns(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::LoginToken => ("partner_login_token", "token_hash", "partner_id"),
            Self::PassKey => ("partner_pass_key", "key_hash", "feature_id"),
        }
    }
}

/// What is saved of a partner from its form.
pub(crate) struct PartnerValues<'a> {
    pub name: &'a str,
    pub contact_email: &'a str,
    pub scopes: &'a str,
    pub origins: &'a str,
    pub requests_per_minute: i64,
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct PartnerPersonRecord {
    pub person_id: i64,
    pub name: String,
    pub document: String,
    pub status: String,
    pub via: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct PersonPartnerRecord {
    pub partner_id: i64,
    pub name: String,
    pub status: String,
    pub created_at: i64,
}

/// A person as a partner names them, by CPF/CNPJ.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct NamedPerson {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub blocked: i64,
}

impl Store {
    pub(crate) async fn insert_partner(
        &self,
        values: &PartnerValues<'_>,
        key_prefix: &str,
        key_hash: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO partner_app (name, contact_email, scopes, origins, requests_per_minute, \
                 key_prefix, key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(values.name)
            .bind(values.contact_email)
            .bind(values.scopes)
            .bind(values.origins)
            .bind(values.requests_per_minute)
            .bind(key_prefix)
            .bind(key_hash)
            .bind(now),
        )
        .await
    }

    pub(crate) async fn update_partner(
        &self,
        id: i64,
        values: &PartnerValues<'_>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE partner_app SET name = $2, contact_email = $3, scopes = $4, origins = $5, \
             requests_per_minute = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(values.name)
        .bind(values.contact_email)
        .bind(values.scopes)
        .bind(values.origins)
        .bind(values.requests_per_minute)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn partner_records(&self) -> Result<Vec<PartnerRecord>, StoreError> {
        let sql = format!("{PARTNER_COLUMNS} ORDER BY revoked_at IS NOT NULL, name, id");
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn partner_record(&self, id: i64) -> Result<Option<PartnerRecord>, StoreError> {
        let sql = format!("{PARTNER_COLUMNS} WHERE id = $1");
        Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    /// The live partner holding this key: its current key, or its previous one during the grace.
    pub(crate) async fn partner_by_key(
        &self,
        key_hash: &str,
        now: i64,
    ) -> Result<Option<PartnerRecord>, StoreError> {
        let sql = format!(
            "{PARTNER_COLUMNS} WHERE revoked_at IS NULL AND (key_hash = $1 \
             OR (previous_key_hash = $1 AND previous_key_expires_at > $2))"
        );
        Ok(sqlx::query_as(&sql).bind(key_hash).bind(now).fetch_optional(&self.pool).await?)
    }

    /// A new key; the current one stays valid until `grace_until` (none: ends now). Reactivates
    /// a revoked partner, whose old keys stay dead.
    pub(crate) async fn rotate_partner_key(
        &self,
        id: i64,
        key_prefix: &str,
        key_hash: &str,
        grace_until: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE partner_app SET \
             previous_key_prefix = CASE WHEN $4 IS NULL OR revoked_at IS NOT NULL THEN NULL ELSE key_prefix END, \
             previous_key_hash = CASE WHEN $4 IS NULL OR revoked_at IS NOT NULL THEN NULL ELSE key_hash END, \
             previous_key_expires_at = CASE WHEN revoked_at IS NOT NULL THEN NULL ELSE $4 END, \
             key_prefix = $2, key_hash = $3, revoked_at = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(key_prefix)
        .bind(key_hash)
        .bind(grace_until)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Revokes every key at once; false when already revoked.
    pub(crate) async fn revoke_partner(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE partner_app SET revoked_at = $2, previous_key_hash = NULL, previous_key_prefix = NULL, \
             previous_key_expires_at = NULL WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks the key used; written at most once a minute, so calls stay read-only.
    pub(crate) async fn touch_partner(&self, id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE partner_app SET last_used_at = $2 WHERE id = $1 \
             AND (last_used_at IS NULL OR last_used_at <= $3)",
        )
        .bind(id)
        .bind(now)
        .bind(now - 60)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn person_by_tax_id(&self, document: &str) -> Result<Option<NamedPerson>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, name, email, CASE WHEN blocked_at IS NULL THEN 0 ELSE 1 END AS blocked \
             FROM person WHERE document = $1",
        )
        .bind(document)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn email_taken(&self, email: &str) -> Result<bool, StoreError> {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM person WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// The profile's status (`pendente`/`ativo`), if the partner has one for the person.
    pub(crate) async fn partner_person_status(
        &self,
        partner_id: i64,
        person_id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT status FROM partner_person WHERE partner_id = $1 AND person_id = $2")
                .bind(partner_id)
                .bind(person_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(status,)| status))
    }

    /// Adds a profile; false when one already exists (two requests at once: one wins).
    pub(crate) async fn insert_partner_person(
        &self,
        partner_id: i64,
        person_id: i64,
        status: &str,
        via: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO partner_person (partner_id, person_id, status, via, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (partner_id, person_id) DO NOTHING",
        )
        .bind(partner_id)
        .bind(person_id)
        .bind(status)
        .bind(via)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A pending profile accepted by its person (or linked by staff): active from now.
    pub(crate) async fn activate_partner_person(
        &self,
        partner_id: i64,
        person_id: i64,
        via: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE partner_person SET status = 'ativo', via = $3, created_at = $4 \
             WHERE partner_id = $1 AND person_id = $2 AND status = 'pendente'",
        )
        .bind(partner_id)
        .bind(person_id)
        .bind(via)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes the profile and the login tokens it allowed; false when there was none.
    pub(crate) async fn delete_partner_person(
        &self,
        partner_id: i64,
        person_id: i64,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("DELETE FROM partner_login_token WHERE partner_id = $1 AND person_id = $2")
            .bind(partner_id)
            .bind(person_id)
            .execute(&mut *transaction)
            .await?;
        let done = sqlx::query("DELETE FROM partner_person WHERE partner_id = $1 AND person_id = $2")
            .bind(partner_id)
            .bind(person_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn partner_people(
        &self,
        partner_id: i64,
    ) -> Result<Vec<PartnerPersonRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id AS person_id, p.name, p.document, l.status, l.via, l.created_at \
             FROM partner_person l JOIN person p ON p.id = l.person_id WHERE l.partner_id = $1 \
             ORDER BY l.status DESC, p.name, p.id LIMIT 200",
        )
        .bind(partner_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The partners of one person (revoked partners' profiles are dead: not listed).
    pub(crate) async fn partners_of_person(
        &self,
        person_id: i64,
    ) -> Result<Vec<PersonPartnerRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.id AS partner_id, a.name, l.status, l.created_at \
             FROM partner_person l JOIN partner_app a ON a.id = l.partner_id \
             WHERE l.person_id = $1 AND a.revoked_at IS NULL ORDER BY a.name, a.id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn insert_login_token(
        &self,
        token_hash: &str,
        partner_id: i64,
        person_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.insert_one_time(OneTime::LoginToken, token_hash, partner_id, Some(person_id), now, expires_at)
            .await
    }

    /// Stores a one-time credential's hash, after clearing the expired ones of its table (they
    /// are useless, and a table of unused hashes only grows otherwise).
    pub(crate) async fn insert_one_time(
        &self,
        kind: OneTime,
        hash: &str,
        owner_id: i64,
        person_id: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let (table, hash_column, owner_column) = kind.columns();
        sqlx::query(&format!("DELETE FROM {table} WHERE expires_at <= $1"))
            .bind(now)
            .execute(&self.pool)
            .await?;
        sqlx::query(&format!(
            "INSERT INTO {table} ({hash_column}, {owner_column}, person_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)"
        ))
        .bind(hash)
        .bind(owner_id)
        .bind(person_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Uses a login token once: (partner, person) when it was live, unused, its partner not
    /// revoked, its profile still active and its person not blocked. One statement, so twenty
    /// exchanges at once give one session.
    pub(crate) async fn use_login_token(
        &self,
        token_hash: &str,
        partner_id: Option<i64>,
        now: i64,
    ) -> Result<Option<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "UPDATE partner_login_token SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
             AND ($3 IS NULL OR partner_id = $3) \
             AND EXISTS (SELECT 1 FROM partner_app a WHERE a.id = partner_login_token.partner_id \
                         AND a.revoked_at IS NULL) \
             AND EXISTS (SELECT 1 FROM partner_person l WHERE l.partner_id = partner_login_token.partner_id \
                         AND l.person_id = partner_login_token.person_id AND l.status = 'ativo') \
             AND EXISTS (SELECT 1 FROM person p WHERE p.id = partner_login_token.person_id \
                         AND p.blocked_at IS NULL) \
             RETURNING partner_id, person_id",
        )
        .bind(token_hash)
        .bind(now)
        .bind(partner_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl Store {
    /// A person create-remote-user brought: no password, unconfirmed until staff confirm.
    pub(crate) async fn insert_partner_created_person(
        &self,
        kind: &str,
        name: &str,
        document: &str,
        email: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO person (kind, name, document, email, origin, created_at, email_confirmed) \
                 VALUES ($1, $2, $3, $4, 'partner', $5, 0) RETURNING id",
            )
            .bind(kind)
            .bind(name)
            .bind(document)
            .bind(email)
            .bind(now),
        )
        .await
    }
}
