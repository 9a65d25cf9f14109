//! A session's device as a buyer recognises it, from its user agent (parsed by woothee):
//! `Chrome 126 no Android 14 (celular)`.

use std::sync::LazyLock;

static PARSER: LazyLock<woothee::parser::Parser> = LazyLock::new(woothee::parser::Parser::new);

/// `kind` is the session's (`api` sessions are a partner's, whatever their agent says).
pub fn device_name(kind: &str, user_agent: Option<&str>) -> String {
    if kind == "api" {
        return "Parceiro (API)".to_string();
    }
    let Some(parsed) = user_agent.and_then(|agent| PARSER.parse(agent)) else {
        return "Navegador desconhecido".to_string();
    };
    let known = |value: &str| {
        (!value.is_empty() && value != woothee::woothee::VALUE_UNKNOWN).then(|| value.to_string())
    };
    if known(parsed.name).is_none() && known(parsed.os).is_none() {
        return "Navegador desconhecido".to_string();
    }
    let major = parsed.version.split('.').next().unwrap_or_default();
    let browser = match known(parsed.name) {
        Some(name) if !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{name} {major}")
        }
        Some(name) => name,
        None => "Navegador".to_string(),
    };
    let version = known(&parsed.os_version);
    let system = match (known(parsed.os), version) {
        (Some(os), Some(version)) if os == "iPhone" || os == "iPad" => Some(format!("{os}, iOS {version}")),
        (Some(os), _) if os.starts_with("Mac OS") => Some("macOS".to_string()),
        (Some(os), Some(version)) if os == "Android" => Some(format!("Android {version}")),
        (Some(os), _) => Some(os),
        (None, _) => None,
    };
    let kind = match parsed.category {
        _ if parsed.os == "iPad" => Some("tablet"),
        "smartphone" | "mobilephone" => Some("celular"),
        "pc" => Some("computador"),
        "appliance" => Some("outro aparelho"),
        // No system either: a script or a library, not a browser someone holds.
        _ if system.is_none() => Some("programa"),
        _ => None,
    };
    let mut name = browser;
    if let Some(system) = system {
        name = format!("{name} no {system}");
    }
    if let Some(kind) = kind {
        name = format!("{name} ({kind})");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_browser_version_system_and_kind_of_device() {
        let name = |agent: &str| device_name("browser", Some(agent));
        assert_eq!(
            name("Mozilla/5.0 (Linux; Android 14; SM-A146M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"),
            "Chrome 126 no Android 14 (celular)"
        );
        assert_eq!(
            name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
            "Safari 17 no iPhone, iOS 17.5 (celular)"
        );
        assert_eq!(
            name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
            "Edge 131 no Windows 10 (computador)"
        );
        assert_eq!(
            name("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0"),
            "Firefox 133 no macOS (computador)"
        );
        assert_eq!(
            name("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Firefox/130.0"),
            "Firefox 130 no iPad, iOS 17.0 (tablet)"
        );
        assert_eq!(
            name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36 OPR/110.0"),
            "Opera 110 no Windows 10 (computador)"
        );
        assert_eq!(device_name("browser", None), "Navegador desconhecido");
        assert_eq!(device_name("browser", Some("curl/8.5.0")), "HTTP Library (programa)");
        assert_eq!(device_name("browser", Some("")), "Navegador desconhecido");
        assert_eq!(device_name("api", Some("Mozilla/5.0 Chrome/126")), "Parceiro (API)");
    }
}
