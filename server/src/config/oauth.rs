//! `PORTAL_OAUTH_<PORTAL>_*`: the apps registered with the OAuth-only listing portals. For each
//! of FACEBOOK, INSTAGRAM, MERCADOLIVRE and OLX, `_CLIENT_ID` switches it on and then
//! `_CLIENT_SECRET`, `_AUTHORIZE_URL` and `_TOKEN_URL` are required (`_SCOPE` optional). The
//! addresses are HTTPS; a development run also takes a loopback `http://` one (a local fake
//! authorisation server).

use portal::listings::OAuthApp;

use super::{ConfigError, Environment};

const PORTALS: [(&str, &str); 4] =
    [("FACEBOOK", "facebook"), ("INSTAGRAM", "instagram"), ("MERCADOLIVRE", "mercadolivre"), ("OLX", "olx")];

fn allowed_address(address: &str, environment: Environment) -> bool {
    let Ok(url) = url::Url::parse(address) else { return false };
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    url.scheme() == "https" || (environment == Environment::Development && url.scheme() == "http" && loopback)
}

pub(super) fn listing_oauth(
    lookup: &impl Fn(&str) -> Option<String>,
    environment: Environment,
) -> Result<Vec<OAuthApp>, ConfigError> {
    let mut apps = Vec::new();
    for (name, slug) in PORTALS {
        let variable = |field: &str| format!("PORTAL_OAUTH_{name}_{field}");
        let Some(client_id) = lookup(&variable("CLIENT_ID")) else { continue };
        let required = |field: &str| {
            lookup(&variable(field)).filter(|value| !value.trim().is_empty()).ok_or_else(|| {
                ConfigError::OAuth(format!("{} é obrigatório com {}", variable(field), variable("CLIENT_ID")))
            })
        };
        let app = OAuthApp {
            slug: slug.into(),
            client_id,
            client_secret: required("CLIENT_SECRET")?,
            authorize_url: required("AUTHORIZE_URL")?,
            token_url: required("TOKEN_URL")?,
            scope: lookup(&variable("SCOPE")),
        };
        for (field, address) in [("AUTHORIZE_URL", &app.authorize_url), ("TOKEN_URL", &app.token_url)] {
            if !allowed_address(address, environment) {
                return Err(ConfigError::OAuth(format!("{} deve ser um endereço https://", variable(field))));
            }
        }
        apps.push(app);
    }
    Ok(apps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apps(pairs: &[(&str, &str)], environment: Environment) -> Result<Vec<OAuthApp>, ConfigError> {
        let lookup =
            |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string());
        listing_oauth(&lookup, environment)
    }

    #[test]
    fn an_app_needs_all_its_parts_and_https() {
        assert!(apps(&[], Environment::Production).unwrap().is_empty());
        let partial = apps(&[("PORTAL_OAUTH_OLX_CLIENT_ID", "x")], Environment::Production);
        assert!(partial.unwrap_err().to_string().contains("PORTAL_OAUTH_OLX_CLIENT_SECRET"));
        let full = |authorize: &'static str| {
            vec![
                ("PORTAL_OAUTH_OLX_CLIENT_ID", "x"),
                ("PORTAL_OAUTH_OLX_CLIENT_SECRET", "s"),
                ("PORTAL_OAUTH_OLX_AUTHORIZE_URL", authorize),
                ("PORTAL_OAUTH_OLX_TOKEN_URL", "https://auth.olx.com.br/oauth/token"),
            ]
        };
        let ok = apps(&full("https://auth.olx.com.br/oauth"), Environment::Production).unwrap();
        assert_eq!((ok.len(), ok[0].slug.as_str()), (1, "olx"));
        assert!(apps(&full("http://auth.olx.com.br/oauth"), Environment::Production).is_err());
        assert!(apps(&full("http://127.0.0.1:9000/oauth"), Environment::Production).is_err());
        assert!(apps(&full("http://127.0.0.1:9000/oauth"), Environment::Development).is_ok());
    }
}
