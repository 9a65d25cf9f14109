//! The sqlx store. Every SQL statement of the portal lives in a `store` module; queries are
//! runtime-checked through sqlx's `Any` driver with portable SQL and `$n` placeholders, so a
//! PostgreSQL deployment is a second migrations folder, not a rewrite.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::MigrateDatabase;
use sqlx::{AnyPool, Connection};

/// How long a pooled connection may sit unused before it is pinged on its way out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("could not create the database folder: {0}")]
    Folder(#[from] std::io::Error),
}

/// The database engine behind a [`Store`]: each has its own migrations folder with the same
/// numbered steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, if it is one the portal runs on.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects, creating a SQLite file (and its folder) when it does not exist yet.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or(StoreError::UnsupportedUrl)?;
        let url = if let Some(path) = url.strip_prefix("sqlite://") {
            let file = path.split('?').next().unwrap_or_default();
            if let Some(parent) = std::path::Path::new(file).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            if path.contains("mode=") {
                url.to_string()
            } else if path.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            }
        } else {
            // Like the SQLite file, a missing PostgreSQL database is created (the server's
            // role needs CREATEDB for that; otherwise create it beforehand).
            if !sqlx::Any::database_exists(url).await? {
                sqlx::Any::create_database(url).await?;
            }
            url.to_string()
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            // sqlx pings every connection it hands out: one more trip to SQLite's worker thread
            // or to PostgreSQL per query. Only a connection idle long enough to have been
            // dropped (a restarted PostgreSQL, a firewall) is worth checking first.
            .test_before_acquire(false)
            .before_acquire(|connection, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_BEFORE_PING {
                        connection.ping().await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(|connection, _| {
                Box::pin(async move {
                    if connection.backend_name() == "SQLite" {
                        // WAL lets pages read while a request writes; NORMAL syncs at checkpoints
                        // only (no corruption on power loss, at most the last commits lost), which
                        // makes each write a fraction of a millisecond instead of two fsyncs.
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA busy_timeout = 5000",
                        ] {
                            sqlx::query(pragma).execute(&mut *connection).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the pending steps of this backend's migrations folder.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("src/store/migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("src/store/migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// True when the database answers a trivial query (used by `/healthz`).
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// True when no person, staff user or development exists yet (demo data may be loaded).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM person) + (SELECT COUNT(*) FROM staff_user) \
             + (SELECT COUNT(*) FROM development)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(count == 0)
    }

    /// Runs an `INSERT … RETURNING id` and returns the new id.
    pub(crate) async fn insert_returning_id<'q>(
        &self,
        query: sqlx::query::QueryAs<'q, sqlx::Any, (i64,), sqlx::any::AnyArguments<'q>>,
    ) -> Result<i64, StoreError> {
        let (id,) = query.fetch_one(&self.pool).await?;
        Ok(id)
    }

    /// One page of a person's rows: `count_sql` binds the person as `$1`; `items_sql` binds the
    /// person, the limit and the offset as `$1`, `$2`, `$3`.
    pub(crate) async fn page_of_person<R>(
        &self,
        count_sql: &str,
        items_sql: &str,
        person_id: i64,
        page: crate::paging::PageRequest,
    ) -> Result<crate::paging::PageOf<R>, StoreError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        self.page_of_person_with(count_sql, items_sql, person_id, &[], page).await
    }

    /// [`Self::page_of_person`] whose items query takes more text parameters after the person
    /// (`$2`, … such as today's date); LIMIT and OFFSET then come after them.
    pub(crate) async fn page_of_person_with<R>(
        &self,
        count_sql: &str,
        items_sql: &str,
        person_id: i64,
        extra: &[&str],
        page: crate::paging::PageRequest,
    ) -> Result<crate::paging::PageOf<R>, StoreError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let (total,): (i64,) = sqlx::query_as(count_sql).bind(person_id).fetch_one(&self.pool).await?;
        let mut items = sqlx::query_as(items_sql).bind(person_id);
        for value in extra {
            items = items.bind(*value);
        }
        let items = items.bind(page.limit()).bind(page.offset()).fetch_all(&self.pool).await?;
        Ok(crate::paging::PageOf { items, total })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// True when the store refused a row for a unique index (two staff saving the same thing).
pub(crate) fn is_unique_violation(error: &StoreError) -> bool {
    matches!(error, StoreError::Database(sqlx::Error::Database(error)) if error.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::Backend;

    fn steps(backend: &str) -> Vec<String> {
        let folder = format!("{}/src/store/migrations/{backend}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("migrations folder")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn both_backends_have_the_same_numbered_steps() {
        let sqlite = steps("sqlite");
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, steps("postgres"), "every migration is written for both backends");
    }

    #[test]
    fn the_url_names_the_backend() {
        assert_eq!(Backend::of_url("sqlite://data/portal.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::of_url("postgres://u@h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of_url("postgresql://u@h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of_url("mysql://u@h/db"), None);
    }
}
