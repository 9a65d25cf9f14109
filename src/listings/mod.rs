//! Listing portals (seed 004): per company (SPE), the portals its units for sale are published
//! on, with their credentials sealed at rest and never read back ([`sealing`]), and a feed per
//! portal at an unguessable address in the XML that portal reads ([`feed`]). Partners with the
//! `listings` scope manage them through seed 004's API; admins at `/equipe/anuncios`.

#[cfg(feature = "server")]
mod api;
#[cfg(feature = "server")]
mod feed;
#[cfg(feature = "server")]
mod feeds;
pub mod model;
#[cfg(feature = "server")]
mod oauth;
#[cfg(feature = "server")]
pub(crate) mod sealing;
#[cfg(feature = "server")]
mod staff;
#[cfg(feature = "server")]
mod store;

#[cfg(feature = "server")]
pub use api::{ListingCaller, ListingError, PortalAuthEntry};
#[cfg(feature = "server")]
pub use feeds::FeedDocument;
pub use model::*;
#[cfg(feature = "server")]
pub use oauth::OAuthApp;
#[cfg(feature = "server")]
pub use sealing::SealError;
