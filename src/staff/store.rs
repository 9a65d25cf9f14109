use sqlx::FromRow;

use crate::auth::RequestOrigin;
use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct StaffLoginCandidate {
    pub id: i64,
    pub password_hash: String,
    /// 1 when active and not past the last day of access.
    pub usable: i64,
}

/// A staff user's access as stored.
pub(crate) struct StaffAccessRow {
    pub role: String,
    pub developments: Vec<i64>,
    pub expires_on: Option<String>,
}

#[derive(Debug, FromRow)]
pub(crate) struct StaffSessionRow {
    pub session_id: i64,
    pub staff_id: i64,
    pub name: String,
    pub role: String,
    pub last_seen_at: i64,
}

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

    /// The staff user with this e-mail, whether or not they may sign in today (the password is
    /// verified either way, so a deactivated account answers in the same time).
    pub(crate) async fn staff_login_candidate(
        &self,
        email: &str,
        today: &str,
    ) -> Result<Option<StaffLoginCandidate>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, password_hash, \
             CASE WHEN active = 1 AND password_hash <> '' AND (expires_on IS NULL OR expires_on >= $2) \
             THEN 1 ELSE 0 END AS usable \
             FROM staff_user WHERE email = $1",
        )
        .bind(email)
        .bind(today)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn staff_access(&self, staff_id: i64) -> Result<Option<StaffAccessRow>, StoreError> {
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT role, expires_on FROM staff_user WHERE id = $1")
                .bind(staff_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some((role, expires_on)) = row else { return Ok(None) };
        Ok(Some(StaffAccessRow { role, developments: self.staff_scope(staff_id).await?, expires_on }))
    }

    /// True when every id is an empreendimento.
    pub(crate) async fn developments_exist(&self, ids: &[i64]) -> Result<bool, StoreError> {
        if ids.is_empty() {
            return Ok(true);
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let (count,): (i64,) =
            sqlx::query_as(&format!("SELECT COUNT(*) FROM development WHERE id IN ({})", list.join(", ")))
                .fetch_one(&self.pool)
                .await?;
        Ok(count == ids.len() as i64)
    }

    /// Role, scope and last day in one transaction.
    pub(crate) async fn update_staff_access(
        &self,
        staff_id: i64,
        role: &str,
        developments: &[i64],
        expires_on: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE staff_user SET role = $2, expires_on = $3 WHERE id = $1")
            .bind(staff_id)
            .bind(role)
            .bind(expires_on)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM staff_scope WHERE staff_user_id = $1")
            .bind(staff_id)
            .execute(&mut *tx)
            .await?;
        for development in developments {
            sqlx::query("INSERT INTO staff_scope (staff_user_id, development_id) VALUES ($1, $2)")
                .bind(staff_id)
                .bind(development)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets `active`; deactivating ends every session of the user in the same transaction.
    /// What it was before, or `None` for no such user.
    pub(crate) async fn set_staff_active(
        &self,
        staff_id: i64,
        active: bool,
    ) -> Result<Option<bool>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before: Option<(i64,)> = sqlx::query_as("SELECT active FROM staff_user WHERE id = $1")
            .bind(staff_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((before,)) = before else { return Ok(None) };
        sqlx::query("UPDATE staff_user SET active = $2 WHERE id = $1")
            .bind(staff_id)
            .bind(i64::from(active))
            .execute(&mut *tx)
            .await?;
        if !active {
            sqlx::query("DELETE FROM session WHERE staff_user_id = $1")
                .bind(staff_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(before != 0))
    }

    pub(crate) async fn staff_name_and_role(&self, id: i64) -> Result<Option<(String, String)>, StoreError> {
        Ok(sqlx::query_as("SELECT name, role FROM staff_user WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn staff_scope(&self, staff_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT development_id FROM staff_scope WHERE staff_user_id = $1 ORDER BY development_id",
        )
        .bind(staff_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    pub(crate) async fn insert_staff_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        now: i64,
        expires_at: i64,
        origin: &RequestOrigin,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO session (token_hash, staff_user_id, kind, created_at, last_seen_at, expires_at, ip, \
                 user_agent) VALUES ($1, $2, 'staff', $3, $3, $4, $5, $6) RETURNING id",
            )
            .bind(token_hash)
            .bind(staff_id)
            .bind(now)
            .bind(expires_at)
            .bind(origin.ip.as_deref())
            .bind(origin.user_agent.as_deref()),
        )
        .await
    }

    /// A staff session that is alive, of a user who may still sign in.
    pub(crate) async fn live_staff_session(
        &self,
        token_hash: &str,
        now: i64,
        today: &str,
    ) -> Result<Option<StaffSessionRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.id AS session_id, u.id AS staff_id, u.name, u.role, s.last_seen_at \
             FROM session s JOIN staff_user u ON u.id = s.staff_user_id \
             WHERE s.token_hash = $1 AND s.kind = 'staff' AND s.expires_at > $2 \
             AND u.active = 1 AND (u.expires_on IS NULL OR u.expires_on >= $3)",
        )
        .bind(token_hash)
        .bind(now)
        .bind(today)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Slides the idle limit of a staff session.
    pub(crate) async fn touch_staff_session(
        &self,
        session_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE session SET last_seen_at = $1, expires_at = $2 WHERE id = $3 AND kind = 'staff'")
            .bind(now)
            .bind(expires_at)
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes the staff session with this token hash; returns its staff user, if there was one.
    pub(crate) async fn delete_staff_session(&self, token_hash: &str) -> Result<Option<i64>, StoreError> {
        let deleted: Option<(Option<i64>,)> = sqlx::query_as(
            "DELETE FROM session WHERE token_hash = $1 AND kind = 'staff' RETURNING staff_user_id",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(deleted.and_then(|(staff,)| staff))
    }
}

/// The dashboard's counts within a scope.
pub(crate) struct DashboardCounts {
    pub messages_waiting: i64,
    pub oldest_waiting_since: Option<i64>,
    /// Count and centavos.
    pub overdue: (i64, i64),
    pub due_soon: (i64, i64),
    pub buyers_without_access: i64,
    /// Every self-registration awaiting confirmation (they have no empreendimento yet).
    pub awaiting_confirmation: i64,
}

impl Store {
    /// What waits for the team in `scope`: `today` and `week` are ISO dates (São Paulo).
    pub(crate) async fn dashboard_counts(
        &self,
        scope: &super::model::StaffScope,
        today: &str,
        week: &str,
    ) -> Result<DashboardCounts, StoreError> {
        let thread_scope = crate::messages::staff_thread_scope(scope);
        let (messages_waiting, oldest_waiting_since): (i64, Option<i64>) = sqlx::query_as(&format!(
            "SELECT COUNT(*), MIN(t.updated_at) FROM message_thread t WHERE t.status = 'aberto' AND {thread_scope}"
        ))
        .fetch_one(&self.pool)
        .await?;
        let open_installments = format!(
            "FROM installment i JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
             WHERE i.paid_on IS NULL AND c.status <> 'distratado' AND {}",
            scope_condition(scope, "u.development_id")
        );
        let overdue: (i64, i64) = sqlx::query_as(&format!(
            "SELECT COUNT(*), CAST(COALESCE(SUM(i.amount_cents + i.correction_cents), 0) AS BIGINT) {open_installments} AND i.due_on < $1"
        ))
        .bind(today)
        .fetch_one(&self.pool)
        .await?;
        let due_soon: (i64, i64) = sqlx::query_as(&format!(
            "SELECT COUNT(*), CAST(COALESCE(SUM(i.amount_cents + i.correction_cents), 0) AS BIGINT) {open_installments} \
             AND i.due_on >= $1 AND i.due_on <= $2"
        ))
        .bind(today)
        .bind(week)
        .fetch_one(&self.pool)
        .await?;
        let (buyers_without_access,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM person p WHERE p.password_hash IS NULL \
             AND EXISTS (SELECT 1 FROM contract_party cp WHERE cp.person_id = p.id) AND {}",
            person_in_scope(scope, "p.id")
        ))
        .fetch_one(&self.pool)
        .await?;
        let (awaiting_confirmation,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM person WHERE origin IN ('self', 'partner') AND confirmed_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(DashboardCounts {
            messages_waiting,
            oldest_waiting_since,
            overdue,
            due_soon,
            buyers_without_access,
            awaiting_confirmation,
        })
    }
}

/// A SQL condition true for rows of empreendimentos in `scope`: `column` names the row's
/// empreendimento id. The ids are integers, so writing them into the statement is safe.
pub(crate) fn scope_condition(scope: &super::model::StaffScope, column: &str) -> String {
    match scope {
        super::model::StaffScope::Everything => "1 = 1".to_string(),
        super::model::StaffScope::Developments(ids) if ids.is_empty() => "1 = 0".to_string(),
        super::model::StaffScope::Developments(ids) => {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("{column} IN ({})", list.join(", "))
        }
    }
}

/// A SQL condition true for a person (`person_column`) party to a contract in `scope`.
pub(crate) fn person_in_scope(scope: &super::model::StaffScope, person_column: &str) -> String {
    match scope {
        super::model::StaffScope::Everything => "1 = 1".to_string(),
        scope => format!(
            "EXISTS (SELECT 1 FROM contract_party sp JOIN contract sc ON sc.id = sp.contract_id \
             JOIN unit su ON su.id = sc.unit_id WHERE sp.person_id = {person_column} AND {})",
            scope_condition(scope, "su.development_id")
        ),
    }
}
