//! Documents the buyers may see, where their files live, and the back office's publishing
//! (versions, unpublishing, notices).

pub mod model;
#[cfg(feature = "server")]
pub mod pdf;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod staff;
pub mod staff_model;
#[cfg(feature = "server")]
mod staff_store;
#[cfg(feature = "server")]
pub mod storage;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use service::DocumentFile;
#[cfg(feature = "server")]
pub use staff::NewDocumentUpload;
pub use staff_model::*;
