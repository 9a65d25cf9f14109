//! Mensagens: conversations between a buyer and the company's staff, with attachments.

pub mod model;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{Attachment, MessageError};
