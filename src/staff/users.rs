//! Equipe: the list of staff users, one user's page with their sessions, and ending a session.

use sqlx::FromRow;

use super::model::{CurrentStaff, Permission, StaffRole};
use super::users_model::{StaffSessionView, StaffUserDetail, StaffUserRow};
use super::StaffError;
use crate::store::{Store, StoreError};
use crate::time_br::{display_iso_date, format_timestamp};
use crate::Portal;

#[derive(Debug, FromRow)]
struct StaffUserRecord {
    id: i64,
    name: String,
    email: String,
    role: String,
    expires_on: Option<String>,
    active: i64,
    pending: i64,
    last_seen: Option<i64>,
}

#[derive(Debug, FromRow)]
struct StaffSessionRecord {
    id: i64,
    user_agent: Option<String>,
    ip: Option<String>,
    created_at: i64,
    last_seen_at: i64,
}

const STAFF_USER_COLUMNS: &str = "SELECT u.id, u.name, u.email, u.role, u.expires_on, u.active, \
     CASE WHEN u.password_hash = '' THEN 1 ELSE 0 END AS pending, \
     (SELECT MAX(s.last_seen_at) FROM session s WHERE s.staff_user_id = u.id) AS last_seen \
     FROM staff_user u";

impl Store {
    async fn staff_user_records(&self, id: Option<i64>) -> Result<Vec<StaffUserRecord>, StoreError> {
        let sql = match id {
            Some(_) => format!("{STAFF_USER_COLUMNS} WHERE u.id = $1"),
            None => format!("{STAFF_USER_COLUMNS} WHERE $1 = $1 ORDER BY u.active DESC, u.name, u.id"),
        };
        Ok(sqlx::query_as(&sql).bind(id.unwrap_or(0)).fetch_all(&self.pool).await?)
    }

    /// Every staff user's empreendimentos by name: (staff id, name).
    async fn staff_scope_names(&self) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.staff_user_id, d.name FROM staff_scope s JOIN development d ON d.id = s.development_id \
             ORDER BY d.name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn staff_sessions(&self, staff_id: i64, now: i64) -> Result<Vec<StaffSessionRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, user_agent, ip, created_at, last_seen_at FROM session \
             WHERE staff_user_id = $1 AND kind = 'staff' AND expires_at > $2 ORDER BY last_seen_at DESC, id DESC",
        )
        .bind(staff_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn delete_staff_session_of(&self, staff_id: i64, session_id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM session WHERE id = $1 AND staff_user_id = $2 AND kind = 'staff'")
            .bind(session_id)
            .bind(staff_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn row_of(record: StaffUserRecord, scope_names: &[(i64, String)]) -> StaffUserRow {
    StaffUserRow {
        developments: scope_names
            .iter()
            .filter(|(staff, _)| *staff == record.id)
            .map(|(_, name)| name.clone())
            .collect(),
        id: record.id,
        name: record.name,
        email: record.email,
        role: StaffRole::parse(&record.role).unwrap_or(StaffRole::Atendimento),
        expires_on: record.expires_on.as_deref().map(display_iso_date),
        active: record.active != 0,
        pending_invitation: record.pending != 0,
        last_seen: record.last_seen.map(format_timestamp),
    }
}

impl Portal {
    /// Every staff user, active ones first (admin only).
    pub async fn staff_users(&self, admin: &CurrentStaff) -> Result<Vec<StaffUserRow>, StaffError> {
        admin.require(Permission::ManageStaff)?;
        let names = self.store.staff_scope_names().await?;
        Ok(self
            .store
            .staff_user_records(None)
            .await?
            .into_iter()
            .map(|record| row_of(record, &names))
            .collect())
    }

    pub(super) async fn staff_user_row(&self, staff_id: i64) -> Result<Option<StaffUserRow>, StaffError> {
        let names = self.store.staff_scope_names().await?;
        Ok(self
            .store
            .staff_user_records(Some(staff_id))
            .await?
            .into_iter()
            .next()
            .map(|record| row_of(record, &names)))
    }

    /// One staff user's page: admins see anyone's; everyone sees their own (and its sessions).
    pub async fn staff_user_detail(
        &self,
        reader: &CurrentStaff,
        staff_id: i64,
    ) -> Result<StaffUserDetail, StaffError> {
        if staff_id != reader.id {
            reader.require(Permission::ManageStaff)?;
        }
        let user = self.staff_user_row(staff_id).await?.ok_or(StaffError::NotFound)?;
        let access = self.store.staff_access(staff_id).await?.ok_or(StaffError::NotFound)?;
        let sessions = self
            .store
            .staff_sessions(staff_id, self.now())
            .await?
            .into_iter()
            .map(|session| StaffSessionView {
                id: session.id,
                device: crate::auth::device::device_name("staff", session.user_agent.as_deref()),
                ip: session.ip,
                started_at: format_timestamp(session.created_at),
                last_seen_at: format_timestamp(session.last_seen_at),
            })
            .collect();
        Ok(StaffUserDetail {
            user,
            scope: access.developments,
            expires_on_iso: access.expires_on,
            all_developments: self.store.developments_in_scope(&super::StaffScope::Everything).await?,
            sessions,
            is_self: staff_id == reader.id,
        })
    }

    /// The empreendimentos `staff` works on, by name (for forms and filters).
    pub async fn staff_developments(&self, staff: &CurrentStaff) -> Result<Vec<(i64, String)>, StaffError> {
        Ok(self.store.developments_in_scope(&staff.scope).await?)
    }

    /// Ends one session of a staff user (their own, or anyone's for an admin); audited.
    pub async fn end_staff_session(
        &self,
        reader: &CurrentStaff,
        staff_id: i64,
        session_id: i64,
    ) -> Result<(), StaffError> {
        if staff_id != reader.id {
            reader.require(Permission::ManageStaff)?;
        }
        if !self.store.delete_staff_session_of(staff_id, session_id).await? {
            return Err(StaffError::NotFound);
        }
        self.store
            .record_audit_about(
                self.now(),
                reader.actor(),
                "staff_session_ended",
                reader.ip.as_deref(),
                &format!("staff:{staff_id}"),
                &format!("sessão {session_id}"),
            )
            .await?;
        Ok(())
    }
}
