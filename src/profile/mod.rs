//! Meus dados: the person's own data and addresses (seed 000 `/pessoa`).

pub mod model;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{PendingContactChange, ProfileError};
