pub mod assets;
pub mod health;
pub mod middleware;
