//! The buyer's own account: sessions and password.

use super::error::AuthError;
use super::model::{check_new_password, PasswordRule, SessionInfo};
use super::vocabulary::{token_hash, RequestOrigin};
use crate::audit::Actor;
use crate::notifications::templates;
use crate::ratelimit::LOGIN_FAILURES_PER_ACCOUNT;
use crate::Portal;

#[derive(Debug, thiserror::Error)]
pub enum PasswordChangeError {
    #[error("current password is wrong")]
    WrongCurrentPassword,
    #[error(transparent)]
    Rule(#[from] PasswordRule),
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl From<crate::store::StoreError> for PasswordChangeError {
    fn from(error: crate::store::StoreError) -> Self {
        Self::Auth(AuthError::Store(error))
    }
}

impl Portal {
    /// The person's open sessions, newest activity first, marking the one asking.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_sessions(
        &self,
        person_id: i64,
        current_token: &str,
    ) -> Result<Vec<SessionInfo>, AuthError> {
        let current = self.store.session_id_of(&token_hash(current_token)).await?;
        let mut sessions = self.store.sessions_of_person(person_id, self.now()).await?;
        for session in &mut sessions {
            session.current = Some(session.id) == current;
            session.device = super::device::device_name(&session.kind, session.user_agent.as_deref());
        }
        Ok(sessions)
    }

    /// Ends one of the person's sessions (someone else's id changes nothing).
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn end_my_session(
        &self,
        person_id: i64,
        session_id: i64,
        origin: &RequestOrigin,
    ) -> Result<(), AuthError> {
        if self.store.delete_session_of_person(person_id, session_id).await? {
            self.store
                .record_audit(self.now(), Actor::Person(person_id), "session_ended", origin.ip.as_deref(), "")
                .await?;
        }
        Ok(())
    }

    /// Ends every session of the person but the one asking.
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn end_my_other_sessions(
        &self,
        person_id: i64,
        current_token: &str,
        origin: &RequestOrigin,
    ) -> Result<u64, AuthError> {
        let ended = self.store.delete_other_sessions(person_id, &token_hash(current_token)).await?;
        self.store
            .record_audit(
                self.now(),
                Actor::Person(person_id),
                "sessions_ended",
                origin.ip.as_deref(),
                &ended.to_string(),
            )
            .await?;
        Ok(ended)
    }

    /// Changes the password after checking the current one; optionally ends the other
    /// sessions; tells the person by e-mail.
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn change_password(
        &self,
        person_id: i64,
        current_password: &str,
        new_password: &str,
        confirmation: &str,
        end_other_sessions: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<(), PasswordChangeError> {
        let now = self.now();
        let account = self.store.account_of(person_id).await?.ok_or(AuthError::Unauthenticated)?;
        // The same per-account lock as the login, reserved before the check (see verify_password).
        let account_key = format!("person:{person_id}");
        let reserve = self.limit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key, now);
        if !self.passwords.verify_after(account.password_hash.clone(), current_password, reserve).await? {
            self.store
                .record_audit(
                    now,
                    Actor::Person(person_id),
                    "password_change_failed",
                    origin.ip.as_deref(),
                    "",
                )
                .await?;
            return Err(PasswordChangeError::WrongCurrentPassword);
        }
        self.store.return_rate_limit_hit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key).await?;
        check_new_password(new_password, &[&account.email, &account.document])?;
        if let Some(rule) = super::password::strength_rule(new_password, &[&account.email, &account.document])
        {
            return Err(rule.into());
        }
        if new_password != confirmation {
            return Err(PasswordRule::ConfirmationMismatch.into());
        }
        let hash = self.passwords.hash(new_password).await.map_err(|_| AuthError::Unauthenticated)?;
        self.store.set_password(person_id, &hash).await?;
        if let Some(current_token) = end_other_sessions {
            self.store.delete_other_sessions(person_id, &token_hash(current_token)).await?;
        }
        self.store
            .record_audit(now, Actor::Person(person_id), "password_changed", origin.ip.as_deref(), "")
            .await?;
        self.notify(&templates::password_changed(&account.email, &account.name, now)).await?;
        Ok(())
    }
}
