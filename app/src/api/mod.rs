//! Server functions: thin wrappers that authenticate, call a `portal` service and map the result.

pub mod account;
pub mod auth;
pub mod dev;
pub mod documents;
pub mod finance;
pub mod messages;
pub mod profile;
pub mod property;
pub mod registration;
pub mod services;
#[cfg(feature = "ssr")]
pub(crate) mod session;
pub mod staff;
