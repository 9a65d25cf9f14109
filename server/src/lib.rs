//! The portal process: configuration, startup, HTTP router and middleware.

pub mod config;
pub mod http;
pub mod startup;
pub mod telemetry;
