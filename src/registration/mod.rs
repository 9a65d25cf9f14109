//! Open registration (seed 001 `POST /identification`) and the "already registered?" check the
//! form uses while the person types.

pub mod model;
#[cfg(feature = "server")]
pub(crate) mod service;
#[cfg(feature = "server")]
mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{Availability, Registered, RegistrationError};
