//! Staff passwords, never typed by another person: an invitation is a single-use link to choose
//! one (72 hours), a forgotten password a 6-digit code by e-mail (10 minutes, 5 tries), as for
//! buyers. Every way in ends the user's other sessions and is audited.

use rand::Rng;
use sha2::{Digest, Sha256};

use super::admin::StaffAccess;
use super::model::{CurrentStaff, Permission};
use super::password_store::NewInvitedStaff;
use super::session::NewStaffSession;
use super::StaffError;
use crate::audit::Actor;
use crate::auth::codes::{CODE_LIFETIME_SECONDS, MAX_CODE_ATTEMPTS};
use crate::auth::vocabulary::new_token;
use crate::auth::RequestOrigin;
use crate::notifications::staff_templates;
use crate::ratelimit::{CODE_CHECK_PER_IP, CODE_SEND_PER_DESTINATION, CODE_SEND_PER_IP};
use crate::Portal;

/// An invitation link lasts three days.
pub const INVITATION_LIFETIME: i64 = 72 * 60 * 60;

/// Who an invitation is for, as its page greets them.
#[derive(Debug, Clone)]
pub struct StaffInvitation {
    pub name: String,
    pub email: String,
}

fn token_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

impl Portal {
    fn invitation_link(&self, token: &str) -> String {
        format!("{}/equipe/convite?token={token}", self.public_url)
    }

    /// Invites a staff user by e-mail: the user, their access and a single-use link to choose
    /// a password, in one transaction; refused fields come back each with its sentence.
    pub async fn invite_staff(
        &self,
        admin: &CurrentStaff,
        name: &str,
        email: &str,
        access: &StaffAccess,
    ) -> Result<i64, StaffError> {
        admin.require(Permission::ManageStaff)?;
        let mut errors = std::collections::BTreeMap::new();
        let name = name.trim();
        if !(2..=120).contains(&name.chars().count()) {
            errors.insert("name".to_string(), "Informe o nome, de 2 a 120 caracteres.".to_string());
        }
        let email = match crate::registration::service::parse_email(email) {
            Ok(email) if self.store.staff_email_exists(&email).await? => {
                errors.insert(
                    "email".to_string(),
                    "Já existe um usuário da equipe com este e-mail.".to_string(),
                );
                email
            }
            Ok(email) => email,
            Err(sentence) => {
                errors.insert("email".to_string(), sentence);
                String::new()
            }
        };
        let developments = match self.checked_access(access).await {
            Ok(developments) => developments,
            Err(StaffError::Fields(found)) => {
                errors.extend(found);
                Vec::new()
            }
            Err(other) => return Err(other),
        };
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        let token = new_token();
        let now = self.now();
        let id = self
            .store
            .insert_invited_staff(&NewInvitedStaff {
                name,
                email: &email,
                role: access.role.code(),
                developments: &developments,
                expires_on: access.expires_on.as_deref(),
                invitation_id: &token_id(&token),
                now,
                invitation_expires_at: now + INVITATION_LIFETIME,
            })
            .await?;
        let detail = super::admin::describe(access.role.code(), &developments, access.expires_on.as_deref());
        self.store
            .record_audit_about(
                now,
                admin.actor(),
                "staff_invited",
                admin.ip.as_deref(),
                &format!("staff:{id}"),
                &detail,
            )
            .await?;
        self.notify(&staff_templates::staff_invitation(
            &email,
            name,
            &admin.name,
            &self.invitation_link(&token),
            INVITATION_LIFETIME / 3600,
        ))
        .await?;
        Ok(id)
    }

    /// A new invitation link for a user who has not chosen a password yet (the old one ends).
    pub async fn resend_staff_invitation(
        &self,
        admin: &CurrentStaff,
        staff_id: i64,
    ) -> Result<(), StaffError> {
        admin.require(Permission::ManageStaff)?;
        let user = self.staff_user_row(staff_id).await?.ok_or(StaffError::NotFound)?;
        if !user.pending_invitation || !user.active {
            return Err(StaffError::Invalid("Este usuário já criou a senha ou está desativado.".into()));
        }
        let token = new_token();
        let now = self.now();
        self.store
            .replace_staff_challenge(
                &token_id(&token),
                Some(staff_id),
                "invite",
                "",
                now,
                now + INVITATION_LIFETIME,
            )
            .await?;
        self.store
            .record_audit_about(
                now,
                admin.actor(),
                "staff_invitation_resent",
                admin.ip.as_deref(),
                &format!("staff:{staff_id}"),
                "",
            )
            .await?;
        self.notify(&staff_templates::staff_invitation(
            &user.email,
            &user.name,
            &admin.name,
            &self.invitation_link(&token),
            INVITATION_LIFETIME / 3600,
        ))
        .await?;
        Ok(())
    }

    /// Who a live invitation is for; a used, replaced or expired link is [`StaffError::InvalidCode`].
    pub async fn staff_invitation(&self, token: &str) -> Result<StaffInvitation, StaffError> {
        let challenge = self
            .store
            .live_staff_challenge(&token_id(token), "invite", self.now())
            .await?
            .ok_or(StaffError::InvalidCode)?;
        let staff_id = challenge.staff_user_id.ok_or(StaffError::InvalidCode)?;
        let account =
            self.store.staff_account(staff_id, &self.today_iso()).await?.ok_or(StaffError::InvalidCode)?;
        if account.usable == 0 {
            return Err(StaffError::InvalidCode);
        }
        Ok(StaffInvitation { name: account.name, email: account.email })
    }

    /// The invited user chooses a password: the link is used up (once, however many times it
    /// is sent at once) and they are signed in.
    pub async fn accept_staff_invitation(
        &self,
        token: &str,
        password: &str,
        confirmation: &str,
        origin: &RequestOrigin,
    ) -> Result<NewStaffSession, StaffError> {
        let invitation = self.staff_invitation(token).await?;
        let challenge = self
            .store
            .live_staff_challenge(&token_id(token), "invite", self.now())
            .await?
            .ok_or(StaffError::InvalidCode)?;
        let staff_id = challenge.staff_user_id.ok_or(StaffError::InvalidCode)?;
        self.set_new_staff_password(
            staff_id,
            challenge.id,
            &invitation.email,
            password,
            confirmation,
            origin,
            "invite",
        )
        .await
    }

    /// Sends a code to choose a new password. The answer (a challenge) is the same whether or
    /// not the e-mail is a staff user's.
    pub async fn request_staff_password_code(
        &self,
        email: &str,
        origin: &RequestOrigin,
    ) -> Result<String, StaffError> {
        let now = self.now();
        let email = email.trim().to_lowercase();
        self.store
            .hit_rate_limit(&CODE_SEND_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now)
            .await?
            .map_err(StaffError::RateLimited)?;
        self.store
            .hit_rate_limit(&CODE_SEND_PER_DESTINATION, &format!("staff:{email}"), now)
            .await?
            .map_err(StaffError::RateLimited)?;
        let challenge = new_token()[..32].to_string();
        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
        let found = self.store.staff_for_reset(&email, &self.today_iso()).await?;
        let staff_id = found.as_ref().map(|(id, _)| *id);
        self.store
            .replace_staff_challenge(
                &challenge,
                staff_id,
                "reset",
                &self.code_hash(&challenge, &code),
                now,
                now + CODE_LIFETIME_SECONDS,
            )
            .await?;
        let actor = staff_id.map_or(Actor::Anonymous, Actor::Staff);
        self.store.record_audit(now, actor, "staff_password_code_sent", origin.ip.as_deref(), "").await?;
        if let Some((_, name)) = found {
            self.notify(&staff_templates::staff_password_code(
                &email,
                &name,
                &code,
                CODE_LIFETIME_SECONDS / 60,
            ))
            .await?;
        }
        Ok(challenge)
    }

    /// A new password with the code sent by [`Self::request_staff_password_code`].
    pub async fn reset_staff_password(
        &self,
        challenge_id: &str,
        code: &str,
        password: &str,
        confirmation: &str,
        origin: &RequestOrigin,
    ) -> Result<NewStaffSession, StaffError> {
        let now = self.now();
        self.store
            .hit_rate_limit(&CODE_CHECK_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now)
            .await?
            .map_err(StaffError::RateLimited)?;
        let challenge = self
            .store
            .live_staff_challenge(challenge_id, "reset", now)
            .await?
            .ok_or(StaffError::InvalidCode)?;
        if !self.store.reserve_staff_code_attempt(challenge.id, MAX_CODE_ATTEMPTS).await? {
            return Err(StaffError::InvalidCode);
        }
        let code = code.trim();
        let right = code.len() == 6 && self.code_hash(challenge_id, code) == challenge.secret_hash;
        let Some(staff_id) = challenge.staff_user_id.filter(|_| right) else {
            let actor = challenge.staff_user_id.map_or(Actor::Anonymous, Actor::Staff);
            self.store.record_audit(now, actor, "staff_code_failed", origin.ip.as_deref(), "").await?;
            return Err(StaffError::InvalidCode);
        };
        self.store.return_staff_code_attempt(challenge.id).await?;
        let account =
            self.store.staff_account(staff_id, &self.today_iso()).await?.ok_or(StaffError::InvalidCode)?;
        self.set_new_staff_password(
            staff_id,
            challenge.id,
            &account.email,
            password,
            confirmation,
            origin,
            "reset",
        )
        .await
    }

    /// Checks the new password, uses the challenge up, stores the hash (ending every session),
    /// tells the user by e-mail and signs them in.
    #[allow(clippy::too_many_arguments)]
    async fn set_new_staff_password(
        &self,
        staff_id: i64,
        challenge_row: i64,
        email: &str,
        password: &str,
        confirmation: &str,
        origin: &RequestOrigin,
        how: &str,
    ) -> Result<NewStaffSession, StaffError> {
        crate::auth::check_new_password(password, &[email]).map_err(StaffError::Password)?;
        if password != confirmation {
            return Err(StaffError::Password(crate::auth::PasswordRule::ConfirmationMismatch));
        }
        if let Some(rule) = crate::auth::password::strength_rule(password, &[email]) {
            return Err(StaffError::Password(rule));
        }
        let hash = self.passwords.hash(password).await.map_err(|_| StaffError::Hashing)?;
        if !self.store.use_staff_challenge(challenge_row, self.now()).await? {
            return Err(StaffError::InvalidCode);
        }
        self.store.set_staff_password(staff_id, &hash).await?;
        let now = self.now();
        self.store
            .record_audit_about(
                now,
                Actor::Staff(staff_id),
                "staff_password_set",
                origin.ip.as_deref(),
                &format!("staff:{staff_id}"),
                how,
            )
            .await?;
        let account =
            self.store.staff_account(staff_id, &self.today_iso()).await?.ok_or(StaffError::InvalidCode)?;
        self.notify(&staff_templates::staff_password_changed(email, &account.name, now)).await?;
        self.open_staff_session(staff_id, None, origin).await
    }
}
