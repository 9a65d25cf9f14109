//! Cobrança (issue 13): each company's bank and PIX settings, the CNAB 240 remessa that
//! registers boletos, the retorno that confirms and pays them, and payments staff record by
//! hand.

pub mod model;
#[cfg(feature = "server")]
mod reports;
#[cfg(feature = "server")]
mod retorno;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod settings;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use model::*;
#[cfg(feature = "server")]
pub use retorno::MAX_RETORNO_BYTES;
#[cfg(feature = "server")]
pub(crate) use service::require_company_wide;
#[cfg(feature = "server")]
pub(crate) use settings::percent_text;
