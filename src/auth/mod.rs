//! Sign-in, sessions, one-time codes, partner tokens and passwords.

#[cfg(feature = "server")]
pub mod account;
#[cfg(feature = "server")]
pub mod codes;
#[cfg(feature = "server")]
pub mod jwt;
pub mod model;
#[cfg(feature = "server")]
pub mod password;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{
    AuthError, NewSession, RequestOrigin, SessionKind, BROWSER_SESSION_LIFETIME, SESSION_LIFETIME,
};
