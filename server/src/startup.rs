//! Builds the portal from its configuration and serves it until a shutdown signal.

use std::net::SocketAddr;

use axum::serve::ListenerExt;
use axum::Router;
use portal::documents::storage::LocalStorage;
use portal::store::Store;
use portal::Portal;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::http::router;

/// Connects to the database (creating and migrating it) and opens file storage.
pub async fn open_portal(config: &Config) -> anyhow::Result<Portal> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(Portal::new(store, LocalStorage::new(&config.storage_dir), &config.portal_config()))
}

/// A bound, not yet serving, portal (tests bind port 0 and read the address).
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn bind(config: &Config, portal: Portal) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|error| anyhow::anyhow!("não foi possível abrir {}: {error}", config.addr))?;
        portal.refresh_brand().await?;
        // Another process may change the brand: read it again now and then.
        let refresher = portal.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(15));
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if let Err(error) = refresher.refresh_brand().await {
                    tracing::warn!(%error, "could not read the brand company");
                }
            }
        });
        Ok(Self { listener, router: router(config, portal) })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests under way.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // No Nagle delay: a response's headers and body often go out in separate writes, and
        // waiting for the peer's delayed ACK between them cost ~40 ms per file.
        let listener = self.listener.tap_io(|connection| {
            if let Err(error) = connection.set_nodelay(true) {
                tracing::warn!(%error, "could not set TCP_NODELAY");
            }
        });
        axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests under way");
}
