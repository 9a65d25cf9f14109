//! Where a partner may send a buyer after a hand-off: a path of this site, or an exact origin
//! the admin allowed for that partner. Targets are parsed the way browsers parse them (WHATWG
//! URL: backslashes, tabs and newlines included), so what is checked is what the browser would
//! open.

use url::{Position, Url};

/// The `Location` for `target`, or `None` when it leads anywhere else.
pub fn allowed_redirect(target: &str, public_url: &str, allowed_origins: &[String]) -> Option<String> {
    let site = Url::parse(public_url).ok()?;
    let resolved = site.join(target.trim()).ok()?;
    if resolved.origin() == site.origin() {
        let local = &resolved[Position::BeforePath..];
        // `//host` or `/\host` as a Location would leave the site.
        let leaves = local.starts_with("//") || local.starts_with("/\\");
        return (!leaves).then(|| local.to_string());
    }
    // Stored origins are exact (https, or loopback http on a development portal).
    let exact = resolved.username().is_empty()
        && resolved.password().is_none()
        && allowed_origins.iter().any(|origin| *origin == resolved.origin().ascii_serialization());
    exact.then(|| resolved.to_string())
}

/// True for an address partners may use: https, or, on a development portal (itself served
/// over plain http), http on this machine, so an integrator can try the flows locally.
pub fn secure_or_local(url: &Url, development: bool) -> bool {
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    url.scheme() == "https" || (development && url.scheme() == "http" && loopback)
}

/// An origin as the admin typed it, as stored: `https://host[:port]`, nothing else.
pub fn parse_origin(typed: &str, development: bool) -> Result<String, String> {
    let refuse = || format!("\"{typed}\" não é uma origem https exata, como https://www.exemplo.com.br.");
    let url = Url::parse(typed.trim()).map_err(|_| refuse())?;
    let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    if !secure_or_local(&url, development) || !bare || !url.username().is_empty() || url.password().is_some()
    {
        return Err(refuse());
    }
    let origin = url.origin().ascii_serialization();
    // `https://exemplo.com/` typed with its slash is the same origin; anything more is not.
    let typed_bare = typed.trim().trim_end_matches('/');
    if !typed_bare.eq_ignore_ascii_case(&origin) {
        return Err(refuse());
    }
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://portal.exemplo.com.br";

    fn allowed() -> Vec<String> {
        vec!["https://parceiro.com.br".to_string()]
    }

    #[test]
    fn paths_of_the_site_and_allowed_origins_pass() {
        assert_eq!(allowed_redirect("/financeiro", SITE, &allowed()).as_deref(), Some("/financeiro"));
        assert_eq!(
            allowed_redirect("/mensagens?x=1#y", SITE, &allowed()).as_deref(),
            Some("/mensagens?x=1#y")
        );
        assert_eq!(
            allowed_redirect("https://portal.exemplo.com.br/documentos", SITE, &allowed()).as_deref(),
            Some("/documentos")
        );
        assert_eq!(
            allowed_redirect("https://parceiro.com.br/volta?ok=1", SITE, &allowed()).as_deref(),
            Some("https://parceiro.com.br/volta?ok=1")
        );
    }

    #[test]
    fn classic_open_redirect_payloads_are_refused() {
        for payload in [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            " //evil.example",
            "https://evil.example",
            "http://parceiro.com.br",
            "https://parceiro.com.br.evil.example",
            "https://parceiro.com.br@evil.example",
            "https://user:pw@parceiro.com.br/",
            "https://evil.example#https://parceiro.com.br",
            "https://parceiro.com.br:8443/",
            "https:evil.example",
            "https:/evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://portal.exemplo.com.br//evil.example",
            "/.//evil.example",
            "//portal.exemplo.com.br@evil.example",
        ] {
            let answer = allowed_redirect(payload, SITE, &allowed());
            assert!(
                answer.as_deref().is_none_or(|to| to.starts_with('/') && !to.starts_with("//")),
                "{payload:?} -> {answer:?}"
            );
            if let Some(to) = answer {
                let resolved = Url::parse(SITE).unwrap().join(&to).unwrap();
                assert_eq!(resolved.host_str(), Some("portal.exemplo.com.br"), "{payload:?} -> {to}");
            }
        }
    }

    #[test]
    fn origins_must_be_exact_https() {
        assert_eq!(parse_origin("https://www.Exemplo.com.br/", false).unwrap(), "https://www.exemplo.com.br");
        assert_eq!(
            parse_origin("https://exemplo.com.br:8443", false).unwrap(),
            "https://exemplo.com.br:8443"
        );
        for bad in [
            "http://exemplo.com.br",
            "https://exemplo.com.br/app",
            "exemplo.com.br",
            "https://a@b.com",
            "https://exemplo.com.br?x=1",
        ] {
            assert!(parse_origin(bad, false).is_err(), "{bad}");
            assert!(parse_origin(bad, true).is_err(), "{bad}");
        }
        // Loopback http only on a development portal.
        assert!(parse_origin("http://127.0.0.1:4000", false).is_err());
        assert_eq!(parse_origin("http://127.0.0.1:4000", true).unwrap(), "http://127.0.0.1:4000");
        assert!(parse_origin("http://10.0.0.1:4000", true).is_err());
    }
}
