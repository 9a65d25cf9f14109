//! Empreendimentos, unidades and contratos as the buyer sees them.

pub mod model;
#[cfg(feature = "server")]
mod photo_store;
#[cfg(feature = "server")]
pub mod photos;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod shares;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::PropertyError;
#[cfg(feature = "server")]
pub use shares::{PartyShare, ShareError};
