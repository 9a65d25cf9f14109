//! One-time codes: 6 digits from the OS CSPRNG, stored as an HMAC, valid 10 minutes, single
//! use, burnt after 5 wrong tries; a new code invalidates the previous one.

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

use super::service::{classify, AuthError, Identifier, NewSession, RequestOrigin, SessionKind};
use super::store::NewChallenge;
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

impl Portal {
    fn code_hash(&self, challenge_id: &str, code: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(challenge_id.as_bytes());
        mac.update(b":");
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Sends a sign-in code by e-mail or SMS (SMS only to a verified phone). Answers the same
    /// challenge shape whether or not the account exists or the channel is available.
    pub async fn request_login_code(
        &self,
        identifier: &str,
        channel: Channel,
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

        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill(&mut random);
        let id = hex::encode(random);
        let expires_at = now + CODE_LIFETIME_SECONDS;
        let person_id = destination.as_ref().and(recipient.as_ref()).map(|person| person.id);
        if let Some(person_id) = person_id {
            self.store.invalidate_challenges(person_id, "login", now).await?;
        }
        self.store
            .insert_challenge(&NewChallenge {
                public_id: &id,
                person_id,
                purpose: "login",
                channel: channel.code(),
                code_hash: &self.code_hash(&id, &code),
                now,
                expires_at,
            })
            .await?;
        if let (Some(person), Some(destination)) = (recipient, destination) {
            let minutes = CODE_LIFETIME_SECONDS / 60;
            self.notify(&templates::login_code(channel, &destination, &person.name, &code, minutes)).await?;
            self.store
                .record_audit(
                    now,
                    Actor::Person(person.id),
                    "code_sent",
                    origin.ip.as_deref(),
                    channel.code(),
                )
                .await?;
        }
        Ok(CodeChallenge { id, expires_at })
    }

    /// Opens a session with a code from [`Portal::request_login_code`]. Wrong, expired, used
    /// and burnt codes all give [`AuthError::InvalidCode`].
    pub async fn login_with_code(
        &self,
        challenge_id: &str,
        code: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
        kind: SessionKind,
    ) -> Result<NewSession, AuthError> {
        let now = self.now();
        self.limit(&CODE_CHECK_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now).await?;
        let code = code.trim();
        let Some(challenge) = self.store.live_challenge(challenge_id, "login", now).await? else {
            return Err(AuthError::InvalidCode);
        };
        let matches = code.len() == 6 && self.code_hash(challenge_id, code) == challenge.code_hash;
        let person_id = match (matches, challenge.person_id) {
            (true, Some(person_id)) => person_id,
            (_, person) => {
                self.store.count_failed_code(challenge.id, MAX_CODE_ATTEMPTS, now).await?;
                let actor = person.map_or(Actor::Anonymous, Actor::Person);
                self.store.record_audit(now, actor, "code_failed", origin.ip.as_deref(), "login").await?;
                return Err(AuthError::InvalidCode);
            }
        };
        if !self.store.use_challenge(challenge.id, now).await? {
            // Someone else used it a moment ago.
            return Err(AuthError::InvalidCode);
        }
        self.open_session(person_id, previous_token, origin, kind, "code", false).await
    }
}
