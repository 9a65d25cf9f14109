use std::sync::Arc;

use crate::auth::password::PasswordHasher;
use crate::clock::{Clock, SystemClock};
use crate::documents::storage::LocalStorage;
use crate::store::Store;

/// Settings the services need (the server builds it from `PORTAL_*`).
#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// How many argon2 hashes may run at once.
    pub password_hash_concurrency: usize,
}

impl Default for PortalConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(2);
        Self {
            password_hash_concurrency: cores,
        }
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
        }
    }

    pub(crate) fn now(&self) -> i64 {
        self.clock.now().unix_timestamp()
    }
}
