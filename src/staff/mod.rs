//! Staff of the construction company: identity, roles and scopes ([`model`]), sign-in and
//! sessions ([`session`]), the dashboard ([`dashboard`]).

#[cfg(feature = "server")]
mod admin;
pub mod dashboard;
pub mod model;
#[cfg(feature = "server")]
mod password;
#[cfg(feature = "server")]
mod password_store;
#[cfg(feature = "server")]
mod session;
#[cfg(feature = "server")]
mod settings;
pub mod settings_model;
#[cfg(feature = "server")]
pub(crate) mod store;
#[cfg(feature = "server")]
mod users;
pub mod users_model;

#[cfg(feature = "server")]
pub use admin::StaffAccess;
pub use model::*;
#[cfg(feature = "server")]
pub use session::{NewStaffSession, STAFF_IDLE_LIMIT};
pub use settings_model::*;
pub use users_model::*;

#[cfg(feature = "server")]
pub use server::*;

#[cfg(feature = "server")]
mod server {
    use super::model::{CurrentStaff, Permission, StaffRole};
    use crate::audit::Actor;
    use crate::ratelimit::RetryAfter;
    use crate::store::StoreError;
    use crate::Portal;

    /// What a staff use case can answer, said once for every caller.
    #[derive(Debug, thiserror::Error)]
    pub enum StaffError {
        /// Deliberately vague: never says whether the e-mail or the password was wrong.
        #[error("invalid credentials")]
        InvalidCredentials,
        #[error("not signed in")]
        Unauthenticated,
        /// The role lacks the permission (the page says so; records out of scope are NotFound).
        #[error("forbidden")]
        Forbidden,
        /// No such record, or one outside the staff user's scope.
        #[error("not found")]
        NotFound,
        /// A rule of the form, as a sentence for the person.
        #[error("{0}")]
        Invalid(String),
        /// Refused fields of a form, each with its sentence.
        #[error("invalid fields")]
        Fields(std::collections::BTreeMap<String, String>),
        /// A new password that breaks a rule.
        #[error("{0}")]
        Password(crate::auth::PasswordRule),
        /// Wrong, expired, used or burnt code or link: never says which.
        #[error("invalid code")]
        InvalidCode,
        #[error("too many attempts; retry in {} s", .0 .0)]
        RateLimited(RetryAfter),
        #[error("password hashing failed")]
        Hashing,
        #[error(transparent)]
        Store(#[from] StoreError),
        #[error("file storage: {0}")]
        Storage(#[from] std::io::Error),
    }

    impl CurrentStaff {
        /// `Ok` when the role has `permission`, else [`StaffError::Forbidden`].
        pub fn require(&self, permission: Permission) -> Result<(), StaffError> {
            if self.may(permission) {
                Ok(())
            } else {
                Err(StaffError::Forbidden)
            }
        }

        /// The audit actor of this staff user.
        pub fn actor(&self) -> Actor {
            Actor::Staff(self.id)
        }
    }

    impl Portal {
        /// Creates a staff user with a password (the `create-staff` command and the demo; the
        /// back office invites by e-mail instead, so staff never type another's password).
        pub async fn create_staff(
            &self,
            name: &str,
            email: &str,
            role: StaffRole,
            password: &str,
        ) -> Result<i64, StaffError> {
            let email = crate::registration::service::parse_email(email).map_err(StaffError::Invalid)?;
            crate::auth::check_new_password(password, &[&email])
                .map_err(|rule| StaffError::Invalid(rule.to_string()))?;
            if let Some(rule) = crate::auth::password::strength_rule(password, &[&email]) {
                return Err(StaffError::Invalid(rule.to_string()));
            }
            if self.store.staff_email_exists(&email).await? {
                return Err(StaffError::Invalid("Já existe um usuário da equipe com este e-mail.".into()));
            }
            let hash = self.passwords.hash(password).await.map_err(|_| StaffError::Hashing)?;
            let id = self.store.insert_staff(name.trim(), &email, role.code(), &hash, self.now()).await?;
            let subject = format!("staff:{id}");
            self.store
                .record_audit_about(self.now(), Actor::System, "staff_created", None, &subject, role.code())
                .await?;
            Ok(id)
        }
    }
}
