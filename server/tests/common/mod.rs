//! A real portal on a random port with its own SQLite file and demo data, per test.

#![allow(dead_code)]

pub mod billing;
pub mod database;
pub mod listings;
pub mod logs;
pub mod partners;

use std::sync::Arc;

use portal::clock::{Clock, ManualClock};
use portal::documents::storage::LocalStorage;
use portal::store::{Backend, Store};
use portal::Portal;
use portal_server::config::Config;
use portal_server::startup::Application;
use reqwest::header::{HeaderMap, ACCEPT, COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{redirect, Client, Response, StatusCode};
use tempfile::TempDir;
use tokio::sync::oneshot;

pub use database::TestDatabase;

pub const PASSWORD: &str = portal::demo::DEMO_BUYER_PASSWORD;
pub const ANA: &str = "ana.souza@exemplo.com.br";
pub const CARLOS_CPF: &str = "222.555.888-46";
pub const COMPANY_CNPJ: &str = "12.ABC.345/01DE-35";
pub const STAFF_ADMIN: &str = "admin@horizonte.exemplo.com.br";
pub const STAFF_PASSWORD: &str = portal::demo::DEMO_STAFF_PASSWORD;

pub struct TestPortal {
    pub base: String,
    pub portal: Portal,
    pub clock: ManualClock,
    pub client: Client,
    /// For reading raw columns, as an attacker with a copy of the database would.
    pub database_url: String,
    /// The services' settings (the secret key among them), for a second process.
    portal_config: portal::PortalConfig,
    storage_dir: std::path::PathBuf,
    _shutdown: oneshot::Sender<()>,
    // Dropped after the server is told to stop; the database goes before its folder.
    _database: TestDatabase,
    _dir: TempDir,
}

impl TestPortal {
    pub async fn start() -> Self {
        Self::start_with_site(|_| {}).await
    }

    /// Starts with a site folder that `prepare` fills first (as `.ci/build` would).
    pub async fn start_with_site(prepare: impl FnOnce(&std::path::Path)) -> Self {
        Self::start_with(prepare, &[]).await
    }

    /// A production configuration behind `https://portal.example` (TLS ends at a proxy).
    pub async fn start_production() -> Self {
        let settings = [
            ("PORTAL_ENV", "production"),
            ("PORTAL_PUBLIC_URL", "https://portal.example"),
            ("PORTAL_SECRET_KEY", "test-secret-key-0123456789abcdef-0123"),
        ];
        Self::start_with(|_| {}, &settings).await
    }

    /// Starts with these `PORTAL_*` settings on top of the test defaults.
    pub async fn start_with_settings(settings: &[(&str, &str)]) -> Self {
        Self::start_with(|_| {}, settings).await
    }

    async fn start_with(prepare: impl FnOnce(&std::path::Path), settings: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        prepare(&dir.path().join("site"));
        let root = dir.path().to_string_lossy().to_string();
        let database = TestDatabase::create(dir.path());
        let config = Config::from_lookup(|name| match name {
            name if settings.iter().any(|(key, _)| *key == name) => {
                settings.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
            }
            "PORTAL_ADDR" => Some("127.0.0.1:0".into()),
            "PORTAL_DATABASE_URL" => Some(database.url.clone()),
            "PORTAL_STORAGE_DIR" => Some(format!("{root}/files")),
            "PORTAL_SITE_ROOT" => Some(format!("{root}/site")),
            _ => None,
        })
        .expect("test config");
        let store = Store::connect(&config.database_url).await.expect("database");
        let expected = if database::on_postgres() { Backend::Postgres } else { Backend::Sqlite };
        assert_eq!(store.backend(), expected, "PORTAL_TEST_BACKEND decides the backend");
        store.migrate().await.expect("migrations");
        let clock = ManualClock::new(time::OffsetDateTime::now_utc());
        let portal_config = config.portal_config();
        let portal = Portal::with_clock(
            store,
            LocalStorage::new(&config.storage_dir),
            &portal_config,
            Arc::new(clock.clone()) as Arc<dyn Clock>,
        );
        portal.load_demo().await.expect("demo data");
        let app = Application::bind(&config, portal.clone()).await.expect("bind");
        let base = format!("http://{}", app.local_addr());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.serve(async {
            let _ = stopped.await;
        }));
        let client = Client::builder().redirect(redirect::Policy::none()).build().expect("client");
        let database_url = database.url.clone();
        Self {
            base,
            portal,
            clock,
            client,
            database_url,
            portal_config,
            storage_dir: config.storage_dir.clone(),
            _shutdown: shutdown,
            _database: database,
            _dir: dir,
        }
    }

    /// The services as another portal process on the same database and settings would run
    /// them (after a restart, or beside this one behind a load balancer).
    pub async fn another_process(&self) -> Portal {
        let store = Store::connect(&self.database_url).await.expect("database");
        Portal::with_clock(
            store,
            LocalStorage::new(&self.storage_dir),
            &self.portal_config,
            Arc::new(self.clock.clone()) as Arc<dyn Clock>,
        )
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A plain HTML form post from a page of this site, as a browser without JavaScript sends it.
    pub async fn form_post(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Response {
        let mut request = self
            .client
            .post(self.url(path))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(ORIGIN, &self.base)
            .header("sec-fetch-site", "same-origin")
            .form(form);
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.expect("form post")
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response {
        let mut request = self.client.get(self.url(path));
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.expect("get")
    }

    /// Logs in and returns the `name=value` session cookie.
    pub async fn login(&self, identifier: &str, password: &str) -> String {
        let response = self
            .form_post(
                "/api/entrar",
                &[("identifier", identifier), ("password", password), ("next", "/meu-imovel")],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::FOUND, "login of {identifier}");
        session_cookie(response.headers()).expect("session cookie set")
    }

    /// Signs a staff user in at `/equipe/entrar`; the `name=value` staff session cookie.
    pub async fn staff_login(&self, email: &str, password: &str) -> String {
        let response = self
            .form_post(
                "/api/equipe/entrar",
                &[("email", email), ("password", password), ("next", "/equipe")],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::FOUND, "staff login of {email}");
        assert_eq!(location(&response), "/equipe");
        set_cookie_named(response.headers(), "portal_equipe").expect("staff cookie set")
    }

    /// A new staff user with `role` and the demo staff password, limited to `developments`
    /// (none: every empreendimento), set by the demo admin; their id.
    pub async fn new_staff(&self, email: &str, role: portal::staff::StaffRole, developments: &[i64]) -> i64 {
        let id =
            self.portal.create_staff("Pessoa da Equipe", email, role, STAFF_PASSWORD).await.expect("staff");
        let admin = self.portal.staff_member(1).await.expect("demo admin");
        let access =
            portal::staff::StaffAccess { role, developments: developments.to_vec(), expires_on: None };
        self.portal.set_staff_access(&admin, id, &access).await.expect("access");
        id
    }

    /// A JSON POST without a token (the partner API's sign-in routes).
    pub async fn api_post(&self, path: &str, body: serde_json::Value) -> Response {
        self.client.post(self.url(path)).json(&body).send().await.expect("API POST")
    }

    /// A partner-API token (`POST /api/v1/autenticacao`) for `login` with the demo password.
    pub async fn api_token(&self, login: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/autenticacao"))
            .json(&serde_json::json!({ "login": login, "senha": PASSWORD }))
            .send()
            .await
            .expect("token request");
        let body: serde_json::Value = response.json().await.expect("token JSON");
        body["token"].as_str().expect("a token").to_string()
    }

    /// A partner-API GET with `token` that must answer 200, as JSON.
    pub async fn api_json(&self, token: &str, path: &str) -> serde_json::Value {
        let response = self.client.get(self.url(path)).bearer_auth(token).send().await.expect("API GET");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.expect("JSON")
    }

    /// The contract ids linked from the buyer's "Meu Imóvel" page.
    pub async fn contract_ids(&self, cookie: &str) -> Vec<i64> {
        let page = self.get("/meu-imovel", Some(cookie)).await.text().await.expect("page");
        let mut ids = ids_linked(&page, "/meu-imovel/contratos/");
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// The ids of the links in `page` that start with `prefix` (`/financeiro/boletos/`), in page
/// order, a link repeated right after itself counted once.
pub fn ids_linked(page: &str, prefix: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = page
        .split(prefix)
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect();
    ids.dedup();
    ids
}

/// The installment ids of a Financeiro page's list, in page order (not the cards above it).
pub fn listed_boleto_ids(page: &str) -> Vec<i64> {
    let list = page.split_once("class=\"installments\"").map_or("", |(_, list)| list);
    ids_linked(list, "/financeiro/boletos/")
}

/// The text of the read-only `<textarea id="{id}">` a code is shown (and copied) from.
pub fn code_field(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("<textarea id=\"{id}\""))?;
    let content = &page[start + page[start..].find('>')? + 1..];
    let text = &content[..content.find("</textarea>")?];
    Some(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// The `name=value` of the session's Set-Cookie header, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    set_cookie_named(headers, "portal_sessao")
}

/// The `name=value` of the Set-Cookie whose name ends with `name` (so also `__Host-name`).
pub fn set_cookie_named(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.split('=').next().is_some_and(|cookie| cookie.ends_with(name)))
        .map(str::to_string)
}

pub fn location(response: &Response) -> String {
    response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).unwrap_or_default().to_string()
}

/// The 6-digit code in the newest outbox message to `destination`.
pub async fn code_sent_to(portal: &TestPortal, destination: &str) -> String {
    let messages = portal.portal.store.recent_outbox(20).await.unwrap();
    let message = messages.iter().find(|m| m.destination == destination).expect("a message was queued");
    assert_eq!(message.status, "held", "development keeps messages in the outbox");
    message
        .body_text
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .expect("a 6-digit code in the message")
        .to_string()
}

pub fn query_value(location: &str, name: &str) -> String {
    location
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_default()
        .to_string()
}

/// The text a reader extracts from the PDF, every run of white space made one space (lines and
/// cells come out in drawing order).
pub fn pdf_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("a PDF a reader can parse");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the PDF shows `needle` (pdf-writer writes text with accents as hex strings, in
/// the WinAnsi encoding, which matches Latin-1).
pub fn pdf_contains(pdf: &[u8], needle: &str) -> bool {
    let text = String::from_utf8_lossy(pdf);
    let latin1_hex: String = needle.chars().map(|c| format!("{:02X}", c as u32)).collect();
    text.contains(needle) || text.contains(&latin1_hex)
}

/// A real (tiny) PNG file.
pub fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(4, 4, image::Rgb([10, 20, 30]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

/// A multipart form post from a page of this site (files with a message), without JavaScript.
pub async fn post_multipart(
    portal: &TestPortal,
    path: &str,
    cookie: &str,
    form: reqwest::multipart::Form,
) -> Response {
    portal
        .client
        .post(portal.url(path))
        .header(COOKIE, cookie)
        .header(ORIGIN, &portal.base)
        .header(ACCEPT, "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Saves an address in Curitiba (Rua XV de Novembro, 1000, ap. 12) for the signed-in buyer, as
/// the Meus dados form posts it.
pub async fn save_an_address(portal: &TestPortal, cookie: &str) -> Response {
    let form = [
        ("form[label]", "Residencial"),
        ("form[cep]", "80010-000"),
        ("form[street]", "Rua XV de Novembro"),
        ("form[number]", "1000"),
        ("form[complement]", "ap. 12"),
        ("form[district]", "Centro"),
        ("form[city]", "Curitiba"),
        ("form[state]", "PR"),
        ("id", ""),
    ];
    portal.form_post("/api/endereco-salvar", &form, Some(cookie)).await
}
