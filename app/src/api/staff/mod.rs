//! Server functions of the back office (`/equipe`): the staff session, and one module per area.
//! Each authenticates the staff session (its own cookie), calls a `portal` staff use case with
//! the `CurrentStaff`, which checks the role and scope, and maps the result.

pub mod auth;
pub mod companies;
pub mod contracts;
pub mod dashboard;
pub mod documents;
pub mod finance;
pub mod indices;
pub mod listings;
pub mod messages;
pub mod partners;
pub mod password;
pub mod people;
pub mod records;
#[cfg(feature = "ssr")]
pub(crate) mod session;
pub mod settings;
pub mod users;
