//! Bearer tokens for buyers acting through a partner: HS256 pinned, `aud` and `exp` checked,
//! each token tied to a server-side session so ending the session revokes it.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::error::AuthError;
use super::model::CurrentUser;
pub use super::vocabulary::API_TOKEN_LIFETIME;
use crate::Portal;

pub const API_AUDIENCE: &str = "portal-do-cliente-api";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    sid: i64,
    aud: String,
    iat: i64,
    exp: i64,
}

/// A signed token and when it expires (unix seconds).
#[derive(Debug, Clone)]
pub struct ApiToken {
    pub token: String,
    pub expires_at: i64,
}

impl Portal {
    pub(crate) fn sign_api_token(
        &self,
        person_id: i64,
        session_id: i64,
        expires_at: i64,
    ) -> Result<String, AuthError> {
        let claims = Claims {
            sub: person_id.to_string(),
            sid: session_id,
            aud: API_AUDIENCE.to_string(),
            iat: self.now(),
            exp: expires_at,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&self.secret))
            .map_err(|_| AuthError::InvalidToken)
    }

    /// The buyer behind a bearer token: signature, algorithm, audience, expiry (by the portal's
    /// clock) and a live session are all required.
    pub async fn authenticate_api_token(&self, token: &str) -> Result<CurrentUser, AuthError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[API_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        // Expiry is checked below against the portal's clock, which tests control.
        validation.validate_exp = false;
        let data =
            jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(&self.secret), &validation)
                .map_err(|_| AuthError::InvalidToken)?;
        let now = self.now();
        if data.claims.exp <= now {
            return Err(AuthError::InvalidToken);
        }
        let session =
            self.store.live_api_session(data.claims.sid, now).await?.ok_or(AuthError::InvalidToken)?;
        if session.person_id.to_string() != data.claims.sub {
            return Err(AuthError::InvalidToken);
        }
        Ok(session.user())
    }

    /// Ends the API session behind a valid token.
    pub async fn revoke_api_token(&self, token: &str) -> Result<(), AuthError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[API_AUDIENCE]);
        validation.validate_exp = false;
        let data =
            jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(&self.secret), &validation)
                .map_err(|_| AuthError::InvalidToken)?;
        // A token whose session already ended is invalid here too, as on every other call.
        if self.store.delete_session_by_id(data.claims.sid).await? {
            Ok(())
        } else {
            Err(AuthError::InvalidToken)
        }
    }
}
