//! One fresh database per test, on the backend `PORTAL_TEST_BACKEND` names: `sqlite` (default,
//! a file in a temporary folder) or `postgres` (a database with a random name on the server at
//! `PORTAL_TEST_POSTGRES_URL`, created here and dropped when the test ends).

use std::path::Path;

use sqlx::{Connection, Executor, PgConnection};

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDatabase {
    pub url: String,
    /// The maintenance URL and the database's name, to drop it afterwards.
    postgres: Option<(String, String)>,
}

/// True when this run's server tests use PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("PORTAL_TEST_BACKEND").is_ok_and(|backend| backend == "postgres")
}

impl TestDatabase {
    /// A new, empty database (not migrated). `dir` holds the SQLite file.
    pub fn create(dir: &Path) -> Self {
        if !on_postgres() {
            return Self { url: format!("sqlite://{}/portal.db", dir.display()), postgres: None };
        }
        let admin_url =
            std::env::var("PORTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
        let name = format!("portal_test_{}", hex::encode(rand::random::<[u8; 8]>()));
        let statement = format!("CREATE DATABASE \"{name}\"");
        run_on_maintenance_connection(&admin_url, &statement);
        let url = match admin_url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("PORTAL_TEST_POSTGRES_URL must end with a database name: {admin_url}"),
        };
        Self { url, postgres: Some((admin_url, name)) }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres {
            // FORCE ends the connections the test's pool still holds.
            run_on_maintenance_connection(
                admin_url,
                &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
            );
        }
    }
}

/// Runs one statement on its own thread and runtime, so it works from sync code, from async
/// tests and from `Drop` alike.
fn run_on_maintenance_connection(admin_url: &str, statement: &str) {
    let (admin_url, statement) = (admin_url.to_string(), statement.to_string());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let mut connection = PgConnection::connect(&admin_url)
                .await
                .unwrap_or_else(|error| panic!("PostgreSQL at {admin_url} for the tests: {error}"));
            connection.execute(statement.as_str()).await.expect("maintenance statement");
            connection.close().await.ok();
        });
    })
    .join()
    .expect("maintenance thread");
}
