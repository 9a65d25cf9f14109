use crate::store::{Store, StoreError};

impl Store {
    pub(crate) async fn staff_email_exists(&self, email: &str) -> Result<bool, StoreError> {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM staff_user WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    pub(crate) async fn insert_staff(
        &self,
        name: &str,
        email: &str,
        role: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO staff_user (name, email, role, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(name)
            .bind(email)
            .bind(role)
            .bind(password_hash)
            .bind(now),
        )
        .await
    }
}
