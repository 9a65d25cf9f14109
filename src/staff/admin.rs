//! Equipe (admin only): a staff user's role, scope and last day, deactivation and
//! reactivation. Users are never deleted, so their actions stay attributed.

use super::model::{CurrentStaff, Permission, StaffRole, StaffScope};
use super::StaffError;
use crate::time_br::parse_iso_date;
use crate::Portal;

/// What an admin sets of a staff user's access.
#[derive(Debug, Clone)]
pub struct StaffAccess {
    pub role: StaffRole,
    /// Empty: every empreendimento.
    pub developments: Vec<i64>,
    /// `aaaa-mm-dd`: the last day the user may sign in; `None` for no end.
    pub expires_on: Option<String>,
}

fn describe(role: &str, scope: &[i64], expires_on: Option<&str>) -> String {
    let scope = if scope.is_empty() {
        "todos".to_string()
    } else {
        scope.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    };
    format!("perfil={role}; empreendimentos={scope}; até={}", expires_on.unwrap_or("sem data"))
}

impl Portal {
    /// Changes a staff user's role, scope and last day, in one transaction, audited with what
    /// it was and what it became. An admin cannot take admin away from themselves (someone
    /// must be left to undo a mistake).
    pub async fn set_staff_access(
        &self,
        admin: &CurrentStaff,
        staff_id: i64,
        access: &StaffAccess,
    ) -> Result<(), StaffError> {
        admin.require(Permission::ManageStaff)?;
        if staff_id == admin.id && access.role != StaffRole::Admin {
            return Err(StaffError::Invalid(
                "Você não pode tirar o perfil de administração de si mesmo.".into(),
            ));
        }
        if let Some(day) = &access.expires_on {
            if parse_iso_date(day).is_none() {
                return Err(StaffError::Invalid("Informe a data final no formato dd/mm/aaaa.".into()));
            }
        }
        let mut developments = access.developments.clone();
        developments.sort_unstable();
        developments.dedup();
        if !self.store.developments_exist(&developments).await? {
            return Err(StaffError::Invalid("Escolha empreendimentos da lista.".into()));
        }
        let before = self.store.staff_access(staff_id).await?.ok_or(StaffError::NotFound)?;
        self.store
            .update_staff_access(staff_id, access.role.code(), &developments, access.expires_on.as_deref())
            .await?;
        let detail = format!(
            "{} → {}",
            describe(&before.role, &before.developments, before.expires_on.as_deref()),
            describe(access.role.code(), &developments, access.expires_on.as_deref())
        );
        self.store
            .record_audit_about(
                self.now(),
                admin.actor(),
                "staff_access_changed",
                admin.ip.as_deref(),
                &format!("staff:{staff_id}"),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Deactivates (ending every session at once) or reactivates a staff user. An admin cannot
    /// deactivate themselves.
    pub async fn set_staff_active(
        &self,
        admin: &CurrentStaff,
        staff_id: i64,
        active: bool,
    ) -> Result<(), StaffError> {
        admin.require(Permission::ManageStaff)?;
        if staff_id == admin.id && !active {
            return Err(StaffError::Invalid("Você não pode desativar o seu próprio acesso.".into()));
        }
        let was_active = self.store.set_staff_active(staff_id, active).await?.ok_or(StaffError::NotFound)?;
        let (action, detail) = match (was_active, active) {
            (true, false) => ("staff_deactivated", "ativo → desativado"),
            (false, true) => ("staff_reactivated", "desativado → ativo"),
            _ => return Ok(()),
        };
        self.store
            .record_audit_about(
                self.now(),
                admin.actor(),
                action,
                admin.ip.as_deref(),
                &format!("staff:{staff_id}"),
                detail,
            )
            .await?;
        Ok(())
    }

    /// The scope a staff user works in (for tests and the Equipe page).
    pub async fn staff_scope_of(&self, staff_id: i64) -> Result<StaffScope, StaffError> {
        let developments = self.store.staff_scope(staff_id).await?;
        Ok(if developments.is_empty() {
            StaffScope::Everything
        } else {
            StaffScope::Developments(developments)
        })
    }
}
