//! The words of sign-in shared by the sessions, codes, tokens and the store: how long each
//! kind of session lives, where a request came from, a new session, and how an identifier as
//! typed is read.

use rand::RngCore;
use sha2::{Digest, Sha256};

use super::model::CurrentUser;
use crate::br::TaxId;

/// Partner tokens (JWT) live one hour, the buyer signs in again after that; their session row
/// may be revoked sooner.
pub const API_TOKEN_LIFETIME: i64 = 60 * 60;
/// A remembered ("Manter conectado") browser session lasts this long after login (seconds).
pub const SESSION_LIFETIME: i64 = 30 * 24 * 60 * 60;
/// A browser session that is not remembered: its cookie ends with the browser, and the server
/// ends it after this long in any case.
pub const BROWSER_SESSION_LIFETIME: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, to keep page views read-only.
pub(crate) const LAST_SEEN_GRANULARITY: i64 = 60;

/// Where a request came from, for sessions and the audit trail.
#[derive(Debug, Clone, Default)]
pub struct RequestOrigin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Where a session is used: a browser (cookie) or a partner acting for the buyer (JWT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Ends with the browser (seed 001's "forget login").
    Browser,
    /// "Manter conectado": a long-lived cookie (seed 001's "persist login").
    RememberedBrowser,
    Api,
}

impl SessionKind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::Browser | Self::RememberedBrowser => "browser",
            Self::Api => "api",
        }
    }

    pub(crate) fn lifetime(self) -> i64 {
        match self {
            Self::Browser => BROWSER_SESSION_LIFETIME,
            Self::RememberedBrowser => SESSION_LIFETIME,
            Self::Api => API_TOKEN_LIFETIME,
        }
    }
}

/// A session just opened. For a browser the token is the raw cookie value (only its hash is
/// stored); for the API it is a signed JWT.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub user: CurrentUser,
    pub expires_at: i64,
    /// For a remembered session, how long the cookie should last (`Max-Age`); otherwise the
    /// cookie ends with the browser.
    pub cookie_max_age: Option<i64>,
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// An identifier as typed: an e-mail (has `@`) or a CPF/CNPJ.
pub(crate) enum Identifier {
    Email(String),
    Document(String),
    Unusable,
}

impl Identifier {
    /// The same key for every spelling of one account (for rate limits).
    pub(crate) fn rate_key(&self) -> String {
        match self {
            Self::Email(email) => email.clone(),
            Self::Document(document) => document.clone(),
            Self::Unusable => "unusable".to_string(),
        }
    }
}

pub(crate) fn classify(identifier: &str) -> Identifier {
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
