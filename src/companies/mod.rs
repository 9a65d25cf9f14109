//! The companies (SPEs) that sell the empreendimentos, kept by admins in Configurações: name,
//! CNPJ, how buyers reach them, and the logo and colour of the buyer's header and footer when a
//! company is chosen as the portal's brand.

pub mod model;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod store;

pub use model::*;
