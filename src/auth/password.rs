//! argon2id hashing on the blocking pool, behind a semaphore, so logins never stall rendering.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed")]
    Hashing,
}

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A real hash, with the same parameters, of a password nobody has: verified against when
    /// the account does not exist, so unknown accounts cost the same time as known ones from the
    /// very first request.
    decoy: Arc<str>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| PasswordError::Hashing)
}

fn verify_now(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

impl PasswordHasher {
    /// `concurrency` hashes may run at once (each holds 19 MiB and one core).
    pub fn new(concurrency: usize) -> Self {
        let mut unguessable = [0u8; 32];
        argon2::password_hash::rand_core::RngCore::fill_bytes(&mut OsRng, &mut unguessable);
        let decoy = hash_now(&hex::encode(unguessable)).expect("argon2 hashes with valid parameters");
        Self { permits: Arc::new(Semaphore::new(concurrency.max(1))), decoy: decoy.into() }
    }

    async fn on_blocking_pool<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> T {
        let _permit = self.permits.acquire().await.expect("semaphore never closed");
        tokio::task::spawn_blocking(work).await.expect("hashing task panicked")
    }

    pub async fn hash(&self, password: &str) -> Result<String, PasswordError> {
        let password = password.to_owned();
        self.on_blocking_pool(move || hash_now(&password)).await
    }

    /// Checks `password` against `stored`; with no stored hash, spends the same effort and fails.
    pub async fn verify(&self, stored: Option<String>, password: &str) -> bool {
        self.verify_after(stored, password, async { Ok::<(), ()>(()) }).await.unwrap_or(false)
    }

    /// [`Self::verify`], but only once `reserve` (an attempt counted against a limit) has
    /// passed, and `reserve` runs only when a hashing slot is free: however many logins wait
    /// for a slot, at most the slots' worth of attempts are counted and not yet given back, so
    /// a burst of right passwords never trips a limit that counts failures.
    pub async fn verify_after<E>(
        &self,
        stored: Option<String>,
        password: &str,
        reserve: impl std::future::Future<Output = Result<(), E>>,
    ) -> Result<bool, E> {
        let _permit = self.permits.acquire().await.expect("semaphore never closed");
        reserve.await?;
        let password = password.to_owned();
        let decoy = Arc::clone(&self.decoy);
        let verified = tokio::task::spawn_blocking(move || match stored {
            Some(stored) => verify_now(&stored, &password),
            None => {
                verify_now(&decoy, &password);
                false
            }
        })
        .await
        .expect("hashing task panicked");
        Ok(verified)
    }
}

/// The lowest zxcvbn score (0 to 4) a new password may have. 2 resists an *unthrottled* online
/// attack (about 10^8 guesses); every guess here is throttled (10 per account per 15 minutes,
/// per-IP limits, argon2), so 2 keeps out `aaaaaaaa` and `abcd1234` without refusing the plain
/// phrases the login page recommends.
pub const MIN_PASSWORD_SCORE: u8 = 2;

/// The rule a new password breaks beyond length and identity, if any: one of the most common
/// leaked passwords, or guessable by zxcvbn's estimate (repetitions, sequences, dates, words,
/// the person's own e-mail or document) below [`MIN_PASSWORD_SCORE`].
pub fn strength_rule(password: &str, identities: &[&str]) -> Option<super::model::PasswordRule> {
    use super::model::PasswordRule;
    if is_common_password(password) {
        return Some(PasswordRule::Common);
    }
    let score = u8::from(zxcvbn::zxcvbn(password, identities).score());
    (score < MIN_PASSWORD_SCORE).then_some(PasswordRule::Weak)
}

/// True when the whole password is one of the 30,000 most common leaked passwords bundled with
/// zxcvbn (matched without regard to case, as zxcvbn's dictionaries are).
pub fn is_common_password(password: &str) -> bool {
    use zxcvbn::matching::patterns::MatchPattern;
    if password.is_empty() {
        return false;
    }
    let length = password.chars().count();
    zxcvbn::zxcvbn(password, &[]).sequence().iter().any(|found| {
        found.i == 0
            && found.j + 1 == length
            && matches!(&found.pattern, MatchPattern::Dictionary(word)
                // zxcvbn does not export `DictionaryType`; its default variant is `Passwords`.
                if word.dictionary_name == Default::default() && !word.reversed && !word.l33t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_leaked_passwords_are_recognised() {
        for common in ["password", "12345678", "qwertyuiop", "iloveyou", "PASSWORD1", "sunshine"] {
            assert!(is_common_password(common), "{common}");
        }
        for rare in ["uma frase longa e boa", "minha casa nova em curitiba", "x7#Kq2!vLp9z"] {
            assert!(!is_common_password(rare), "{rare}");
        }
    }

    #[test]
    fn guessable_passwords_are_weak_and_phrases_are_not() {
        use crate::auth::PasswordRule;
        for weak in ["aaaaaaaa", "abcdefgh", "11112222", "abcd1234", "qwerasdf"] {
            assert!(strength_rule(weak, &[]).is_some(), "{weak}");
        }
        assert_eq!(strength_rule("password", &[]), Some(PasswordRule::Common));
        for strong in ["uma frase longa e boa", "imovel-demo-2026", "outra-senha-boa-2026", "x7#Kq2!vLp9z"] {
            assert_eq!(strength_rule(strong, &[]), None, "{strong}");
        }
    }

    #[tokio::test]
    async fn hashes_with_owasp_parameters_and_verifies() {
        let hasher = PasswordHasher::new(2);
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify(Some(hash.clone()), "correct horse battery").await);
        assert!(!hasher.verify(Some(hash), "wrong").await);
        assert!(!hasher.verify(None, "anything").await);
        assert!(!hasher.verify(Some("not a hash".into()), "anything").await);
    }
}
