//! Partners: apps of the company's website, chatbots and CRMs that reach the portal with an
//! API key ([`admin`] keeps them in `/equipe/parceiros`), hand buyers over with single-use
//! login tokens (seed 003, [`remote`]) or one-time pass keys to their own pages (seed 002,
//! [`pass_key`]), and may only send them back to allowed places
//! ([`redirect`]), and hear of events through signed, id-only webhooks ([`webhooks`]).

#[cfg(feature = "server")]
mod access_token;
#[cfg(feature = "server")]
mod admin;
#[cfg(feature = "server")]
mod external;
#[cfg(feature = "server")]
mod external_admin;
#[cfg(feature = "server")]
mod feature_store;
#[cfg(feature = "server")]
mod keys;
pub mod model;
#[cfg(feature = "server")]
mod pass_key;
#[cfg(feature = "server")]
mod public_dns;
#[cfg(feature = "server")]
pub mod redirect;
#[cfg(feature = "server")]
mod remote;
#[cfg(feature = "server")]
mod store;
#[cfg(feature = "server")]
mod webhook_admin;
pub mod webhook_model;
#[cfg(feature = "server")]
mod webhook_store;
#[cfg(feature = "server")]
mod webhooks;

#[cfg(feature = "server")]
pub use access_token::{PartnerAccessToken, PARTNER_TOKEN_LIFETIME};
#[cfg(feature = "server")]
pub use external::{ExternalLoginError, MAX_ASSERTION_LIFETIME};
#[cfg(feature = "server")]
pub use keys::KEY_PREFIX;
pub use model::*;
#[cfg(feature = "server")]
pub use pass_key::{PassKeyData, PassKeyError, PASS_KEY_LIFETIME};
#[cfg(feature = "server")]
pub use remote::*;
pub use webhook_model::*;
#[cfg(feature = "server")]
pub use webhooks::{WebhookEndpoint, WebhookError};
