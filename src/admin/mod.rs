//! Staff users of the construction company.

mod store;

use crate::audit::Actor;
use crate::store::StoreError;
use crate::Portal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRole {
    Admin,
    Atendimento,
    Financeiro,
}

impl StaffRole {
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Atendimento => "atendimento",
            Self::Financeiro => "financeiro",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "admin" => Some(Self::Admin),
            "atendimento" => Some(Self::Atendimento),
            "financeiro" => Some(Self::Financeiro),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("e-mail inválido")]
    InvalidEmail,
    #[error("a senha deve ter de 8 a 128 caracteres")]
    WeakPassword,
    #[error("já existe um usuário da equipe com este e-mail")]
    DuplicateEmail,
    #[error("falha ao gerar o hash da senha")]
    Hashing,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Portal {
    /// Creates a staff user (the `create-staff` command; the admin area later).
    pub async fn create_staff(
        &self,
        name: &str,
        email: &str,
        role: StaffRole,
        password: &str,
    ) -> Result<i64, AdminError> {
        let email = email.trim().to_lowercase();
        if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
            return Err(AdminError::InvalidEmail);
        }
        if !(8..=128).contains(&password.chars().count()) {
            return Err(AdminError::WeakPassword);
        }
        if self.store.staff_email_exists(&email).await? {
            return Err(AdminError::DuplicateEmail);
        }
        let hash = self.passwords.hash(password).await.map_err(|_| AdminError::Hashing)?;
        let id = self.store.insert_staff(name.trim(), &email, role.code(), &hash, self.now()).await?;
        self.store.record_audit(self.now(), Actor::System, "staff_created", None, role.code()).await?;
        Ok(id)
    }
}
