//! Listing-portal credentials sealed at rest: XChaCha20-Poly1305 under a key derived (HKDF-SHA256)
//! from `PORTAL_SECRET_KEY`. A sealed value names its key (`v1.<key id>.<base64>`) so values
//! sealed before a rotation still open with `PORTAL_PREVIOUS_SECRET_KEY`, and it is bound to its
//! row and field (AEAD associated data): a value copied into another company's row does not open.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

const DERIVATION_INFO: &[u8] = b"portal-do-cliente/listing-credentials/v1";
const NONCE_BYTES: usize = 24;

/// A key derived from one secret, and the id sealed values carry.
pub(crate) struct SealingKey {
    id: String,
    cipher: XChaCha20Poly1305,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// Sealed under a key this portal no longer has (a rotation without the previous key).
    #[error("sealed under an unknown key")]
    UnknownKey,
    /// Tampered with, moved to another row or field, or not a sealed value at all.
    #[error("sealed value does not open")]
    Corrupt,
}

impl SealingKey {
    pub(crate) fn derive(secret: &[u8]) -> Self {
        let mut key = [0u8; 32];
        hkdf::Hkdf::<Sha256>::new(None, secret)
            .expand(DERIVATION_INFO, &mut key)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        // The id reveals nothing of the key: a hash of it, cut to tell keys apart.
        let id = hex::encode(&Sha256::digest(key)[..4]);
        Self { id, cipher: XChaCha20Poly1305::new(&key.into()) }
    }

    pub(crate) fn seal(&self, plaintext: &str, bound_to: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = Payload { msg: plaintext.as_bytes(), aad: bound_to.as_bytes() };
        let ciphertext = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .expect("XChaCha20-Poly1305 encrypts any message that fits in memory");
        let mut sealed = nonce.to_vec();
        sealed.extend(ciphertext);
        format!("v1.{}.{}", self.id, URL_SAFE_NO_PAD.encode(sealed))
    }
}

/// Opens a sealed value with whichever of `keys` sealed it.
pub(crate) fn open(keys: &[SealingKey], sealed: &str, bound_to: &str) -> Result<String, SealError> {
    let mut parts = sealed.splitn(3, '.');
    let (Some("v1"), Some(key_id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SealError::Corrupt);
    };
    let key = keys.iter().find(|key| key.id == key_id).ok_or(SealError::UnknownKey)?;
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| SealError::Corrupt)?;
    if bytes.len() < NONCE_BYTES {
        return Err(SealError::Corrupt);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    let plaintext = key
        .cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: bound_to.as_bytes() })
        .map_err(|_| SealError::Corrupt)?;
    String::from_utf8(plaintext).map_err(|_| SealError::Corrupt)
}

/// Whether `sealed` was sealed under `key` (a value under an older key is re-sealed on write).
pub(crate) fn sealed_under(key: &SealingKey, sealed: &str) -> bool {
    sealed.split('.').nth(1) == Some(key.id.as_str())
}

impl crate::Portal {
    /// The current key first, then the one before the last rotation.
    pub(crate) fn sealing_keys(&self) -> Vec<SealingKey> {
        std::iter::once(&self.secret)
            .chain(&self.previous_secret)
            .map(|secret| SealingKey::derive(secret))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_binding() {
        let key = SealingKey::derive(b"0123456789abcdef0123456789abcdef");
        let sealed = key.seal("senha-secreta", "empresa 1 portal 6 password");
        assert!(!sealed.contains("senha"));
        assert_ne!(sealed, key.seal("senha-secreta", "empresa 1 portal 6 password"), "fresh nonce");
        assert_eq!(open(&[key], &sealed, "empresa 1 portal 6 password").unwrap(), "senha-secreta");

        let key = SealingKey::derive(b"0123456789abcdef0123456789abcdef");
        assert_eq!(open(&[key], &sealed, "empresa 2 portal 6 password"), Err(SealError::Corrupt));
        let other = SealingKey::derive(b"another-secret-another-secret-xx");
        assert_eq!(open(&[other], &sealed, "empresa 1 portal 6 password"), Err(SealError::UnknownKey));
    }

    #[test]
    fn values_sealed_before_a_rotation_open_with_the_previous_key() {
        let old = SealingKey::derive(b"old-secret-old-secret-old-secret");
        let sealed = old.seal("token", "x");
        let new = SealingKey::derive(b"new-secret-new-secret-new-secret");
        assert!(!sealed_under(&new, &sealed));
        assert_eq!(open(&[new, old], &sealed, "x").unwrap(), "token");
    }

    #[test]
    fn tampered_or_foreign_values_do_not_open() {
        let key = SealingKey::derive(b"0123456789abcdef0123456789abcdef");
        let sealed = key.seal("token", "x");
        let mut flipped = sealed.clone().into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        for bad in [flipped.as_str(), "", "v1", "v2.abc.def", "texto puro", &sealed[..sealed.len() - 10]] {
            assert!(open(std::slice::from_ref(&key), bad, "x").is_err(), "{bad}");
        }
    }
}
