use super::error::AuthError;
use super::model::CurrentUser;
use super::store::NewSessionRow;
use super::vocabulary::*;
use crate::audit::Actor;
use crate::ratelimit::{RateLimit, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_PER_IP};
use crate::Portal;

impl Portal {
    /// Signs a buyer in with e-mail or CPF/CNPJ and password. Unknown accounts, accounts
    /// without a password and wrong passwords all cost one argon2 verification and give the
    /// same error. `previous_token` (the cookie the browser already had) is revoked: the
    /// session rotates at every login.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn login(
        &self,
        identifier: &str,
        password: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
        kind: SessionKind,
    ) -> Result<NewSession, AuthError> {
        let person_id = self.verify_password(identifier, password, origin).await?;
        self.open_session(person_id, previous_token, origin, kind, "password", false).await
    }

    /// The síndico login: a password login that only opens for síndicos of an empreendimento,
    /// and whose session carries that role.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn login_syndic(
        &self,
        identifier: &str,
        password: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
        kind: SessionKind,
    ) -> Result<NewSession, AuthError> {
        let person_id = self.verify_password(identifier, password, origin).await?;
        if !self.store.is_syndic(person_id).await? {
            self.store
                .record_audit(
                    self.now(),
                    Actor::Person(person_id),
                    "syndic_login_refused",
                    origin.ip.as_deref(),
                    "",
                )
                .await?;
            return Err(AuthError::NotSyndic);
        }
        self.open_session(person_id, previous_token, origin, kind, "password-syndic", true).await
    }

    /// Checks e-mail or CPF/CNPJ and password with rate limits; the person's id when right.
    async fn verify_password(
        &self,
        identifier: &str,
        password: &str,
        origin: &RequestOrigin,
    ) -> Result<i64, AuthError> {
        let now = self.now();
        let ip = origin.ip.as_deref();
        let identifier = classify(identifier);
        self.limit(&LOGIN_PER_IP, ip.unwrap_or("sem-ip"), now).await?;
        let candidate = match &identifier {
            Identifier::Email(email) => self.store.person_by_email(email).await?,
            Identifier::Document(document) => self.store.person_by_document(document).await?,
            Identifier::Unusable => None,
        };
        let (person_id, stored_hash, confirmed) = match candidate {
            Some(found) => (Some(found.id), found.password_hash, found.email_confirmed != 0),
            None => (None, None, true),
        };
        // One lock per account, whichever spelling (e-mail, CPF/CNPJ masked or bare) was typed;
        // an unknown identifier is locked by its normalised form.
        let account_key = match person_id {
            Some(id) => format!("person:{id}"),
            None => identifier.rate_key(),
        };
        // The guess is counted before the password is checked, in one statement: however many
        // arrive at once, at most the limit are ever verified. A right password gives it back.
        // It is counted once a hashing slot is free, so logins queued for a slot hold no count.
        let reserve = self.limit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key, now);
        let password_ok = self.passwords.verify_after(stored_hash, password, reserve).await?;
        match (person_id, password_ok) {
            (Some(id), true) => {
                self.store.return_rate_limit_hit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key).await?;
                if !confirmed {
                    // Only a right password learns this, so it tells nobody else anything.
                    let account = self.store.account_of(id).await?.ok_or(AuthError::InvalidCredentials)?;
                    let challenge =
                        self.send_email_confirmation(id, &account.email, &account.name, origin).await?;
                    return Err(AuthError::EmailNotConfirmed(challenge));
                }
                Ok(id)
            }
            (found, _) => {
                let actor = found.map_or(Actor::Anonymous, Actor::Person);
                self.store.record_audit(now, actor, "login_failed", ip, "password").await?;
                Err(AuthError::InvalidCredentials)
            }
        }
    }

    /// A partner token for a person already signed in in this browser (seed 001's `persisted`).
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn issue_api_session(
        &self,
        person_id: i64,
        origin: &RequestOrigin,
    ) -> Result<NewSession, AuthError> {
        self.open_session(person_id, None, origin, SessionKind::Api, "persisted", false).await
    }

    /// Seed 001's persist-login: a browser session of this site for the person behind a partner
    /// token, replacing the one the browser had.
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn persist_login(
        &self,
        person_id: i64,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<NewSession, AuthError> {
        self.open_session(person_id, previous_token, origin, SessionKind::Browser, "persist-login", false)
            .await
    }

    /// Counts one hit against `rule` for `key`.
    pub(crate) async fn limit(&self, rule: &RateLimit, key: &str, now: i64) -> Result<(), AuthError> {
        self.store.hit_rate_limit(rule, key, now).await?.map_err(AuthError::RateLimited)
    }

    /// Opens a session of `kind` for a person who just proved who they are, revoking the
    /// browser's previous session (rotation), and audits it.
    pub(crate) async fn open_session(
        &self,
        person_id: i64,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
        kind: SessionKind,
        method: &str,
        syndic: bool,
    ) -> Result<NewSession, AuthError> {
        let now = self.now();
        if let Some(previous) = previous_token {
            self.store.delete_session(&token_hash(previous)).await?;
        }
        let random_token = new_token();
        let expires_at = now + kind.lifetime();
        let session_id = self
            .store
            .insert_session(NewSessionRow {
                token_hash: &token_hash(&random_token),
                person_id,
                kind: kind.code(),
                syndic,
                now,
                expires_at,
                ip: origin.ip.as_deref(),
                user_agent: origin.user_agent.as_deref(),
            })
            .await?;
        let action = match kind {
            SessionKind::Browser | SessionKind::RememberedBrowser => "login_succeeded",
            SessionKind::Api => "api_token_issued",
        };
        self.store.record_audit(now, Actor::Person(person_id), action, origin.ip.as_deref(), method).await?;
        let name = self.store.person_name(person_id).await?.ok_or(AuthError::Unauthenticated)?;
        let token = match kind {
            SessionKind::Browser | SessionKind::RememberedBrowser => random_token,
            SessionKind::Api => self.sign_api_token(person_id, session_id, expires_at)?,
        };
        Ok(NewSession {
            token,
            user: CurrentUser { is_syndic: syndic, ..CurrentUser::new(person_id, name) },
            expires_at,
            cookie_max_age: (kind == SessionKind::RememberedBrowser).then(|| kind.lifetime()),
        })
    }

    /// The buyer behind a session token, if the session is alive.
    pub async fn authenticate(&self, token: &str) -> Result<CurrentUser, AuthError> {
        let now = self.now();
        let session = self
            .store
            .live_person_session(&token_hash(token), now)
            .await?
            .ok_or(AuthError::Unauthenticated)?;
        if now - session.last_seen_at >= LAST_SEEN_GRANULARITY {
            self.store.touch_session(session.session_id, now).await?;
        }
        Ok(session.user())
    }

    /// Ends the session server-side; an unknown or already-ended token is not an error.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn logout(&self, token: &str, origin: &RequestOrigin) -> Result<(), AuthError> {
        if let Some(person_id) = self.store.delete_session(&token_hash(token)).await? {
            self.store
                .record_audit(self.now(), Actor::Person(person_id), "logout", origin.ip.as_deref(), "")
                .await?;
        }
        Ok(())
    }

    /// Ends a browser session for an API caller only when it is that same person's: another
    /// person's cookie, or a dead one, is not the caller's to end (seed 001 `forget-login`).
    pub async fn forget_browser_session(
        &self,
        person_id: i64,
        token: &str,
        origin: &RequestOrigin,
    ) -> Result<(), AuthError> {
        match self.authenticate(token).await {
            Ok(user) if user.person_id == person_id => self.logout(token, origin).await,
            Err(AuthError::Store(error)) => Err(AuthError::Store(error)),
            _ => Ok(()),
        }
    }
}
