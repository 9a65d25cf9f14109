//! Listing portals that connect only through their own OAuth 2.0 flow (Facebook, Instagram,
//! Mercado Livre, OLX). Each needs an app registered with the portal; with one configured
//! (`PORTAL_OAUTH_<PORTAL>_*`) the portal is offered, and an admin connects a company through
//! the authorisation-code flow with PKCE. The state is a read-once draft owned by the admin's
//! session (a callback from another browser, a replay or a forged one finds nothing); the
//! tokens the portal returns are sealed like any credential and never shown.

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::api::CredentialChange;
use super::model::{CredentialField, OAuthFailure};
use super::store::PortalRecord;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::Portal;

const OAUTH_DRAFT: &str = "anuncios-oauth";

/// An app registered with a listing portal's OAuth server.
#[derive(Clone)]
pub struct OAuthApp {
    /// The catalogue's slug: `facebook`, `instagram`, `mercadolivre`, `olx`.
    pub slug: String,
    pub client_id: String,
    pub client_secret: String,
    pub authorize_url: String,
    pub token_url: String,
    /// Space-separated scopes to ask for, if the portal wants any.
    pub scope: Option<String>,
}

impl std::fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthApp")
            .field("slug", &self.slug)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<definido>")
            .field("authorize_url", &self.authorize_url)
            .field("token_url", &self.token_url)
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
struct PendingConnection {
    company_id: i64,
    portal_id: i64,
    verifier: String,
}

impl Portal {
    fn oauth_app(&self, slug: &str) -> Option<&OAuthApp> {
        self.listing_oauth.iter().find(|app| app.slug == slug)
    }

    /// Offered to companies: online in the catalogue, or an OAuth portal with an app here.
    pub(crate) fn portal_online(&self, record: &PortalRecord) -> bool {
        record.is_online == 1 || (record.oauth == 1 && self.oauth_app(&record.slug).is_some())
    }

    fn oauth_redirect(&self) -> String {
        format!("{}/equipe/anuncios/oauth/retorno", self.public_url)
    }

    /// The portal's authorisation address for connecting `company` (a released OAuth portal
    /// with an app here), after keeping the flow's state for `owner`.
    pub async fn begin_listing_oauth(
        &self,
        staff: &CurrentStaff,
        company: &str,
        portal: &str,
        owner: &str,
    ) -> Result<String, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let company_id: i64 = company.trim().parse().map_err(|_| StaffError::NotFound)?;
        let portal_id: i64 = portal.trim().parse().map_err(|_| StaffError::NotFound)?;
        let record = self.store.company_portal(company_id, portal_id).await?.ok_or(StaffError::NotFound)?;
        let app = self.oauth_app(&record.slug).filter(|_| record.oauth == 1 && record.company_id.is_some());
        let app = app.ok_or(StaffError::NotFound)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let pending = PendingConnection { company_id, portal_id, verifier: verifier.secret().clone() };
        let state = self.keep_draft(OAUTH_DRAFT, owner, &pending).await?;
        let client = self.oauth_client(app).map_err(|_| StaffError::NotFound)?;
        let mut request = client.authorize_url(|| CsrfToken::new(state)).set_pkce_challenge(challenge);
        for scope in app.scope.iter().flat_map(|scope| scope.split_whitespace()) {
            request = request.add_scope(Scope::new(scope.to_string()));
        }
        Ok(request.url().0.to_string())
    }

    #[allow(clippy::type_complexity)]
    fn oauth_client(
        &self,
        app: &OAuthApp,
    ) -> Result<
        oauth2::Client<
            oauth2::basic::BasicErrorResponse,
            oauth2::basic::BasicTokenResponse,
            oauth2::basic::BasicTokenIntrospectionResponse,
            oauth2::StandardRevocableToken,
            oauth2::basic::BasicRevocationErrorResponse,
            oauth2::EndpointSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointSet,
        >,
        oauth2::url::ParseError,
    > {
        Ok(BasicClient::new(ClientId::new(app.client_id.clone()))
            .set_client_secret(ClientSecret::new(app.client_secret.clone()))
            .set_auth_uri(AuthUrl::new(app.authorize_url.clone())?)
            .set_token_uri(TokenUrl::new(app.token_url.clone())?)
            .set_redirect_uri(RedirectUrl::new(self.oauth_redirect())?))
    }

    /// The portal came back: exchanges the code (with the PKCE verifier) for tokens, seals them
    /// and switches the portal on. The company's and the portal's ids, to go back to its card.
    pub async fn finish_listing_oauth(
        &self,
        staff: &CurrentStaff,
        state: &str,
        code: Option<&str>,
        denied: bool,
        owner: &str,
    ) -> Result<(i64, i64), (Option<i64>, OAuthFailure)> {
        staff.require(Permission::ManageSettings).map_err(|_| (None, OAuthFailure::Expired))?;
        let pending: Option<PendingConnection> =
            self.take_draft(OAUTH_DRAFT, state, owner).await.map_err(|_| (None, OAuthFailure::Exchange))?;
        let pending = pending.ok_or((None, OAuthFailure::Expired))?;
        let company = Some(pending.company_id);
        let code = match code.filter(|code| !code.is_empty()) {
            Some(code) if !denied => code,
            _ => return Err((company, OAuthFailure::Denied)),
        };
        let record = self
            .store
            .company_portal(pending.company_id, pending.portal_id)
            .await
            .ok()
            .flatten()
            .ok_or((company, OAuthFailure::Expired))?;
        let app = self.oauth_app(&record.slug).ok_or((company, OAuthFailure::Expired))?;
        let client = self.oauth_client(app).map_err(|_| (company, OAuthFailure::Exchange))?;
        // No redirects: a token endpoint that redirects is not followed (SSRF hardening).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .map_err(|_| (company, OAuthFailure::Exchange))?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&http)
            .await
            .map_err(|error| {
                tracing::warn!(portal = %record.slug, error = %error, "OAuth code exchange failed");
                (company, OAuthFailure::Exchange)
            })?;
        // The access token in the token slot; the refresh token, if any, in the password slot.
        let mut change = CredentialChange { active: true, ..Default::default() };
        change.values.insert(CredentialField::Token.code(), tokens.access_token().secret().clone());
        if let Some(refresh) = tokens.refresh_token() {
            change.values.insert(CredentialField::Password.code(), refresh.secret().clone());
        }
        self.write_credentials(&staff.actor(), staff.ip.as_deref(), pending.company_id, &record, &change)
            .await
            .map_err(|_| (company, OAuthFailure::Exchange))?;
        Ok((pending.company_id, pending.portal_id))
    }

    /// Disconnects an OAuth portal: off, and its tokens forgotten.
    pub async fn staff_disconnect_listing_oauth(
        &self,
        staff: &CurrentStaff,
        company: &str,
        portal: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let company_id: i64 = company.trim().parse().map_err(|_| StaffError::NotFound)?;
        let portal_id: i64 = portal.trim().parse().map_err(|_| StaffError::NotFound)?;
        let record = self.store.company_portal(company_id, portal_id).await?.ok_or(StaffError::NotFound)?;
        if record.oauth != 1 || record.company_id.is_none() {
            return Err(StaffError::NotFound);
        }
        if self.store.forget_listing_secrets(company_id, portal_id, self.now()).await? {
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    "listing_oauth_disconnected",
                    staff.ip.as_deref(),
                    &format!("company:{company_id}"),
                    &record.name,
                )
                .await?;
        }
        Ok(())
    }
}
