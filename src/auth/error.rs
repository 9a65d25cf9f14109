//! What can go wrong signing in or using a session, said once for every caller.

use crate::ratelimit::RetryAfter;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Deliberately vague: never says whether the account or the password was wrong.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("not signed in")]
    Unauthenticated,
    /// Wrong, expired, used or burnt code: never says which.
    #[error("invalid code")]
    InvalidCode,
    /// Bad signature, algorithm, audience, expiry, or an ended session.
    #[error("invalid token")]
    InvalidToken,
    /// Right password, but not a síndico: the síndico login does not open.
    #[error("not a syndic")]
    NotSyndic,
    /// Right password, but the account's e-mail was never confirmed (an open registration): a
    /// code went to it, and this is its challenge.
    #[error("e-mail not confirmed")]
    EmailNotConfirmed(super::codes::CodeChallenge),
    #[error("too many attempts; retry in {} s", .0 .0)]
    RateLimited(RetryAfter),
    #[error(transparent)]
    Store(#[from] StoreError),
}
