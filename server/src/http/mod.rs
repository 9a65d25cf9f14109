pub mod api_v1;
pub mod assets;
pub mod downloads;
pub mod health;
pub mod messages;
pub mod middleware;
