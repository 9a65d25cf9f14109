use rand::RngCore;
use sha2::{Digest, Sha256};

use super::model::CurrentUser;
use super::store::NewSessionRow;
use crate::audit::Actor;
use crate::br::TaxId;
use crate::store::StoreError;
use crate::Portal;

/// A browser session lasts at most this long after login (seconds).
pub const SESSION_LIFETIME: i64 = 30 * 24 * 60 * 60;
/// `last_seen_at` is written at most this often, to keep page views read-only.
const LAST_SEEN_GRANULARITY: i64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Deliberately vague: never says whether the account or the password was wrong.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("not signed in")]
    Unauthenticated,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where a request came from, for sessions and the audit trail.
#[derive(Debug, Clone, Default)]
pub struct RequestOrigin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A session just opened: the raw token goes to the cookie and is never stored.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub user: CurrentUser,
    pub expires_at: i64,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// An identifier as typed: an e-mail (has `@`) or a CPF/CNPJ.
enum Identifier {
    Email(String),
    Document(String),
    Unusable,
}

fn classify(identifier: &str) -> Identifier {
    let trimmed = identifier.trim();
    if trimmed.contains('@') {
        Identifier::Email(trimmed.to_lowercase())
    } else {
        match TaxId::parse(trimmed) {
            Ok(document) => Identifier::Document(document.canonical().to_string()),
            Err(_) => Identifier::Unusable,
        }
    }
}

impl Portal {
    /// Signs a buyer in with e-mail or CPF/CNPJ and password. Unknown accounts, accounts
    /// without a password and wrong passwords all cost one argon2 verification and give the
    /// same error. `previous_token` (the cookie the browser already had) is revoked: the
    /// session rotates at every login.
    pub async fn login(
        &self,
        identifier: &str,
        password: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<NewSession, AuthError> {
        let candidate = match classify(identifier) {
            Identifier::Email(email) => self.store.person_by_email(&email).await?,
            Identifier::Document(document) => self.store.person_by_document(&document).await?,
            Identifier::Unusable => None,
        };
        let (person_id, stored_hash) = match candidate {
            Some(found) => (Some(found.id), found.password_hash),
            None => (None, None),
        };
        let password_ok = self.passwords.verify(stored_hash, password).await;
        let now = self.now();
        let ip = origin.ip.as_deref();
        let person_id = match (person_id, password_ok) {
            (Some(id), true) => id,
            (found, _) => {
                let actor = found.map_or(Actor::Anonymous, Actor::Person);
                self.store
                    .record_audit(now, actor, "login_failed", ip, "password")
                    .await?;
                return Err(AuthError::InvalidCredentials);
            }
        };
        if let Some(previous) = previous_token {
            self.store.delete_session(&token_hash(previous)).await?;
        }
        let token = new_token();
        let expires_at = now + SESSION_LIFETIME;
        self.store
            .insert_session(NewSessionRow {
                token_hash: &token_hash(&token),
                person_id,
                now,
                expires_at,
                ip,
                user_agent: origin.user_agent.as_deref(),
            })
            .await?;
        self.store
            .record_audit(
                now,
                Actor::Person(person_id),
                "login_succeeded",
                ip,
                "password",
            )
            .await?;
        let session = self
            .store
            .live_person_session(&token_hash(&token), now)
            .await?
            .ok_or(AuthError::Unauthenticated)?;
        Ok(NewSession {
            token,
            user: CurrentUser::new(session.person_id, session.name),
            expires_at,
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
        Ok(CurrentUser::new(session.person_id, session.name))
    }

    /// Ends the session server-side; an unknown or already-ended token is not an error.
    pub async fn logout(&self, token: &str, origin: &RequestOrigin) -> Result<(), AuthError> {
        if let Some(person_id) = self.store.delete_session(&token_hash(token)).await? {
            self.store
                .record_audit(
                    self.now(),
                    Actor::Person(person_id),
                    "logout",
                    origin.ip.as_deref(),
                    "",
                )
                .await?;
        }
        Ok(())
    }
}
