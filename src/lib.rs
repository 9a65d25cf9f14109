//! The domain of the Portal do Cliente.
//!
//! Value types and rules are always compiled (the browser uses them too). Behind the `server`
//! feature: the services that implement each use case once, and the sqlx store.

pub mod auth;
pub mod br;
pub mod branding;
pub mod companies;
pub mod documents;
pub mod finance;
pub mod listings;
pub mod messages;
pub mod navigation;
pub mod notifications;
pub mod paging;
pub mod partners;
pub mod people;
pub mod profile;
pub mod property;
pub mod records;
pub mod registration;
pub mod staff;
pub mod time_br;

#[cfg(feature = "server")]
pub mod audit;
#[cfg(feature = "server")]
pub mod clock;
#[cfg(feature = "server")]
pub mod demo;
#[cfg(feature = "server")]
pub mod drafts;
#[cfg(feature = "server")]
pub mod images;
#[cfg(feature = "server")]
mod portal;
#[cfg(feature = "server")]
pub mod ratelimit;
#[cfg(feature = "server")]
mod settings;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod uploads;

#[cfg(feature = "server")]
pub use portal::{Portal, PortalConfig};
