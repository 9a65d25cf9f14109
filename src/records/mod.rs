//! The back office's records: empreendimentos (data, construction stages, blocks, photos of the
//! works) and their unidades (created many at once, edited, with the commercial status partner
//! listings read), and contratos (parties, status, buyers' parts, the payment plan and its
//! unpaid installments). Every use case takes a `&CurrentStaff`, checks its permission, then the
//! scope inside the query.

pub mod contract_model;
pub mod model;
pub mod plan;
pub mod rules;

#[cfg(feature = "server")]
mod contract_store;
#[cfg(feature = "server")]
mod contracts;
#[cfg(feature = "server")]
mod developments;
#[cfg(feature = "server")]
mod installments;
#[cfg(feature = "server")]
mod store;
#[cfg(feature = "server")]
mod structure;
#[cfg(feature = "server")]
mod units;

pub use contract_model::*;
#[cfg(feature = "server")]
pub(crate) use contracts::subject_of as contract_subject;
pub use model::*;
