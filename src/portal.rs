use std::sync::Arc;

use crate::auth::password::PasswordHasher;
use crate::clock::{Clock, SystemClock};
use crate::documents::storage::LocalStorage;
use crate::store::Store;

/// Settings the services need (the server builds it from `PORTAL_*`).
#[derive(Clone)]
pub struct PortalConfig {
    /// How many argon2 hashes may run at once.
    pub password_hash_concurrency: usize,
    /// Keys the HMAC of one-time codes and signs partner JWTs (`PORTAL_SECRET_KEY`).
    pub secret_key: Vec<u8>,
    /// The key before the last rotation (`PORTAL_PREVIOUS_SECRET_KEY`): credentials sealed under
    /// it still open, and are sealed again under the current key when next written.
    pub previous_secret_key: Option<Vec<u8>>,
    /// Apps registered with the OAuth-only listing portals (`PORTAL_OAUTH_<PORTAL>_*`).
    pub listing_oauth: Vec<crate::listings::OAuthApp>,
    /// Where e-mail and SMS go; without a transport a channel's messages are held.
    pub transports: crate::notifications::transport::Transports,
    /// Bank and PIX data for boletos; without it, boleto pages say to contact the company.
    pub payment: Option<crate::finance::PaymentSettings>,
    /// The address people open the portal at (`https://portal.construtora.com.br`), for the
    /// links e-mails carry.
    pub public_url: String,
}

impl PortalConfig {
    /// Defaults with a random secret: codes and tokens do not survive a restart, which is
    /// what a development run and a test want.
    pub fn with_random_secret() -> Self {
        use rand::RngCore;
        let mut secret_key = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret_key);
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
        // Hashing never takes the last core: under a flood of logins, pages keep one to render
        // on (measured by .ci/load: with every core hashing, page p99 rose 2.7×).
        let password_hash_concurrency = cores.saturating_sub(1).max(1);
        Self {
            password_hash_concurrency,
            secret_key,
            previous_secret_key: None,
            listing_oauth: Vec::new(),
            transports: Default::default(),
            payment: None,
            public_url: "http://127.0.0.1:3000".to_string(),
        }
    }
}

impl std::fmt::Debug for PortalConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalConfig")
            .field("password_hash_concurrency", &self.password_hash_concurrency)
            .field("secret_key", &"<redacted>")
            .field("transports", &self.transports)
            .field("payment", &self.payment)
            .field("public_url", &self.public_url)
            .finish()
    }
}

/// Every service of the portal, with what they share: the store, the clock, the password hasher
/// and file storage. Cheap to clone.
#[derive(Clone)]
pub struct Portal {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub passwords: PasswordHasher,
    pub storage: LocalStorage,
    pub(crate) secret: Arc<[u8]>,
    pub(crate) previous_secret: Option<Arc<[u8]>>,
    pub(crate) listing_oauth: Arc<[crate::listings::OAuthApp]>,
    pub(crate) transports: crate::notifications::transport::Transports,
    pub(crate) payment: Option<Arc<crate::finance::PaymentSettings>>,
    pub(crate) public_url: Arc<str>,
    /// The brand staff chose in Configurações, as last read from the store (pages read it
    /// without waiting; `refresh_brand` reloads it).
    pub(crate) brand: Arc<std::sync::RwLock<Option<crate::companies::CompanyBrand>>>,
}

impl Portal {
    pub fn new(store: Store, storage: LocalStorage, config: &PortalConfig) -> Self {
        Self::with_clock(store, storage, config, Arc::new(SystemClock))
    }

    pub fn with_clock(
        store: Store,
        storage: LocalStorage,
        config: &PortalConfig,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            store,
            clock,
            passwords: PasswordHasher::new(config.password_hash_concurrency),
            storage,
            secret: config.secret_key.clone().into(),
            previous_secret: config.previous_secret_key.clone().map(Into::into),
            listing_oauth: config.listing_oauth.clone().into(),
            transports: config.transports.clone(),
            payment: config.payment.clone().map(Arc::new),
            public_url: config.public_url.trim_end_matches('/').into(),
            brand: Arc::default(),
        }
    }

    pub(crate) fn now(&self) -> i64 {
        self.clock.now().unix_timestamp()
    }
}
