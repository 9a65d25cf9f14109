//! One-time codes: 6 digits from the OS CSPRNG, stored as an HMAC, valid 10 minutes, single
//! use, burnt after 5 wrong tries; a new code invalidates the previous one.

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

use super::error::AuthError;
use super::store::NewChallenge;
use super::vocabulary::{classify, Identifier, NewSession, RequestOrigin, SessionKind};
use crate::audit::Actor;
use crate::notifications::{templates, Channel};
use crate::ratelimit::{CODE_CHECK_PER_IP, CODE_SEND_PER_DESTINATION, CODE_SEND_PER_IP};
use crate::Portal;

pub const CODE_LIFETIME_SECONDS: i64 = 10 * 60;
pub const MAX_CODE_ATTEMPTS: i64 = 5;

/// What the person gets back after asking for a code: the same for every identifier.
#[derive(Debug, Clone)]
pub struct CodeChallenge {
    /// Opaque; the code page and the partner send it back with the code.
    pub id: String,
    pub expires_at: i64,
}

/// What a code is for; a code only works for its own purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    Login,
    PasswordReset,
    FirstAccess,
}

impl CodePurpose {
    fn code(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::PasswordReset => "password_reset",
            Self::FirstAccess => "first_access",
        }
    }
}

/// A right code, not yet used up: its challenge row, its person, and whether it went by e-mail
/// (which proves the mailbox).
struct CheckedCode {
    row: i64,
    person_id: i64,
    by_email: bool,
}

impl Portal {
    /// Checks a code without using it up; wrong codes count towards burning the challenge.
    async fn check_code(
        &self,
        challenge_id: &str,
        code: &str,
        purpose: CodePurpose,
        origin: &RequestOrigin,
    ) -> Result<CheckedCode, AuthError> {
        let now = self.now();
        self.limit(&CODE_CHECK_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now).await?;
        let code = code.trim();
        let Some(challenge) = self.store.live_challenge(challenge_id, purpose.code(), now).await? else {
            return Err(AuthError::InvalidCode);
        };
        if !self.store.reserve_code_attempt(challenge.id, MAX_CODE_ATTEMPTS).await? {
            return Err(AuthError::InvalidCode);
        }
        let matches = code.len() == 6 && self.code_hash(challenge_id, code) == challenge.code_hash;
        match (matches, challenge.person_id) {
            (true, Some(person_id)) => {
                self.store.return_code_attempt(challenge.id).await?;
                let by_email = challenge.channel == Channel::Email.code();
                Ok(CheckedCode { row: challenge.id, person_id, by_email })
            }
            (_, person) => {
                self.store.burn_exhausted_challenge(challenge.id, MAX_CODE_ATTEMPTS, now).await?;
                let actor = person.map_or(Actor::Anonymous, Actor::Person);
                self.store
                    .record_audit(now, actor, "code_failed", origin.ip.as_deref(), purpose.code())
                    .await?;
                Err(AuthError::InvalidCode)
            }
        }
    }

    /// Uses a checked code up; a lost race (used a moment ago) is an invalid code. A code that
    /// went by e-mail also proves the mailbox: a new registration is confirmed (and welcomed).
    async fn consume_code(&self, checked: &CheckedCode, origin: &RequestOrigin) -> Result<(), AuthError> {
        if !self.store.use_challenge(checked.row, self.now()).await? {
            return Err(AuthError::InvalidCode);
        }
        let person_id = checked.person_id;
        if checked.by_email && self.store.confirm_email(person_id).await? {
            self.store
                .record_audit(
                    self.now(),
                    Actor::Person(person_id),
                    "email_confirmed",
                    origin.ip.as_deref(),
                    "",
                )
                .await?;
            if let Some(account) = self.store.account_of(person_id).await? {
                self.notify(&templates::welcome(&account.email, &account.name)).await?;
            }
        }
        Ok(())
    }

    /// Sends a new registration the code that confirms its e-mail (a sign-in code: using it
    /// signs in). Counts towards the e-mail's code limit, like any code sent there.
    pub(crate) async fn send_email_confirmation(
        &self,
        person_id: i64,
        email: &str,
        name: &str,
        origin: &RequestOrigin,
    ) -> Result<CodeChallenge, AuthError> {
        let now = self.now();
        let key = classify(email).rate_key();
        self.limit(&CODE_SEND_PER_DESTINATION, &format!("{}:{key}", Channel::Email.code()), now).await?;
        let purpose = CodePurpose::Login;
        let (challenge, code) = self.new_challenge(Some(person_id), purpose, Channel::Email, now).await?;
        self.notify(&templates::email_confirmation_code(email, name, &code, CODE_LIFETIME_SECONDS / 60))
            .await?;
        self.store
            .record_audit(
                now,
                Actor::Person(person_id),
                "code_sent",
                origin.ip.as_deref(),
                "email_confirmation",
            )
            .await?;
        Ok(challenge)
    }

    /// A fresh challenge (replacing the person's earlier ones of `purpose`) and its code.
    async fn new_challenge(
        &self,
        person_id: Option<i64>,
        purpose: CodePurpose,
        channel: Channel,
        now: i64,
    ) -> Result<(CodeChallenge, String), AuthError> {
        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill(&mut random);
        let id = hex::encode(random);
        let expires_at = now + CODE_LIFETIME_SECONDS;
        if let Some(person_id) = person_id {
            self.store.invalidate_challenges(person_id, purpose.code(), now).await?;
        }
        self.store
            .insert_challenge(&NewChallenge {
                public_id: &id,
                person_id,
                purpose: purpose.code(),
                channel: channel.code(),
                code_hash: &self.code_hash(&id, &code),
                now,
                expires_at,
            })
            .await?;
        Ok((CodeChallenge { id, expires_at }, code))
    }

    /// Sets a new password with a code from [`Portal::request_password_code`], ends every
    /// other session of the person, and opens a new one. The password rules are checked
    /// before the code is used up, so a refused password can be corrected with the same code.
    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn set_password_with_code(
        &self,
        challenge_id: &str,
        code: &str,
        purpose: CodePurpose,
        new_password: &str,
        confirmation: &str,
        origin: &RequestOrigin,
        kind: SessionKind,
    ) -> Result<NewSession, super::account::PasswordChangeError> {
        use super::model::{check_new_password, PasswordRule};
        let checked = self.check_code(challenge_id, code, purpose, origin).await?;
        let person_id = checked.person_id;
        let account = self.store.account_of(person_id).await?.ok_or(AuthError::InvalidCode)?;
        check_new_password(new_password, &[&account.email, &account.document])?;
        if let Some(rule) = super::password::strength_rule(new_password, &[&account.email, &account.document])
        {
            return Err(rule.into());
        }
        if new_password != confirmation {
            return Err(PasswordRule::ConfirmationMismatch.into());
        }
        self.consume_code(&checked, origin).await?;
        let hash = self.passwords.hash(new_password).await.map_err(|_| AuthError::InvalidCode)?;
        self.store.set_password(person_id, &hash).await?;
        self.store.delete_all_sessions(person_id).await?;
        self.store
            .record_audit(
                self.now(),
                Actor::Person(person_id),
                "password_changed",
                origin.ip.as_deref(),
                purpose.code(),
            )
            .await?;
        self.notify(&templates::password_changed(&account.email, &account.name, self.now())).await?;
        Ok(self.open_session(person_id, None, origin, kind, purpose.code(), false).await?)
    }

    pub(crate) fn code_hash(&self, challenge_id: &str, code: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(challenge_id.as_bytes());
        mac.update(b":");
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Sends a sign-in code by e-mail or SMS (SMS only to a verified phone). Answers the same
    /// challenge shape whether or not the account exists or the channel is available.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn request_login_code(
        &self,
        identifier: &str,
        channel: Channel,
        origin: &RequestOrigin,
    ) -> Result<CodeChallenge, AuthError> {
        self.request_code(identifier, channel, CodePurpose::Login, origin).await
    }

    /// Sends a code to create a new password (forgotten password, or first access of a buyer
    /// provisioned by staff). Same enumeration-safe answer as the login code.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn request_password_code(
        &self,
        identifier: &str,
        channel: Channel,
        purpose: CodePurpose,
        origin: &RequestOrigin,
    ) -> Result<CodeChallenge, AuthError> {
        self.request_code(identifier, channel, purpose, origin).await
    }

    async fn request_code(
        &self,
        identifier: &str,
        channel: Channel,
        purpose: CodePurpose,
        origin: &RequestOrigin,
    ) -> Result<CodeChallenge, AuthError> {
        let now = self.now();
        let ip = origin.ip.as_deref().unwrap_or("sem-ip");
        self.limit(&CODE_SEND_PER_IP, ip, now).await?;
        let key = classify(identifier).rate_key();
        self.limit(&CODE_SEND_PER_DESTINATION, &format!("{}:{key}", channel.code()), now).await?;

        let recipient = match classify(identifier) {
            Identifier::Unusable => None,
            known => self.store.code_recipient(&known).await?,
        };
        let destination = recipient.as_ref().and_then(|person| match channel {
            Channel::Email => Some(person.email.clone()),
            Channel::Sms => person.phone.clone().filter(|_| person.phone_verified != 0),
        });

        let person_id = destination.as_ref().and(recipient.as_ref()).map(|person| person.id);
        let (challenge, code) = self.new_challenge(person_id, purpose, channel, now).await?;
        let detail = format!("{} {}", purpose.code(), channel.code());
        if let (Some(person), Some(destination)) = (recipient, destination) {
            let minutes = CODE_LIFETIME_SECONDS / 60;
            let message = match purpose {
                CodePurpose::Login => {
                    templates::login_code(channel, &destination, &person.name, &code, minutes)
                }
                CodePurpose::PasswordReset | CodePurpose::FirstAccess => {
                    templates::password_code(channel, &destination, &person.name, &code, minutes)
                }
            };
            self.notify(&message).await?;
            self.store
                .record_audit(now, Actor::Person(person.id), "code_sent", origin.ip.as_deref(), &detail)
                .await?;
        } else {
            // Probing for accounts shows in the audit trail, and costs the same writes.
            self.store
                .record_audit(now, Actor::Anonymous, "code_not_sent", origin.ip.as_deref(), &detail)
                .await?;
        }
        Ok(challenge)
    }

    /// Opens a session with a code from [`Portal::request_login_code`]. Wrong, expired, used
    /// and burnt codes all give [`AuthError::InvalidCode`].
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn login_with_code(
        &self,
        challenge_id: &str,
        code: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
        kind: SessionKind,
    ) -> Result<NewSession, AuthError> {
        let checked = self.check_code(challenge_id, code, CodePurpose::Login, origin).await?;
        self.consume_code(&checked, origin).await?;
        self.open_session(checked.person_id, previous_token, origin, kind, "code", false).await
    }
}
