//! Sign-in, sessions and passwords.

pub mod model;
#[cfg(feature = "server")]
pub mod password;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{AuthError, NewSession, RequestOrigin, SESSION_LIFETIME};
