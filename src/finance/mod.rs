//! Financeiro: the buyer's installments across contracts, boletos (linha digitável, barcode,
//! PIX) and their PDFs.

pub mod billing;
#[cfg(feature = "server")]
pub(crate) mod boleto_number;
#[cfg(feature = "server")]
mod boleto_pdf;
pub mod correction;
pub mod correction_model;
#[cfg(feature = "server")]
mod correction_service;
#[cfg(feature = "server")]
pub(crate) mod correction_store;
pub mod early_payment;
#[cfg(feature = "server")]
mod early_payment_pdf;
#[cfg(feature = "server")]
mod early_payment_service;
#[cfg(feature = "server")]
pub(crate) mod early_payment_store;
#[cfg(feature = "server")]
mod ficha;
mod grouping;
pub mod income_report;
pub mod late_fees;
pub mod model;
#[cfg(feature = "server")]
pub mod reissue;
#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
mod statement;
#[cfg(feature = "server")]
pub(crate) mod store;

pub use grouping::{InstallmentGroup, InstallmentSections, PaidHistory};
pub use model::*;
#[cfg(feature = "server")]
pub use service::{
    itf_modules, parse_percent, PaymentSettings, MAX_LATE_FINE_BASIS_POINTS,
    MAX_MONTHLY_INTEREST_BASIS_POINTS,
};
