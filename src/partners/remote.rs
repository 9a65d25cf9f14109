//! Seed 003's remote login: a partner's key, single-use 5-minute login tokens, and the
//! remote-login profiles that say whom a partner may sign in. Beyond the seed: a partner that
//! names a person who already had an account only gets a request the person must accept while
//! signed in, so knowing a CPF and an e-mail signs nobody in.

use super::admin::{origins_of, scopes_of, subject_of};
use super::model::{MyPartner, PartnerScope};
use super::store::PartnerRecord;
use crate::audit::Actor;
use crate::auth::vocabulary::{new_token, token_hash};
use crate::auth::{AuthError, CurrentUser, NewSession, RequestOrigin, SessionKind};
use crate::br::TaxId;
use crate::ratelimit::{RateLimit, RetryAfter};
use crate::store::{is_unique_violation, StoreError};
use crate::time_br::format_timestamp;
use crate::Portal;

/// A login token lives this long (seed 003: 5 minutes).
pub const LOGIN_TOKEN_LIFETIME: i64 = 5 * 60;
/// Seed 003's limits: tokens per key, and remote users per key and per IP.
pub const LOGIN_TOKENS_PER_KEY: RateLimit =
    RateLimit { name: "remote-login-key", limit: 100, window_seconds: 60 };
pub const REMOTE_USERS_PER_KEY: RateLimit =
    RateLimit { name: "remote-users-key", limit: 20, window_seconds: 60 };
pub const REMOTE_USERS_PER_IP: RateLimit =
    RateLimit { name: "remote-users-ip", limit: 20, window_seconds: 60 };
/// Seed 003's "muito longo".
const MAX_USERNAME_CHARS: usize = 60;

/// A partner app behind a valid key.
#[derive(Debug, Clone)]
pub struct PartnerApp {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<PartnerScope>,
    pub origins: Vec<String>,
}

impl PartnerApp {
    fn of(record: PartnerRecord) -> Self {
        PartnerApp {
            id: record.id,
            scopes: scopes_of(&record.scopes),
            origins: origins_of(&record.origins),
            name: record.name,
        }
    }
}

/// What a partner call can answer; each API family maps it to its seed's shape.
#[derive(Debug, thiserror::Error)]
pub enum PartnerError {
    /// No key, an unknown one, a revoked one, or one past its grace period.
    #[error("invalid api key")]
    InvalidKey,
    /// The key is valid but its partner lacks the scope.
    #[error("scope missing")]
    ScopeMissing,
    #[error("rate limited")]
    RateLimited(RetryAfter),
    #[error("unknown user")]
    UnknownUser,
    /// The person exists but the partner may not sign them in (or remove them).
    #[error("not a remote-login user of this partner")]
    NotAllowed,
    /// Unknown, used or expired login token.
    #[error("invalid login token")]
    InvalidToken,
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AuthError> for PartnerError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::Store(error) => Self::Store(error),
            AuthError::RateLimited(retry) => Self::RateLimited(retry),
            _ => Self::InvalidToken,
        }
    }
}

/// A login token just issued.
#[derive(Debug, Clone)]
pub struct LoginToken {
    pub token: String,
    pub expires_at: i64,
    pub login_url: String,
}

/// What create-remote-user did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteUser {
    /// A new person, unconfirmed until staff confirm their CPF/CNPJ; the partner may sign them in.
    Created,
    /// The person already had an account: they were asked by e-mail to allow the partner.
    AwaitingConsent,
}

fn parse_username(username: &str) -> Result<TaxId, PartnerError> {
    let username = username.trim();
    if username.is_empty() {
        return Err(PartnerError::Invalid("Username ausente.".into()));
    }
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(PartnerError::Invalid("Username muito longo.".into()));
    }
    TaxId::parse(username)
        .map_err(|_| PartnerError::Invalid("Username deve ser um CPF ou CNPJ válido.".into()))
}

impl Portal {
    /// The partner holding `key`, counted against its own per-minute limit, if it has `scope`.
    pub async fn authenticate_partner(
        &self,
        key: &str,
        scope: PartnerScope,
    ) -> Result<PartnerApp, PartnerError> {
        let now = self.now();
        let record = self
            .store
            .partner_by_key(&super::keys::key_hash(key.trim()), now)
            .await?
            .ok_or(PartnerError::InvalidKey)?;
        self.admit_partner(record, Some(scope), now).await
    }

    /// A partner found by key or access token: counted against its own per-minute limit, and
    /// refused without `scope` (when one is needed).
    pub(super) async fn admit_partner(
        &self,
        record: PartnerRecord,
        scope: Option<PartnerScope>,
        now: i64,
    ) -> Result<PartnerApp, PartnerError> {
        let limit = RateLimit { name: "partner-key", limit: record.requests_per_minute, window_seconds: 60 };
        self.store
            .hit_rate_limit(&limit, &format!("partner:{}", record.id), now)
            .await?
            .map_err(PartnerError::RateLimited)?;
        self.store.touch_partner(record.id, now).await?;
        let partner = PartnerApp::of(record);
        if scope.is_some_and(|scope| !partner.scopes.contains(&scope)) {
            return Err(PartnerError::ScopeMissing);
        }
        Ok(partner)
    }

    async fn partner_limit(&self, rule: &RateLimit, key: &str) -> Result<(), PartnerError> {
        self.store.hit_rate_limit(rule, key, self.now()).await?.map_err(PartnerError::RateLimited)
    }

    async fn audit_partner_use(
        &self,
        partner: &PartnerApp,
        action: &str,
        ip: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.store
            .record_audit_about(
                self.now(),
                Actor::Partner(partner.id),
                action,
                ip,
                &subject_of(partner.id),
                detail,
            )
            .await
    }

    /// Seed 003 generate-login-token: a single-use token for a person the partner may sign in.
    pub async fn generate_login_token(
        &self,
        partner: &PartnerApp,
        username: &str,
        ip: Option<&str>,
    ) -> Result<LoginToken, PartnerError> {
        self.partner_limit(&LOGIN_TOKENS_PER_KEY, &format!("partner:{}", partner.id)).await?;
        let document = parse_username(username).map_err(|error| match error {
            PartnerError::Invalid(_) if !username.trim().is_empty() => PartnerError::UnknownUser,
            other => other,
        })?;
        let person =
            self.store.person_by_tax_id(document.canonical()).await?.ok_or(PartnerError::UnknownUser)?;
        let status = self.store.partner_person_status(partner.id, person.id).await?;
        if status.as_deref() != Some("ativo") || person.blocked != 0 {
            return Err(PartnerError::NotAllowed);
        }
        let now = self.now();
        let token = new_token();
        let expires_at = now + LOGIN_TOKEN_LIFETIME;
        self.store.insert_login_token(&token_hash(&token), partner.id, person.id, now, expires_at).await?;
        self.audit_partner_use(partner, "partner_login_token_issued", ip, &format!("pessoa {}", person.id))
            .await?;
        let login_url = format!("{}/custom-login?token={token}", self.public_url);
        Ok(LoginToken { token, expires_at, login_url })
    }

    /// Uses a login token once and opens a browser session for its person, rotating
    /// `previous_token`. `partner` is the caller of login-with-token (its own tokens only); the
    /// browser redirect has none. The session and the partner's origins (for the redirect).
    pub async fn login_with_partner_token(
        &self,
        token: &str,
        partner: Option<&PartnerApp>,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<(NewSession, Vec<String>), PartnerError> {
        let now = self.now();
        let (partner_id, person_id) = self
            .store
            .use_login_token(&token_hash(token.trim()), partner.map(|partner| partner.id), now)
            .await?
            .ok_or(PartnerError::InvalidToken)?;
        let record = self.store.partner_record(partner_id).await?.ok_or(PartnerError::InvalidToken)?;
        let method = format!("parceiro {}", record.name);
        let session = self
            .open_session(person_id, previous_token, origin, SessionKind::Browser, &method, false)
            .await?;
        let used_by = PartnerApp::of(record);
        let how = if partner.is_some() { "backend" } else { "navegador" };
        let detail = format!("pessoa {person_id} · {how}");
        self.audit_partner_use(&used_by, "partner_login_used", origin.ip.as_deref(), &detail).await?;
        Ok((session, used_by.origins))
    }

    /// Seed 003 create-remote-user. The username is the person's CPF/CNPJ.
    pub async fn create_remote_user(
        &self,
        partner: &PartnerApp,
        username: &str,
        email: &str,
        name: Option<&str>,
        ip: Option<&str>,
    ) -> Result<RemoteUser, PartnerError> {
        self.remote_users_limits(partner, ip).await?;
        let document = parse_username(username)?;
        let email = crate::registration::service::parse_email(email)
            .map_err(|_| PartnerError::Invalid("E-mail inválido.".into()))?;
        let now = self.now();
        if let Some(person) = self.store.person_by_tax_id(document.canonical()).await? {
            if !person.email.eq_ignore_ascii_case(&email) {
                return Err(PartnerError::Conflict("CPF/CNPJ já cadastrado com outro e-mail.".into()));
            }
            if !self.store.insert_partner_person(partner.id, person.id, "pendente", "aceite", now).await? {
                return Err(PartnerError::Conflict("Usuário já cadastrado para este parceiro.".into()));
            }
            let link = format!("{}/conta/sessoes#parceiros", self.public_url);
            let message = crate::notifications::templates::partner_consent_request(
                &person.email,
                &person.name,
                &partner.name,
                &link,
            );
            self.notify(&message).await?;
            self.audit_partner_use(
                partner,
                "partner_consent_requested",
                ip,
                &format!("pessoa {}", person.id),
            )
            .await?;
            return Ok(RemoteUser::AwaitingConsent);
        }
        if self.store.email_taken(&email).await? {
            return Err(PartnerError::Conflict("E-mail já cadastrado.".into()));
        }
        let name = name.map(str::trim).filter(|name| !name.is_empty() && name.chars().count() <= 120);
        let kind = match document {
            TaxId::Cpf(_) => "PF",
            TaxId::Cnpj(_) => "PJ",
        };
        let person_id = match self
            .store
            .insert_partner_created_person(kind, name.unwrap_or(&email), document.canonical(), &email, now)
            .await
        {
            Ok(id) => id,
            Err(error) if is_unique_violation(&error) => {
                return Err(PartnerError::Conflict("Usuário ou e-mail já cadastrado.".into()))
            }
            Err(error) => return Err(error.into()),
        };
        self.store.insert_partner_person(partner.id, person_id, "ativo", "criado", now).await?;
        self.audit_partner_use(partner, "partner_user_created", ip, &format!("pessoa {person_id}")).await?;
        Ok(RemoteUser::Created)
    }

    /// Seed 003 delete-remote-user: removes the partner's profile, never the person.
    pub async fn delete_remote_user(
        &self,
        partner: &PartnerApp,
        username: &str,
        ip: Option<&str>,
    ) -> Result<(), PartnerError> {
        self.remote_users_limits(partner, ip).await?;
        let document = match parse_username(username) {
            Ok(document) => document,
            Err(PartnerError::Invalid(message))
                if message != "Username muito longo." && !username.trim().is_empty() =>
            {
                return Err(PartnerError::UnknownUser)
            }
            Err(error) => return Err(error),
        };
        let person =
            self.store.person_by_tax_id(document.canonical()).await?.ok_or(PartnerError::UnknownUser)?;
        if !self.store.delete_partner_person(partner.id, person.id).await? {
            return Err(PartnerError::NotAllowed);
        }
        self.audit_partner_use(partner, "partner_user_deleted", ip, &format!("pessoa {}", person.id)).await?;
        Ok(())
    }

    async fn remote_users_limits(&self, partner: &PartnerApp, ip: Option<&str>) -> Result<(), PartnerError> {
        self.partner_limit(&REMOTE_USERS_PER_KEY, &format!("partner:{}", partner.id)).await?;
        self.partner_limit(&REMOTE_USERS_PER_IP, ip.unwrap_or("sem-ip")).await
    }

    /// Where a hand-off may send the buyer: see [`super::redirect::allowed_redirect`].
    pub fn allowed_redirect(&self, target: &str, partner_origins: &[String]) -> Option<String> {
        super::redirect::allowed_redirect(target, &self.public_url, partner_origins)
    }

    /// The CPF/CNPJ (stored form) that is a person's username for partners.
    pub async fn document_of(&self, person_id: i64) -> Result<String, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT document FROM person WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&self.store.pool)
            .await?;
        Ok(row.map(|(document,)| document).unwrap_or_default())
    }

    /// The partners a buyer allowed, or was asked to allow, to open the portal for them.
    pub async fn my_partners(&self, user: &CurrentUser) -> Result<Vec<MyPartner>, StoreError> {
        let records = self.store.partners_of_person(user.person_id).await?;
        Ok(records
            .into_iter()
            .map(|record| MyPartner {
                partner_id: record.partner_id,
                name: record.name,
                pending: record.status == "pendente",
                since: format_timestamp(record.created_at),
            })
            .collect())
    }

    /// The buyer accepts a partner's request: it may sign them in from now on.
    pub async fn accept_partner(
        &self,
        user: &CurrentUser,
        partner_id: i64,
        origin: &RequestOrigin,
    ) -> Result<bool, StoreError> {
        let now = self.now();
        let accepted = self.store.activate_partner_person(partner_id, user.person_id, "aceite", now).await?;
        if accepted {
            let subject = subject_of(partner_id);
            let actor = Actor::Person(user.person_id);
            let ip = origin.ip.as_deref();
            self.store.record_audit_about(now, actor, "partner_consent_given", ip, &subject, "").await?;
        }
        Ok(accepted)
    }

    /// The buyer withdraws (or refuses) a partner: its tokens stop working at once.
    pub async fn revoke_my_partner(
        &self,
        user: &CurrentUser,
        partner_id: i64,
        origin: &RequestOrigin,
    ) -> Result<bool, StoreError> {
        let removed = self.store.delete_partner_person(partner_id, user.person_id).await?;
        if removed {
            let subject = subject_of(partner_id);
            let actor = Actor::Person(user.person_id);
            let ip = origin.ip.as_deref();
            self.store
                .record_audit_about(self.now(), actor, "partner_consent_withdrawn", ip, &subject, "")
                .await?;
        }
        Ok(removed)
    }
}
