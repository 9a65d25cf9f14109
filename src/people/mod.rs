//! Pessoas: the back office's buyers (PF and PJ): search, a person's page, registering one with
//! the rules of open registration, editing, confirming a self-registration, the first-access
//! invitation, and blocking access.

pub mod model;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod store;

pub use model::*;
