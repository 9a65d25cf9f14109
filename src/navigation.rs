//! Where the portal may send a browser after a form.

/// Returns `target` when it is a path on this site, else `/meu-imovel`.
///
/// Refuses absolute URLs, scheme-relative `//host` and `/\host` (browsers treat a backslash as
/// a slash), and control characters, so a crafted link can never bounce a buyer to another site.
pub fn safe_redirect_target(target: &str) -> &str {
    const HOME: &str = "/meu-imovel";
    let bytes = target.as_bytes();
    let is_local_path = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/') | Some(b'\\'))
        && !target.chars().any(|c| c.is_control() || c == '\\');
    if is_local_path {
        target
    } else {
        HOME
    }
}

#[cfg(test)]
mod tests {
    use super::safe_redirect_target;

    #[test]
    fn keeps_local_paths_and_refuses_everything_else() {
        assert_eq!(safe_redirect_target("/meu-imovel/contratos/3"), "/meu-imovel/contratos/3");
        assert_eq!(safe_redirect_target("/entrar?x=1"), "/entrar?x=1");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
            "/a\r\nSet-Cookie: x",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_redirect_target(bad), "/meu-imovel", "{bad:?}");
        }
    }
}
