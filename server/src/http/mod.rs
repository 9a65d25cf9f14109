pub mod api_v1;
pub mod assets;
pub mod health;
pub mod middleware;
