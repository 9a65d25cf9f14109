//! The back office's records: empreendimentos (data, construction stages, blocks, photos of the
//! works) and their unidades (created many at once, edited, with the commercial status partner
//! listings read). Every use case takes a `&CurrentStaff`, checks its permission, then the
//! scope inside the query.

pub mod model;
pub mod rules;

#[cfg(feature = "server")]
mod developments;
#[cfg(feature = "server")]
mod store;
#[cfg(feature = "server")]
mod units;

pub use model::*;
