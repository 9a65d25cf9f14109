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

pub(super) fn describe(role: &str, scope: &[i64], expires_on: Option<&str>) -> String {
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
        let developments = self.checked_access(access).await?;
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

    /// The access's empreendimentos, sorted and each once, after checking them and the last
    /// day; refused fields come back each with its sentence.
    pub(super) async fn checked_access(&self, access: &StaffAccess) -> Result<Vec<i64>, StaffError> {
        let mut errors = std::collections::BTreeMap::new();
        if let Some(day) = &access.expires_on {
            match parse_iso_date(day) {
                None => {
                    errors.insert("expires_on".to_string(), "Informe uma data válida.".to_string());
                }
                Some(date) if date < crate::time_br::today_in_sao_paulo(self.clock.now()) => {
                    errors.insert(
                        "expires_on".to_string(),
                        "A data final não pode estar no passado.".to_string(),
                    );
                }
                Some(_) => {}
            }
        }
        let mut developments = access.developments.clone();
        developments.sort_unstable();
        developments.dedup();
        if !self.store.developments_exist(&developments).await? {
            errors.insert("developments".to_string(), "Escolha empreendimentos da lista.".to_string());
        }
        if errors.is_empty() {
            Ok(developments)
        } else {
            Err(StaffError::Fields(errors))
        }
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
