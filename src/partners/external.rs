//! Seed 000's external login (`POST /autenticacao-externa/{origem}`): an origem the company
//! trusts signs a short JWT naming the person by CPF/CNPJ; the portal checks it offline
//! (pinned algorithm, its own key or JWKS, `iss`, `aud`, `exp`, `iat`, a `jti` never seen
//! before) and answers a token like a password login.

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sqlx::FromRow;

use super::admin::{scopes_of, subject_of};
use super::model::PartnerScope;
use crate::audit::Actor;
use crate::auth::{AuthError, NewSession, RequestOrigin, SessionKind};
use crate::br::TaxId;
use crate::ratelimit::LOGIN_PER_IP;
use crate::store::{Store, StoreError};
use crate::Portal;

/// The longest an assertion may be valid (`exp - iat`): a hand-off, not a session.
pub const MAX_ASSERTION_LIFETIME: i64 = 10 * 60;
/// Clock difference tolerated between the origem and the portal.
const CLOCK_SKEW: i64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum ExternalLoginError {
    #[error("unknown origem")]
    UnknownOrigin,
    /// Why the assertion was refused, in a sentence for the integrator.
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct OriginRecord {
    pub id: i64,
    pub partner_id: i64,
    pub partner_scopes: String,
    pub slug: String,
    pub issuer: String,
    pub audience: String,
    pub algorithm: String,
    pub key_text: String,
}

#[derive(Deserialize)]
struct Assertion {
    sub: String,
    exp: i64,
    iat: i64,
    #[serde(default)]
    nbf: Option<i64>,
    jti: String,
}

/// The algorithm an origem is pinned to.
pub fn algorithm_of(code: &str) -> Option<Algorithm> {
    match code {
        "EdDSA" => Some(Algorithm::EdDSA),
        "RS256" => Some(Algorithm::RS256),
        _ => None,
    }
}

/// True when a JWKS entry is of the family `algorithm` needs.
pub(crate) fn key_fits(parameters: &AlgorithmParameters, algorithm: Algorithm) -> bool {
    matches!(
        (parameters, algorithm),
        (AlgorithmParameters::OctetKeyPair(_), Algorithm::EdDSA)
            | (AlgorithmParameters::RSA(_), Algorithm::RS256)
    )
}

/// The key that checks an assertion of `algorithm` with key id `kid`: the PEM itself, or the
/// JWKS entry of the algorithm's family with that `kid` (the only one, when there is no `kid`).
pub fn decoding_key(
    key_text: &str,
    algorithm: Algorithm,
    kid: Option<&str>,
) -> Result<DecodingKey, &'static str> {
    let text = key_text.trim();
    if text.starts_with('{') {
        let set: JwkSet = serde_json::from_str(text).map_err(|_| "JWKS inválido.")?;
        let family: Vec<_> = set.keys.iter().filter(|jwk| key_fits(&jwk.algorithm, algorithm)).collect();
        let jwk = match kid {
            Some(kid) => family.into_iter().find(|jwk| jwk.common.key_id.as_deref() == Some(kid)),
            None if family.len() == 1 => family.into_iter().next(),
            None => None,
        };
        let jwk = jwk.ok_or("Nenhuma chave do JWKS corresponde ao kid e ao algoritmo da asserção.")?;
        return DecodingKey::from_jwk(jwk).map_err(|_| "Chave do JWKS inválida.");
    }
    match algorithm {
        Algorithm::EdDSA => {
            DecodingKey::from_ed_pem(text.as_bytes()).map_err(|_| "Chave pública Ed25519 (PEM) inválida.")
        }
        Algorithm::RS256 => {
            DecodingKey::from_rsa_pem(text.as_bytes()).map_err(|_| "Chave pública RSA (PEM) inválida.")
        }
        _ => Err("Algoritmo não aceito."),
    }
}

impl Portal {
    /// Signs in the person an origem's assertion names; a token like `/autenticacao`.
    #[tracing::instrument(skip_all, fields(origem = slug, ip = origin.ip.as_deref()))]
    pub async fn login_external(
        &self,
        slug: &str,
        assertion: &str,
        origin: &RequestOrigin,
    ) -> Result<NewSession, ExternalLoginError> {
        let now = self.now();
        self.limit(&LOGIN_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now).await?;
        let record = self.store.live_external_origin(slug).await?.ok_or(ExternalLoginError::UnknownOrigin)?;
        if !scopes_of(&record.partner_scopes).contains(&PartnerScope::ExternalLogin) {
            return Err(ExternalLoginError::UnknownOrigin);
        }
        let algorithm = algorithm_of(&record.algorithm).ok_or(ExternalLoginError::UnknownOrigin)?;
        let header = jsonwebtoken::decode_header(assertion.trim())
            .map_err(|_| ExternalLoginError::Invalid("Asserção malformada: esperado um JWT assinado."))?;
        if header.alg != algorithm {
            return Err(ExternalLoginError::Invalid(
                "Algoritmo da asserção diferente do configurado para a origem.",
            ));
        }
        let key = decoding_key(&record.key_text, algorithm, header.kid.as_deref())
            .map_err(ExternalLoginError::Invalid)?;
        let mut validation = Validation::new(algorithm);
        // Times are checked below by the portal's clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[&record.issuer]);
        validation.set_audience(&[&record.audience]);
        let claims = jsonwebtoken::decode::<Assertion>(assertion.trim(), &key, &validation)
            .map_err(|error| {
                use jsonwebtoken::errors::ErrorKind;
                ExternalLoginError::Invalid(match error.kind() {
                    ErrorKind::InvalidSignature => "Assinatura inválida.",
                    ErrorKind::InvalidIssuer => "iss diferente do emissor configurado.",
                    ErrorKind::InvalidAudience => "aud diferente da audiência configurada.",
                    ErrorKind::MissingRequiredClaim(_) => "Faltam claims: aud e iss são obrigatórios.",
                    ErrorKind::Json(_) => "Faltam claims: sub, exp, iat e jti são obrigatórios.",
                    _ => "Asserção inválida.",
                })
            })?
            .claims;
        if claims.exp <= now {
            return Err(ExternalLoginError::Invalid("Asserção expirada (exp)."));
        }
        if claims.iat > now + CLOCK_SKEW || claims.nbf.is_some_and(|nbf| nbf > now + CLOCK_SKEW) {
            return Err(ExternalLoginError::Invalid("iat (ou nbf) no futuro."));
        }
        if claims.exp - claims.iat > MAX_ASSERTION_LIFETIME {
            return Err(ExternalLoginError::Invalid("Asserção longa demais: exp - iat passa de 10 minutos."));
        }
        let jti = claims.jti.trim();
        if jti.is_empty() || jti.len() > 200 {
            return Err(ExternalLoginError::Invalid("jti ausente ou longo demais."));
        }
        let document = TaxId::parse(&claims.sub)
            .map_err(|_| ExternalLoginError::Invalid("sub deve ser um CPF ou CNPJ válido."))?;
        let person = self.store.person_by_tax_id(document.canonical()).await?;
        let person = person.filter(|person| person.blocked == 0);
        let person =
            person.ok_or(ExternalLoginError::Invalid("Nenhuma pessoa com acesso tem este CPF/CNPJ."))?;
        // Recorded before the session opens: a replay, even at the same instant, finds it.
        if !self.store.remember_assertion(record.id, jti, claims.exp, now).await? {
            return Err(ExternalLoginError::Invalid("Asserção já usada (jti repetido)."));
        }
        let method = format!("externa {}", record.slug);
        let session = self.open_session(person.id, None, origin, SessionKind::Api, &method, false).await?;
        self.store
            .record_audit_about(
                now,
                Actor::Partner(record.partner_id),
                "partner_external_login",
                origin.ip.as_deref(),
                &subject_of(record.partner_id),
                &format!("origem {} · pessoa {}", record.slug, person.id),
            )
            .await?;
        Ok(session)
    }
}

impl Store {
    async fn live_external_origin(&self, slug: &str) -> Result<Option<OriginRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.partner_id, a.scopes AS partner_scopes, o.slug, o.issuer, o.audience, o.algorithm, o.key_text \
             FROM external_origin o JOIN partner_app a ON a.id = o.partner_id \
             WHERE o.slug = $1 AND o.removed_at IS NULL AND a.revoked_at IS NULL",
        )
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Records a jti until its assertion expires; false when it was already there.
    async fn remember_assertion(
        &self,
        origin_id: i64,
        jti: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM external_assertion WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO external_assertion (origin_id, jti, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (origin_id, jti) DO NOTHING",
        )
        .bind(origin_id)
        .bind(jti)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
