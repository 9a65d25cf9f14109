//! Mensagens: conversations between a buyer and the company's staff, with attachments.

pub mod model;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod staff;
pub mod staff_model;
#[cfg(feature = "server")]
mod staff_store;
#[cfg(feature = "server")]
mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::{Attachment, MessageError};
pub use staff_model::*;
#[cfg(feature = "server")]
pub(crate) use staff_store::staff_thread_scope;
