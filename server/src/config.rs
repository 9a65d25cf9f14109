//! Configuration from `PORTAL_*` environment variables, with defaults that run on a laptop.

use std::net::SocketAddr;
use std::path::PathBuf;

use portal::br::boleto::BankAccount;
use portal::br::pix::check_payee;
use portal::finance::{
    parse_percent, PaymentSettings, MAX_LATE_FINE_BASIS_POINTS, MAX_MONTHLY_INTEREST_BASIS_POINTS,
};
use portal::notifications::transport::{SmsSettings, SmtpSecurity, SmtpSettings, Transports};

mod branding;
mod oauth;
pub use branding::{BrandConfig, Logo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// `Debug` is written by hand below: it never prints the secret key or a database password.
#[derive(Clone)]
pub struct Config {
    /// `PORTAL_ADDR`, default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `PORTAL_DATABASE_URL`, default `sqlite://data/portal.db`.
    pub database_url: String,
    /// `PORTAL_ENV`: `development` (default) or `production`.
    pub environment: Environment,
    /// `PORTAL_PUBLIC_URL`: the address buyers type, e.g. `https://portal.construtora.com.br`.
    /// Required in production (and must be HTTPS); decides the cookie flags, HSTS and the
    /// Origin that state-changing requests must come from.
    pub public_url: Option<String>,
    /// `PORTAL_SITE_ROOT`, default `target/site`: the built wasm, JS, CSS and public files.
    pub site_root: PathBuf,
    /// `PORTAL_STORAGE_DIR`, default `data/files`: uploaded and generated documents.
    pub storage_dir: PathBuf,
    /// `PORTAL_SECRET_KEY`: keys one-time codes and signs partner tokens. Required in production
    /// (at least 32 characters); a development run without it uses a random key per start.
    pub secret_key: Option<String>,
    /// `PORTAL_PREVIOUS_SECRET_KEY`: the secret key before a rotation, so listing-portal
    /// credentials sealed under it still open (each is sealed again under the new key when next
    /// written).
    pub previous_secret_key: Option<String>,
    /// `PORTAL_OAUTH_<PORTAL>_*`: apps registered with the OAuth-only listing portals.
    pub listing_oauth: Vec<portal::listings::OAuthApp>,
    /// `PORTAL_SMTP_*` and `PORTAL_SMS_*`; a channel without a transport keeps its messages in
    /// the outbox (`/dev/caixa-de-saida` in development).
    pub transports: Transports,
    /// `PORTAL_BOLETO_*` and `PORTAL_PIX_*`: the company's bank agreement and PIX key for
    /// boletos. A development run without them uses example data; production without them
    /// shows boletos without payment codes (and says to contact the company).
    pub payment: Option<PaymentSettings>,
    /// `PORTAL_MARCA_*` and `PORTAL_SAC_*`: the company's name, logo, colour and service desk
    /// in the header and footer (the demo company in development).
    pub brand: BrandConfig,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("database_url", &redact_url_password(&self.database_url))
            .field("environment", &self.environment)
            .field("public_url", &self.public_url)
            .field("site_root", &self.site_root)
            .field("storage_dir", &self.storage_dir)
            .field("secret_key", &self.secret_key.as_ref().map(|_| "<definida>"))
            .field("previous_secret_key", &self.previous_secret_key.as_ref().map(|_| "<definida>"))
            .field("listing_oauth", &self.listing_oauth)
            .field("transports", &self.transports)
            .field("payment", &self.payment.as_ref().map(|payment| &payment.bank_name))
            .field("brand", &self.brand)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        _ => url.to_string(),
    }
}

/// A configuration problem, as a sentence for whoever starts the portal.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("PORTAL_ADDR inválido ({0}): use host:porta, por exemplo 127.0.0.1:3000")]
    Addr(String),
    #[error("PORTAL_ENV inválido ({0}): use development ou production")]
    Environment(String),
    #[error("PORTAL_PUBLIC_URL é obrigatório em produção: informe o endereço HTTPS do portal, por exemplo https://portal.suaconstrutora.com.br")]
    MissingPublicUrl,
    #[error("PORTAL_PUBLIC_URL deve começar com https:// em produção (recebido: {0})")]
    InsecurePublicUrl(String),
    #[error(
        "PORTAL_PUBLIC_URL inválido ({0}): informe só esquema e host, como https://portal.exemplo.com.br"
    )]
    PublicUrl(String),
    #[error(
        "PORTAL_SECRET_KEY é obrigatória em produção: gere uma com `openssl rand -hex 32` e guarde-a fora do repositório"
    )]
    MissingSecretKey,
    #[error("PORTAL_SECRET_KEY curta demais: use pelo menos 32 caracteres aleatórios")]
    WeakSecretKey,
    #[error(
        "Modo de desenvolvimento só num endereço local (recebido {0}): ele mostra os códigos de acesso em /dev/caixa-de-saida e os logins de demonstração. Num servidor, defina PORTAL_ENV=production"
    )]
    DevelopmentInPublic(String),
    #[error("{0}")]
    Transport(String),
    #[error("{0}")]
    Payment(String),
    #[error("{0}")]
    Branding(String),
    #[error("{0}")]
    OAuth(String),
}

/// Reads the bank and PIX data of boletos; all of it, or none.
fn payment(
    lookup: &impl Fn(&str) -> Option<String>,
    environment: Environment,
) -> Result<Option<PaymentSettings>, ConfigError> {
    let Some(agreement) = lookup("PORTAL_BOLETO_CONVENIO") else {
        return Ok((environment == Environment::Development).then(PaymentSettings::demo));
    };
    let required = |name: &str| {
        lookup(name)
            .ok_or_else(|| ConfigError::Payment(format!("{name} é obrigatório com PORTAL_BOLETO_CONVENIO")))
    };
    let bank_code = lookup("PORTAL_BOLETO_BANCO").unwrap_or_else(|| "001".into());
    if bank_code != "001" {
        // Other banks need fields this fallback does not have: they are set per company.
        return Err(ConfigError::Payment(
            "PORTAL_BOLETO_BANCO aceita só 001; o Itaú se configura por empresa em /equipe/financeiro".into(),
        ));
    }
    let wallet = lookup("PORTAL_BOLETO_CARTEIRA").unwrap_or_else(|| "17".into());
    let bank = BankAccount::banco_do_brasil(&agreement, &wallet)
        .map_err(|error| ConfigError::Payment(format!("PORTAL_BOLETO_*: {error}")))?;
    let settings = PaymentSettings {
        bank,
        bank_name: lookup("PORTAL_BOLETO_BANCO_NOME").unwrap_or_else(|| "Banco do Brasil S.A.".into()),
        agency_account: required("PORTAL_BOLETO_AGENCIA_CONTA")?,
        beneficiary_name: required("PORTAL_BOLETO_BENEFICIARIO")?,
        beneficiary_document: required("PORTAL_BOLETO_BENEFICIARIO_CNPJ")?,
        pix_key: required("PORTAL_PIX_CHAVE")?,
        pix_city: required("PORTAL_PIX_CIDADE")?,
        late_fine_basis_points: percent(lookup, "PORTAL_BOLETO_MULTA", 200, MAX_LATE_FINE_BASIS_POINTS)?,
        monthly_interest_basis_points: percent(
            lookup,
            "PORTAL_BOLETO_JUROS_MES",
            100,
            MAX_MONTHLY_INTEREST_BASIS_POINTS,
        )?,
    };
    // The PIX receiver name is the beneficiary's: a bad one would make every BR Code invalid.
    check_payee(&settings.pix_key, &settings.beneficiary_name, &settings.pix_city).map_err(|error| {
        ConfigError::Payment(format!(
            "PORTAL_PIX_CHAVE, PORTAL_PIX_CIDADE ou PORTAL_BOLETO_BENEFICIARIO inválido: {error}"
        ))
    })?;
    Ok(Some(settings))
}

/// `name` as a percentage (`2`, `0,5`) in hundredths of a percent, at most `max`.
fn percent(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: u32,
    max: u32,
) -> Result<u32, ConfigError> {
    let Some(text) = lookup(name) else {
        return Ok(default);
    };
    parse_percent(&text, max).ok_or_else(|| {
        ConfigError::Payment(format!(
            "{name} inválido ({text}): use um percentual entre 0 e {},{:02}, como 2 ou 0,5",
            max / 100,
            max % 100
        ))
    })
}

/// Reads the e-mail and SMS transports.
fn transports(lookup: &impl Fn(&str) -> Option<String>) -> Result<Transports, ConfigError> {
    let smtp = match lookup("PORTAL_SMTP_HOST") {
        None => None,
        Some(host) => {
            let security = match lookup("PORTAL_SMTP_TLS").as_deref().unwrap_or("starttls") {
                "starttls" => SmtpSecurity::StartTls,
                "tls" => SmtpSecurity::Tls,
                "none" => SmtpSecurity::Plain,
                other => {
                    return Err(ConfigError::Transport(format!(
                        "PORTAL_SMTP_TLS inválido ({other}): use starttls, tls ou none"
                    )))
                }
            };
            let default_port = if security == SmtpSecurity::Tls { "465" } else { "587" };
            let port_text = lookup("PORTAL_SMTP_PORT").unwrap_or_else(|| default_port.into());
            let port = port_text
                .parse()
                .map_err(|_| ConfigError::Transport(format!("PORTAL_SMTP_PORT inválida ({port_text})")))?;
            let from = lookup("PORTAL_SMTP_FROM").ok_or_else(|| {
                ConfigError::Transport(
                    "PORTAL_SMTP_FROM é obrigatório com PORTAL_SMTP_HOST, por exemplo \"Construtora <portal@construtora.com.br>\""
                        .into(),
                )
            })?;
            Some(SmtpSettings {
                host,
                port,
                security,
                username: lookup("PORTAL_SMTP_USER"),
                password: lookup("PORTAL_SMTP_PASSWORD"),
                from,
            })
        }
    };
    let sms = match (lookup("PORTAL_SMS_URL"), lookup("PORTAL_SMS_TOKEN")) {
        (None, _) => None,
        (Some(url), Some(token)) => Some(SmsSettings { url, token }),
        (Some(_), None) => {
            return Err(ConfigError::Transport("PORTAL_SMS_TOKEN é obrigatório com PORTAL_SMS_URL".into()))
        }
    };
    Ok(Transports { smtp, sms })
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|value| !value.trim().is_empty()))
    }

    /// Reads settings through `lookup` (tests pass a map instead of the process environment).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let addr_text = lookup("PORTAL_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr_text.parse().map_err(|_| ConfigError::Addr(addr_text.clone()))?;
        let environment = match lookup("PORTAL_ENV").as_deref().unwrap_or("development") {
            "development" | "dev" => Environment::Development,
            "production" | "prod" => Environment::Production,
            other => return Err(ConfigError::Environment(other.to_string())),
        };
        let public_url = lookup("PORTAL_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_string());
        if let Some(url) = &public_url {
            let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
            if rest.is_none_or(|host| host.is_empty() || host.contains('/')) {
                return Err(ConfigError::PublicUrl(url.clone()));
            }
        }
        // Development shows every sign-in code and the demo logins: never where others reach it.
        if environment == Environment::Development {
            if !addr.ip().is_loopback() {
                return Err(ConfigError::DevelopmentInPublic(format!("PORTAL_ADDR={addr}")));
            }
            if let Some(url) = public_url.as_ref().filter(|url| url.starts_with("https://")) {
                return Err(ConfigError::DevelopmentInPublic(format!("PORTAL_PUBLIC_URL={url}")));
            }
        }
        if environment == Environment::Production {
            match &public_url {
                None => return Err(ConfigError::MissingPublicUrl),
                Some(url) if !url.starts_with("https://") => {
                    return Err(ConfigError::InsecurePublicUrl(url.clone()))
                }
                Some(_) => {}
            }
        }
        let secret_key = lookup("PORTAL_SECRET_KEY");
        match (&secret_key, environment) {
            (Some(key), _) if key.chars().count() < 32 => return Err(ConfigError::WeakSecretKey),
            (None, Environment::Production) => return Err(ConfigError::MissingSecretKey),
            _ => {}
        }
        let previous_secret_key = lookup("PORTAL_PREVIOUS_SECRET_KEY");
        if previous_secret_key.as_ref().is_some_and(|key| key.chars().count() < 32) {
            return Err(ConfigError::WeakSecretKey);
        }
        let listing_oauth = oauth::listing_oauth(&lookup, environment)?;
        let transports = transports(&lookup)?;
        let payment = payment(&lookup, environment)?;
        let brand = branding::brand(&lookup, environment)?;
        Ok(Self {
            brand,
            payment,
            addr,
            secret_key,
            previous_secret_key,
            listing_oauth,
            transports,
            database_url: lookup("PORTAL_DATABASE_URL").unwrap_or_else(|| "sqlite://data/portal.db".into()),
            environment,
            public_url,
            site_root: lookup("PORTAL_SITE_ROOT").unwrap_or_else(|| "target/site".into()).into(),
            storage_dir: lookup("PORTAL_STORAGE_DIR").unwrap_or_else(|| "data/files".into()).into(),
        })
    }

    /// What the domain services need from the configuration.
    pub fn portal_config(&self) -> portal::PortalConfig {
        let mut portal = portal::PortalConfig::with_random_secret();
        if let Some(key) = &self.secret_key {
            portal.secret_key = key.as_bytes().to_vec();
        }
        portal.previous_secret_key = self.previous_secret_key.as_ref().map(|key| key.as_bytes().to_vec());
        portal.listing_oauth = self.listing_oauth.clone();
        portal.transports = self.transports.clone();
        portal.payment = self.payment.clone();
        portal.public_url = self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.addr));
        portal
    }

    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix, responses HSTS.
    pub fn is_https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn laptop_defaults() {
        let config = config(&[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/portal.db");
        assert_eq!(config.environment, Environment::Development);
        assert!(!config.is_https());
    }

    #[test]
    fn production_requires_an_https_public_url_with_a_clear_sentence() {
        let error = config(&[("PORTAL_ENV", "production")]).unwrap_err();
        assert!(error.to_string().contains("PORTAL_PUBLIC_URL é obrigatório em produção"));
        assert!(matches!(
            config(&[("PORTAL_ENV", "production"), ("PORTAL_PUBLIC_URL", "http://portal.example")]),
            Err(ConfigError::InsecurePublicUrl(_))
        ));
        let without_secret =
            config(&[("PORTAL_ENV", "production"), ("PORTAL_PUBLIC_URL", "https://portal.example/")]);
        let error = without_secret.unwrap_err();
        assert!(error.to_string().contains("PORTAL_SECRET_KEY é obrigatória em produção"), "{error}");
        let ok = config(&[
            ("PORTAL_ENV", "production"),
            ("PORTAL_PUBLIC_URL", "https://portal.example/"),
            ("PORTAL_SECRET_KEY", "0123456789abcdef0123456789abcdef"),
        ])
        .unwrap();
        assert!(ok.is_https());
        assert_eq!(ok.public_url.as_deref(), Some("https://portal.example"));
    }

    #[test]
    fn refuses_bad_values() {
        assert!(matches!(config(&[("PORTAL_ADDR", "nope")]), Err(ConfigError::Addr(_))));
        assert!(matches!(config(&[("PORTAL_ENV", "staging")]), Err(ConfigError::Environment(_))));
        assert!(matches!(
            config(&[("PORTAL_PUBLIC_URL", "https://x.example/path")]),
            Err(ConfigError::PublicUrl(_))
        ));
        assert!(matches!(config(&[("PORTAL_SECRET_KEY", "short")]), Err(ConfigError::WeakSecretKey)));
        let no_from = config(&[("PORTAL_SMTP_HOST", "smtp.example")]).unwrap_err();
        assert!(no_from.to_string().contains("PORTAL_SMTP_FROM é obrigatório"));
        assert!(config(&[("PORTAL_SMS_URL", "https://sms.example/send")]).is_err());
        assert!(config(&[("PORTAL_SMTP_HOST", "smtp.example"), ("PORTAL_SMTP_TLS", "maybe")]).is_err());
        let smtp =
            config(&[("PORTAL_SMTP_HOST", "smtp.example"), ("PORTAL_SMTP_FROM", "Portal <p@x.example>")])
                .unwrap()
                .transports
                .smtp
                .unwrap();
        assert_eq!((smtp.port, smtp.security), (587, SmtpSecurity::StartTls));
    }

    #[test]
    fn development_mode_refuses_a_public_address_or_an_https_url() {
        for pairs in [
            vec![("PORTAL_ADDR", "0.0.0.0:3000")],
            vec![("PORTAL_ADDR", "192.0.2.10:80")],
            vec![("PORTAL_ADDR", "[::]:3000")],
            vec![("PORTAL_PUBLIC_URL", "https://portal.construtora.com.br")],
        ] {
            let error = config(&pairs).unwrap_err();
            assert!(matches!(error, ConfigError::DevelopmentInPublic(_)), "{pairs:?}");
            assert!(error.to_string().contains("PORTAL_ENV=production"), "{error}");
        }
        assert!(config(&[("PORTAL_ADDR", "[::1]:3000")]).is_ok(), "IPv6 loopback is local");
        assert!(config(&[("PORTAL_PUBLIC_URL", "http://127.0.0.1:3000")]).is_ok());
        let production = config(&[
            ("PORTAL_ENV", "production"),
            ("PORTAL_ADDR", "0.0.0.0:3000"),
            ("PORTAL_PUBLIC_URL", "https://portal.example"),
            ("PORTAL_SECRET_KEY", "0123456789abcdef0123456789abcdef"),
        ]);
        assert!(production.is_ok(), "production may listen anywhere");
    }

    #[test]
    fn debug_never_prints_a_secret() {
        let config = config(&[
            ("PORTAL_SECRET_KEY", "secret-key-0123456789abcdef-0123456789"),
            ("PORTAL_DATABASE_URL", "postgres://portal:db-password-42@db.internal:5432/portal"),
            ("PORTAL_SMTP_HOST", "smtp.example"),
            ("PORTAL_SMTP_FROM", "Portal <p@x.example>"),
            ("PORTAL_SMTP_USER", "mailer"),
            ("PORTAL_SMTP_PASSWORD", "smtp-password-42"),
            ("PORTAL_SMS_URL", "https://sms.example/send"),
            ("PORTAL_SMS_TOKEN", "sms-token-42"),
        ])
        .unwrap();
        let printed = format!("{config:?} {config:#?}");
        for secret in ["secret-key-0123456789", "db-password-42", "smtp-password-42", "sms-token-42"] {
            assert!(!printed.contains(secret), "{secret} leaked: {printed}");
        }
        assert!(printed.contains("postgres://portal:***@db.internal:5432/portal"), "{printed}");
        assert!(printed.contains("smtp.example"), "what is not secret stays readable");
    }

    /// A complete bank and PIX configuration.
    fn bank_pairs() -> Vec<(&'static str, &'static str)> {
        vec![
            ("PORTAL_BOLETO_CONVENIO", "1234567"),
            ("PORTAL_BOLETO_AGENCIA_CONTA", "1234-5 / 12345-6"),
            ("PORTAL_BOLETO_BENEFICIARIO", "Construtora Horizonte Ltda"),
            ("PORTAL_BOLETO_BENEFICIARIO_CNPJ", "11.222.333/0001-81"),
            ("PORTAL_PIX_CIDADE", "Curitiba"),
            ("PORTAL_PIX_CHAVE", "financeiro@horizonte.com.br"),
        ]
    }

    #[test]
    fn a_pix_receiver_that_would_break_every_br_code_stops_the_start() {
        let mut pairs = bank_pairs();
        assert!(config(&pairs).unwrap().payment.is_some());
        pairs[5] = ("PORTAL_PIX_CHAVE", "financeiro @horizonte");
        let error = config(&pairs).unwrap_err().to_string();
        assert!(error.contains("PORTAL_PIX_CHAVE") && error.contains("sem espaços"), "{error}");
        pairs[5] = ("PORTAL_PIX_CHAVE", "financeiro@horizonte.com.br");
        pairs[4] = ("PORTAL_PIX_CIDADE", "---");
        assert!(config(&pairs).is_ok(), "symbols are kept: the city is not empty");
        pairs[4] = ("PORTAL_PIX_CIDADE", " ");
        assert!(config(&pairs).unwrap_err().to_string().contains("cidade"));
    }

    #[test]
    fn the_configurations_bank_is_banco_do_brasil_only() {
        let mut pairs = bank_pairs();
        pairs.push(("PORTAL_BOLETO_BANCO", "341"));
        let error = config(&pairs).unwrap_err().to_string();
        assert!(error.contains("PORTAL_BOLETO_BANCO aceita só 001"), "{error}");
    }

    #[test]
    fn the_fine_and_interest_are_read_as_percentages_within_the_law() {
        let mut pairs = bank_pairs();
        let payment = config(&pairs).unwrap().payment.unwrap();
        assert_eq!((payment.late_fine_basis_points, payment.monthly_interest_basis_points), (200, 100));
        pairs.extend([("PORTAL_BOLETO_MULTA", "1,5"), ("PORTAL_BOLETO_JUROS_MES", "0.33%")]);
        let payment = config(&pairs).unwrap().payment.unwrap();
        assert_eq!((payment.late_fine_basis_points, payment.monthly_interest_basis_points), (150, 33));
        for (fine, interest) in
            [("2,01", "1"), ("10", "1"), ("dois", "1"), ("1", "1,234"), ("1", "-1"), ("1", ",5")]
        {
            let mut bad = bank_pairs();
            bad.extend([("PORTAL_BOLETO_MULTA", fine), ("PORTAL_BOLETO_JUROS_MES", interest)]);
            let error = config(&bad).unwrap_err().to_string();
            assert!(error.contains("PORTAL_BOLETO_"), "{fine} / {interest}: {error}");
        }
    }

    #[test]
    fn a_brand_that_would_show_broken_stops_the_start_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("logo.png");
        std::fs::write(&text, "<svg onload=alert(1)>").unwrap();
        let text = text.to_string_lossy().to_string();
        let missing = dir.path().join("nada.png").to_string_lossy().to_string();
        for (name, value, reason) in [
            ("PORTAL_MARCA_COR", "#ffcc00", "contraste"),
            ("PORTAL_MARCA_COR", "azul", "#rrggbb"),
            ("PORTAL_MARCA_LOGO", text.as_str(), "não é uma imagem"),
            ("PORTAL_MARCA_LOGO", missing.as_str(), "não foi possível ler"),
            ("PORTAL_SAC_TELEFONE", "123", "telefone inválido"),
            ("PORTAL_SAC_WHATSAPP", "(41) 3030-4040", "celular inválido"),
            ("PORTAL_SAC_EMAIL", "sac@", "e-mail inválido"),
        ] {
            let error = config(&[(name, value)]).unwrap_err().to_string();
            assert!(error.starts_with(name) && error.contains(reason), "{name}={value}: {error}");
        }
        let branding = config(&[("PORTAL_MARCA_NOME", "Construtora Aurora")]).unwrap().brand.branding;
        assert_eq!(branding.company_name, "Construtora Aurora");
        assert!(branding.contact.is_empty(), "a named company shows only the contacts it sets");
    }
}
