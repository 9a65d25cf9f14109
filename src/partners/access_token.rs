//! Short-lived access tokens for partner backends that speak JWT (seed 004 asks for
//! `Authorization: Bearer {access_token}`): a partner exchanges its API key, client-credentials
//! style, for a 15-minute HS256 token. The token names the key it came from, so rotating past
//! the grace period or revoking the partner ends it at once, as it ends the key.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::keys::{key_hash, visible_prefix};
use super::model::PartnerScope;
use super::remote::{PartnerApp, PartnerError};
use crate::Portal;

pub const PARTNER_TOKEN_LIFETIME: i64 = 15 * 60;
const PARTNER_AUDIENCE: &str = "portal-do-cliente-parceiro";

#[derive(Debug, Serialize, Deserialize)]
struct PartnerClaims {
    sub: String,
    /// The visible prefix of the key exchanged.
    kp: String,
    aud: String,
    iat: i64,
    exp: i64,
}

/// An access token and its lifetime in seconds.
#[derive(Debug, Clone)]
pub struct PartnerAccessToken {
    pub token: String,
    pub expires_in: i64,
}

impl Portal {
    /// Exchanges a valid API key for an access token.
    pub async fn issue_partner_token(&self, key: &str) -> Result<PartnerAccessToken, PartnerError> {
        let key = key.trim();
        let now = self.now();
        let record = self.store.partner_by_key(&key_hash(key), now).await?.ok_or(PartnerError::InvalidKey)?;
        let partner = self.admit_partner(record, None, now).await?;
        let claims = PartnerClaims {
            sub: partner.id.to_string(),
            kp: visible_prefix(key),
            aud: PARTNER_AUDIENCE.into(),
            iat: now,
            exp: now + PARTNER_TOKEN_LIFETIME,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&self.secret),
        )
        .map_err(|_| PartnerError::InvalidKey)?;
        self.store
            .record_audit_about(
                now,
                crate::audit::Actor::Partner(partner.id),
                "partner_token_issued",
                None,
                &format!("partner:{}", partner.id),
                &claims.kp,
            )
            .await?;
        Ok(PartnerAccessToken { token, expires_in: PARTNER_TOKEN_LIFETIME })
    }

    /// The partner behind an access token: signature, algorithm, audience and expiry by the
    /// portal's clock; the key it came from still valid; the partner live and holding `scope`.
    /// The partner behind a bearer that is either its API key (told by the key's prefix) or an
    /// access token from [`Portal::issue_partner_token`].
    pub async fn authenticate_partner_bearer(
        &self,
        bearer: &str,
        scope: PartnerScope,
    ) -> Result<PartnerApp, PartnerError> {
        if bearer.starts_with(super::KEY_PREFIX) {
            self.authenticate_partner(bearer, scope).await
        } else {
            self.authenticate_partner_token(bearer, scope).await
        }
    }

    pub async fn authenticate_partner_token(
        &self,
        token: &str,
        scope: PartnerScope,
    ) -> Result<PartnerApp, PartnerError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[PARTNER_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        validation.validate_exp = false;
        let claims = jsonwebtoken::decode::<PartnerClaims>(
            token.trim(),
            &DecodingKey::from_secret(&self.secret),
            &validation,
        )
        .map_err(|_| PartnerError::InvalidKey)?
        .claims;
        let now = self.now();
        if claims.exp <= now {
            return Err(PartnerError::InvalidKey);
        }
        let id: i64 = claims.sub.parse().map_err(|_| PartnerError::InvalidKey)?;
        let record = self.store.partner_record(id).await?.ok_or(PartnerError::InvalidKey)?;
        let previous_still_valid = record.previous_key_prefix.as_deref() == Some(claims.kp.as_str())
            && record.previous_key_expires_at.is_some_and(|until| until > now);
        if record.revoked_at.is_some() || (record.key_prefix != claims.kp && !previous_still_valid) {
            return Err(PartnerError::InvalidKey);
        }
        self.admit_partner(record, Some(scope), now).await
    }
}
