//! Sign-in, sessions, one-time codes, partner tokens and passwords.

#[cfg(feature = "server")]
pub mod account;
#[cfg(feature = "server")]
pub mod codes;
#[cfg(feature = "server")]
pub mod device;
#[cfg(feature = "server")]
mod error;
#[cfg(feature = "server")]
pub mod jwt;
pub mod model;
#[cfg(feature = "server")]
pub mod password;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub(crate) mod store;
#[cfg(feature = "server")]
pub(crate) mod vocabulary;

#[cfg(feature = "server")]
pub use error::AuthError;
pub use model::*;
#[cfg(feature = "server")]
pub use vocabulary::{
    NewSession, RequestOrigin, SessionKind, API_TOKEN_LIFETIME, BROWSER_SESSION_LIFETIME, SESSION_LIFETIME,
};
