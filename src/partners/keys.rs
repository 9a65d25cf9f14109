//! Partner API keys. A key is never stored: it is the HMAC, under `PORTAL_SECRET_KEY`, of a
//! random nonce, so the page that shows it once can rebuild it from the nonce it was handed (a
//! database copy alone reveals no key). Only the key's SHA-256 is kept, to find the partner:
//! keys are 256-bit random values, so a slow password hash would add nothing but latency.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Every key starts so, to be recognised in a leaked file or a secret scanner's rules.
pub const KEY_PREFIX: &str = "pdc_";
/// How much of a key stays visible in the back office.
const VISIBLE: usize = KEY_PREFIX.len() + 8;

pub(crate) fn new_nonce() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The key a nonce stands for.
pub(crate) fn key_of(secret: &[u8], nonce: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"partner-key:");
    mac.update(nonce.as_bytes());
    format!("{KEY_PREFIX}{}", hex::encode(mac.finalize().into_bytes()))
}

/// A seed 002 pass key from its nonce: kept nowhere but in the URL the buyer is sent to.
pub(crate) fn pass_key_of(secret: &[u8], nonce: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"pass-key:");
    mac.update(nonce.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub(crate) fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// What the back office shows of a key.
pub(crate) fn visible_prefix(key: &str) -> String {
    key.chars().take(VISIBLE).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_gives_one_key_per_secret() {
        let nonce = new_nonce();
        let key = key_of(b"secret-a", &nonce);
        assert_eq!(key, key_of(b"secret-a", &nonce));
        assert_ne!(key, key_of(b"secret-b", &nonce));
        assert_ne!(key, key_of(b"secret-a", &new_nonce()));
        assert!(key.starts_with("pdc_") && key.len() == 4 + 64, "{key}");
        assert_eq!(visible_prefix(&key).len(), 12);
        assert_ne!(key_hash(&key), key);
    }
}
