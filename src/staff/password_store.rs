use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct StaffChallengeRow {
    pub id: i64,
    pub staff_user_id: Option<i64>,
    pub secret_hash: String,
}

#[derive(Debug, FromRow)]
pub(crate) struct StaffAccount {
    pub name: String,
    pub email: String,
    /// 1 when active, past no last day, and (for a reset) with a password already.
    pub usable: i64,
}

/// A new invited staff user and their invitation, written together.
pub(crate) struct NewInvitedStaff<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub developments: &'a [i64],
    pub expires_on: Option<&'a str>,
    pub invitation_id: &'a str,
    pub now: i64,
    pub invitation_expires_at: i64,
}

impl Store {
    /// The user, their scope and their invitation in one transaction: never a user without
    /// the link that lets them in.
    pub(crate) async fn insert_invited_staff(&self, new: &NewInvitedStaff<'_>) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staff_user (name, email, role, password_hash, created_at, expires_on) \
             VALUES ($1, $2, $3, '', $4, $5) RETURNING id",
        )
        .bind(new.name)
        .bind(new.email)
        .bind(new.role)
        .bind(new.now)
        .bind(new.expires_on)
        .fetch_one(&mut *tx)
        .await?;
        for development in new.developments {
            sqlx::query("INSERT INTO staff_scope (staff_user_id, development_id) VALUES ($1, $2)")
                .bind(id)
                .bind(development)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO staff_password_challenge (public_id, staff_user_id, purpose, secret_hash, created_at, \
             expires_at) VALUES ($1, $2, 'invite', '', $3, $4)",
        )
        .bind(new.invitation_id)
        .bind(id)
        .bind(new.now)
        .bind(new.invitation_expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A new challenge; the previous open ones of the user for the purpose end (a new code or
    /// link replaces the old).
    pub(crate) async fn replace_staff_challenge(
        &self,
        public_id: &str,
        staff_id: Option<i64>,
        purpose: &str,
        secret_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        if let Some(staff_id) = staff_id {
            sqlx::query(
                "UPDATE staff_password_challenge SET used_at = $3 \
                 WHERE staff_user_id = $1 AND purpose = $2 AND used_at IS NULL",
            )
            .bind(staff_id)
            .bind(purpose)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO staff_password_challenge (public_id, staff_user_id, purpose, secret_hash, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(public_id)
        .bind(staff_id)
        .bind(purpose)
        .bind(secret_hash)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn live_staff_challenge(
        &self,
        public_id: &str,
        purpose: &str,
        now: i64,
    ) -> Result<Option<StaffChallengeRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, staff_user_id, secret_hash FROM staff_password_challenge \
             WHERE public_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(public_id)
        .bind(purpose)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Takes one guess of the code before it is compared (one statement: a burst gets at most
    /// `max` guesses). False when none is left.
    pub(crate) async fn reserve_staff_code_attempt(&self, id: i64, max: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE staff_password_challenge SET failed_attempts = failed_attempts + 1 \
             WHERE id = $1 AND used_at IS NULL AND failed_attempts < $2",
        )
        .bind(id)
        .bind(max)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn return_staff_code_attempt(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE staff_password_challenge SET failed_attempts = failed_attempts - 1 WHERE id = $1",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Uses the challenge up; false when it was used a moment ago (a race lost).
    pub(crate) async fn use_staff_challenge(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE staff_password_challenge SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn staff_account(
        &self,
        staff_id: i64,
        today: &str,
    ) -> Result<Option<StaffAccount>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT name, email, CASE WHEN active = 1 AND (expires_on IS NULL OR expires_on >= $2) \
             THEN 1 ELSE 0 END AS usable FROM staff_user WHERE id = $1",
        )
        .bind(staff_id)
        .bind(today)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The active staff user with this e-mail and a password (a reset is for them only).
    pub(crate) async fn staff_for_reset(
        &self,
        email: &str,
        today: &str,
    ) -> Result<Option<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, name FROM staff_user WHERE email = $1 AND active = 1 AND password_hash <> '' \
             AND (expires_on IS NULL OR expires_on >= $2)",
        )
        .bind(email)
        .bind(today)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The new password, and every session of the user ends.
    pub(crate) async fn set_staff_password(&self, staff_id: i64, hash: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE staff_user SET password_hash = $2 WHERE id = $1")
            .bind(staff_id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM session WHERE staff_user_id = $1").bind(staff_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
