//! Rate limits as fixed-window counters in the database, so every portal process behind a load
//! balancer counts together. Windows end by themselves: a limit can slow an attacker down but
//! never lock a real user out for longer than one window.

use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError};

/// At most `limit` hits per `window_seconds` for one key.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub name: &'static str,
    pub limit: i64,
    pub window_seconds: i64,
}

// Per-IP limits are generous: mobile carriers put many buyers behind one CGNAT address.
pub const LOGIN_PER_IP: RateLimit = RateLimit { name: "login-ip", limit: 100, window_seconds: 600 };
/// Counts failed password logins only, so signing in normally never uses it up.
pub const LOGIN_FAILURES_PER_ACCOUNT: RateLimit =
    RateLimit { name: "login-failures-account", limit: 10, window_seconds: 900 };
pub const CODE_SEND_PER_IP: RateLimit = RateLimit { name: "code-send-ip", limit: 30, window_seconds: 600 };
pub const CODE_SEND_PER_DESTINATION: RateLimit =
    RateLimit { name: "code-send-destination", limit: 3, window_seconds: 900 };
/// E-mail and mobile changes one account may start: each sends a code to an address of the
/// requester's choosing.
pub const CONTACT_CHANGE_PER_ACCOUNT: RateLimit =
    RateLimit { name: "contact-change-account", limit: 5, window_seconds: 3600 };
pub const CODE_CHECK_PER_IP: RateLimit = RateLimit { name: "code-check-ip", limit: 100, window_seconds: 600 };
pub const REGISTRATION_PER_IP: RateLimit =
    RateLimit { name: "registration-ip", limit: 20, window_seconds: 3600 };
/// The form checks e-mail and CPF/CNPJ as they are typed: enough for people, few for a scraper.
pub const EXISTS_CHECK_PER_IP: RateLimit = RateLimit { name: "exists-ip", limit: 60, window_seconds: 600 };

/// Over the limit: seconds until the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

fn bucket(rule: &RateLimit, key: &str) -> String {
    let digest = hex::encode(Sha256::digest(key.as_bytes()));
    format!("{}:{}", rule.name, &digest[..32])
}

impl Store {
    /// `Some(RetryAfter)` when `key` has used up the window, without counting a hit.
    pub async fn rate_limit_exceeded(
        &self,
        rule: &RateLimit,
        key: &str,
        now: i64,
    ) -> Result<Option<RetryAfter>, StoreError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT window_start, hits FROM rate_limit WHERE bucket = $1")
                .bind(bucket(rule, key))
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|(window_start, hits)| {
            let open = now - window_start < rule.window_seconds;
            (open && hits >= rule.limit)
                .then(|| RetryAfter((window_start + rule.window_seconds - now).max(1)))
        }))
    }

    /// Counts one hit for `key`; `Err(RetryAfter)` when the window's limit was already used.
    /// One upsert counts the hit and reads the window, so processes and concurrent requests
    /// never lose a hit (a read followed by a write would under READ COMMITTED). Keys are
    /// hashed, so no e-mail or CPF is stored here.
    pub async fn hit_rate_limit(
        &self,
        rule: &RateLimit,
        key: &str,
        now: i64,
    ) -> Result<Result<(), RetryAfter>, StoreError> {
        let (window_start, hits): (i64, i64) = sqlx::query_as(
            "INSERT INTO rate_limit (bucket, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (bucket) DO UPDATE SET \
             window_start = CASE WHEN $2 - rate_limit.window_start >= $3 THEN $2 \
                            ELSE rate_limit.window_start END, \
             hits = CASE WHEN $2 - rate_limit.window_start >= $3 THEN 1 \
                    ELSE rate_limit.hits + 1 END \
             RETURNING window_start, hits",
        )
        .bind(bucket(rule, key))
        .bind(now)
        .bind(rule.window_seconds)
        .fetch_one(&self.pool)
        .await?;
        if hits > rule.limit {
            return Ok(Err(RetryAfter((window_start + rule.window_seconds - now).max(1))));
        }
        Ok(Ok(()))
    }

    /// Gives back a hit counted ahead of an attempt that turned out fine (a right password):
    /// limits that count failures reserve first, so a burst cannot slip past them.
    pub async fn return_rate_limit_hit(&self, rule: &RateLimit, key: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE rate_limit SET hits = hits - 1 WHERE bucket = $1 AND hits > 0")
            .bind(bucket(rule, key))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
