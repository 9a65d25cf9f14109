//! Documents the buyers may see, and where their files live.

pub mod model;
#[cfg(feature = "server")]
pub mod pdf;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub mod storage;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::DocumentFile;
