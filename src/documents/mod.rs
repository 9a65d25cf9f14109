//! Documents the buyers may see, and where their files live.

pub mod pdf;
pub mod storage;
