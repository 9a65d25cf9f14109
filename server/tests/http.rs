//! HTTP-level tests of the foundation: login, cookies, sessions, ownership, Origin, health.

mod common;

use common::*;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, SET_COOKIE};
use reqwest::StatusCode;

#[tokio::test]
async fn healthz_reports_process_and_database() {
    let portal = TestPortal::start().await;
    let response = portal.get("/healthz", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn login_sets_a_hardened_session_cookie_and_redirects_to_the_next_page() {
    let portal = TestPortal::start().await;
    let response = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel/contratos/1")],
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/meu-imovel/contratos/1");
    let set_cookie = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("portal_sessao="), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(set_cookie.contains("Path=/"), "{set_cookie}");
    let token = set_cookie.split(';').next().unwrap().trim_start_matches("portal_sessao=");
    assert!(token.len() >= 32, "token has at least 128 bits");
    let events = portal.portal.store.recent_audit_events(5).await.unwrap();
    assert!(events
        .iter()
        .any(|event| event.action == "login_succeeded" && event.ip.as_deref() == Some("127.0.0.1")));
    assert!(events.iter().all(|event| !event.detail.contains(PASSWORD)));
}

#[tokio::test]
async fn login_accepts_cpf_and_alphanumeric_cnpj_as_typed() {
    let portal = TestPortal::start().await;
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&carlos)).await.text().await.unwrap();
    assert!(page.contains("Carlos"), "greets the co-buyer");
    assert!(page.contains("HZ-2024-0117"));
    let company = portal.login("12abc34501de35", PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&company)).await.text().await.unwrap();
    assert!(
        page.contains("HZ-2021-0042") && page.contains("HZ-2025-0088"),
        "a buyer with two contracts sees both"
    );
    assert!(page.contains("Você é síndico"));
    assert!(!page.contains("HZ-2024-0117"));
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let portal = TestPortal::start().await;
    let mut answers = Vec::new();
    for identifier in [ANA, "ninguem@exemplo.com.br", "111.444.777-00", COMPANY_CNPJ] {
        let response = portal
            .form_post(
                "/api/entrar",
                &[("identifier", identifier), ("password", "senha-errada"), ("next", "/meu-imovel")],
                None,
            )
            .await;
        assert!(session_cookie(response.headers()).is_none(), "no session for {identifier}");
        // Each refusal keeps its own draft of what was typed: the same answer but for its id.
        let to = location(&response);
        let (to, draft) = to.split_once("&rascunho=").expect("the typed identifier is kept");
        assert_eq!(draft.len(), 32, "{draft}");
        answers.push((response.status(), to.to_string()));
    }
    assert!(answers.iter().all(|answer| answer == &answers[0]), "{answers:?}");
    assert_eq!(
        answers[0],
        (StatusCode::FOUND, "/entrar?erro=credenciais&proximo=%2Fmeu%2Dimovel".to_string())
    );
    let page = portal.get(&answers[0].1, None).await.text().await.unwrap();
    assert!(page.contains("E-mail, CPF/CNPJ ou senha incorretos"));
    let failures = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert_eq!(failures.iter().filter(|event| event.action == "login_failed").count(), 4);
}

#[tokio::test]
async fn javascript_login_failure_returns_the_error_without_a_session() {
    let portal = TestPortal::start().await;
    let response = portal
        .client
        .post(portal.url("/api/entrar"))
        .header("accept", "application/json")
        .header("origin", &portal.base)
        .form(&[("identifier", ANA), ("password", "senha-errada"), ("next", "/meu-imovel")])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_server_error() || response.status().is_client_error());
    assert!(response.headers().get(SET_COOKIE).is_none());
    assert!(response.text().await.unwrap().contains("InvalidCredentials"));
}

#[tokio::test]
async fn only_local_paths_are_followed_after_login() {
    let portal = TestPortal::start().await;
    for next in ["https://evil.example/", "//evil.example", "/\\evil.example"] {
        let response = portal
            .form_post("/api/entrar", &[("identifier", ANA), ("password", PASSWORD), ("next", next)], None)
            .await;
        assert_eq!(location(&response), "/meu-imovel", "{next}");
    }
}

#[tokio::test]
async fn login_rotates_the_session_and_logout_ends_it_server_side() {
    let portal = TestPortal::start().await;
    let first = portal.login(ANA, PASSWORD).await;
    let response = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")],
            Some(&first),
        )
        .await;
    let second = session_cookie(response.headers()).unwrap();
    assert_ne!(first, second);
    assert_eq!(
        portal.get("/meu-imovel", Some(&first)).await.status(),
        StatusCode::FOUND,
        "old session revoked"
    );
    assert_eq!(portal.get("/meu-imovel", Some(&second)).await.status(), StatusCode::OK);

    let response = portal.form_post("/api/sair", &[], Some(&second)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/entrar?saiu=1");
    let cleared = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let after = portal.get("/meu-imovel", Some(&second)).await;
    assert_eq!(after.status(), StatusCode::FOUND, "a copied cookie no longer works after logout");
    assert_eq!(location(&after), "/entrar?proximo=%2Fmeu%2Dimovel");
}

#[tokio::test]
async fn sessions_expire_after_their_lifetime() {
    let portal = TestPortal::start().await;
    let cookie = portal.login(ANA, PASSWORD).await;
    portal.clock.advance(time::Duration::seconds(portal::auth::BROWSER_SESSION_LIFETIME - 60));
    assert_eq!(portal.get("/meu-imovel", Some(&cookie)).await.status(), StatusCode::OK);
    portal.clock.advance(time::Duration::seconds(120));
    assert_eq!(portal.get("/meu-imovel", Some(&cookie)).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn manter_conectado_chooses_a_long_lived_cookie_and_session() {
    let portal = TestPortal::start().await;
    let forget = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")],
            None,
        )
        .await;
    let forget_cookie = forget.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(
        !forget_cookie.contains("Max-Age") && !forget_cookie.contains("Expires"),
        "ends with the browser"
    );
    let remember = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel"), ("remember", "sim")],
            None,
        )
        .await;
    let remember_cookie = remember.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(
        remember_cookie.contains(&format!("Max-Age={}", portal::auth::SESSION_LIFETIME)),
        "{remember_cookie}"
    );
    let remembered = session_cookie(remember.headers()).unwrap();
    let forgotten = session_cookie(forget.headers()).unwrap();
    portal.clock.advance(time::Duration::seconds(portal::auth::BROWSER_SESSION_LIFETIME + 60));
    assert_eq!(portal.get("/meu-imovel", Some(&forgotten)).await.status(), StatusCode::FOUND);
    assert_eq!(portal.get("/meu-imovel", Some(&remembered)).await.status(), StatusCode::OK);
    portal.clock.advance(time::Duration::seconds(portal::auth::SESSION_LIFETIME));
    assert_eq!(portal.get("/meu-imovel", Some(&remembered)).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn logged_out_visitors_are_sent_to_login_and_back() {
    let portal = TestPortal::start().await;
    let response = portal.get("/meu-imovel/contratos/1", None).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/entrar?proximo=%2Fmeu%2Dimovel%2Fcontratos%2F1");
    let response = portal.get("/", None).await;
    assert_eq!(location(&response), "/entrar");
    let cookie = portal.login(ANA, PASSWORD).await;
    assert_eq!(location(&portal.get("/", Some(&cookie)).await), "/meu-imovel");
}

#[tokio::test]
async fn another_buyers_contract_is_not_found() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let ana_contracts = portal.contract_ids(&ana).await;
    let company_contracts = portal.contract_ids(&company).await;
    assert_eq!(ana_contracts.len(), 1);
    assert_eq!(company_contracts.len(), 2);

    let own = portal.get(&format!("/meu-imovel/contratos/{}", ana_contracts[0]), Some(&ana)).await;
    assert_eq!(own.status(), StatusCode::OK);
    let own_page = own.text().await.unwrap();
    assert!(own_page.contains("Carlos Eduardo Souza") && own_page.contains("Cocomprador"));
    assert!(own_page.contains("***.555.888-**"), "co-buyer's CPF is masked");

    for id in &company_contracts {
        let response = portal.get(&format!("/meu-imovel/contratos/{id}"), Some(&ana)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let page = response.text().await.unwrap();
        assert!(page.contains("Página não encontrada"));
        assert!(!page.contains("HZ-2021-0042") && !page.contains("HZ-2025-0088"));
        // The server function refuses too, not only the page.
        let response = portal
            .client
            .post(portal.url("/api/contrato"))
            .header("accept", "application/json")
            .header("origin", &portal.base)
            .header("cookie", &ana)
            .form(&[("id", id.to_string())])
            .send()
            .await
            .unwrap();
        let body = response.text().await.unwrap();
        assert!(body.contains("NotFound") && !body.contains("HZ-20"), "{body}");
    }
    for path in ["/meu-imovel/contratos/999999", "/meu-imovel/contratos/abc", "/pagina-que-nao-existe"] {
        assert_eq!(portal.get(path, Some(&ana)).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn state_changing_requests_from_other_origins_are_refused() {
    let portal = TestPortal::start().await;
    let form = [("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")];
    let foreign_origin = portal
        .client
        .post(portal.url("/api/entrar"))
        .header("accept", "text/html")
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    assert!(foreign_origin.headers().get(SET_COOKIE).is_none());
    let cross_site = portal
        .client
        .post(portal.url("/api/entrar"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let cookie = portal.login(ANA, PASSWORD).await;
    let forged_logout = portal
        .client
        .post(portal.url("/api/sair"))
        .header("origin", "https://evil.example")
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(forged_logout.status(), StatusCode::FORBIDDEN);
    assert_eq!(portal.get("/meu-imovel", Some(&cookie)).await.status(), StatusCode::OK, "session survives");
}

#[tokio::test]
async fn pages_carry_security_headers_and_are_never_cached() {
    let portal = TestPortal::start().await;
    let response = portal.get("/entrar", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let csp = headers.get(CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(headers.get("referrer-policy").unwrap(), "same-origin");
    assert_eq!(headers.get(CACHE_CONTROL).unwrap(), "no-store");
    assert!(headers.get("x-request-id").is_some());
    assert!(headers.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    let page = response.text().await.unwrap();
    assert!(page.contains(&format!("nonce=\"{nonce}\"")), "hydration script carries the CSP nonce");
    assert!(page.contains("<html lang=\"pt-BR\""));
    let other = portal.get("/entrar", None).await;
    assert_ne!(
        other.headers().get(CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap(),
        csp,
        "fresh nonce per response"
    );
}

#[tokio::test]
async fn demo_data_only_loads_into_an_empty_database() {
    let portal = TestPortal::start().await;
    assert!(matches!(portal.portal.load_demo().await, Err(portal::demo::DemoError::NotEmpty)));
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_and_cached_for_a_year() {
    let portal = TestPortal::start_with_site(|site| {
        let pkg = site.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("hash.txt"), "js: aaaa\nwasm: bbbb\ncss: cccc\n").unwrap();
        std::fs::write(pkg.join("portal.bbbb.wasm"), b"\0asm raw").unwrap();
        std::fs::write(pkg.join("portal.bbbb.wasm.br"), b"brotli bytes").unwrap();
        std::fs::write(pkg.join("portal.bbbb.wasm.gz"), b"gzip bytes").unwrap();
        std::fs::write(pkg.join("portal.cccc.css"), b"body{}").unwrap();
        std::fs::write(site.join("robots.txt"), b"User-agent: *").unwrap();
        std::fs::write(site.join("favicon.svg"), b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    })
    .await;
    let wasm = |encoding: &'static str| {
        portal.client.get(portal.url("/pkg/portal.bbbb.wasm")).header("accept-encoding", encoding).send()
    };
    let brotli = wasm("br, gzip").await.unwrap();
    assert_eq!(brotli.headers().get("content-encoding").unwrap(), "br");
    assert_eq!(brotli.headers().get("content-type").unwrap(), "application/wasm");
    assert_eq!(brotli.headers().get(CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
    assert_eq!(brotli.bytes().await.unwrap().as_ref(), b"brotli bytes");
    let gzip = wasm("gzip").await.unwrap();
    assert_eq!(gzip.headers().get("content-encoding").unwrap(), "gzip");
    let raw = wasm("identity").await.unwrap();
    assert!(raw.headers().get("content-encoding").is_none());
    assert_eq!(raw.bytes().await.unwrap().as_ref(), b"\0asm raw");

    let page = portal.get("/entrar", None).await.text().await.unwrap();
    assert!(page.contains("/pkg/portal.cccc.css") && page.contains("/pkg/portal.aaaa.js"));
    assert!(page.contains("/pkg/portal.bbbb.wasm"));
    assert_eq!(portal.get("/robots.txt", None).await.status(), StatusCode::OK);
    assert_eq!(portal.get("/hash.txt", None).await.status(), StatusCode::NOT_FOUND);
    let icon = portal.get("/favicon.ico", None).await;
    assert_eq!(icon.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&icon), "/favicon.svg");
    // Images get a policy of their own: nothing runs, the browser's viewer may style itself.
    let svg = portal.get("/favicon.svg", None).await;
    let policy = svg.headers().get(CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(policy.starts_with("default-src 'none'") && policy.ends_with("sandbox"), "{policy}");
}

#[tokio::test]
async fn production_uses_host_prefixed_secure_cookies_hsts_and_no_outbox_page() {
    let portal = TestPortal::start_production().await;
    let response = portal
        .client
        .post(portal.url("/api/entrar"))
        .header("accept", "text/html")
        .header("origin", "https://portal.example")
        .form(&[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let set_cookie = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set_cookie.starts_with("__Host-portal_sessao="), "{set_cookie}");
    assert!(
        set_cookie.contains("Secure") && set_cookie.contains("HttpOnly") && set_cookie.contains("Path=/")
    );
    assert!(!set_cookie.contains("Domain"), "__Host- cookies carry no Domain");
    assert!(response.headers().get("strict-transport-security").is_some());
    // The request's own Host is not trusted in production: only the public URL is.
    let spoofed = portal
        .client
        .post(portal.url("/api/entrar"))
        .header("accept", "text/html")
        .header("origin", &portal.base)
        .form(&[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")])
        .send()
        .await
        .unwrap();
    assert_eq!(spoofed.status(), StatusCode::FORBIDDEN);
    assert_eq!(portal.get("/dev/caixa-de-saida", None).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn meu_imovel_shows_construction_progress_stage_by_stage() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&ana)).await.text().await.unwrap();
    for stage in ["Fundação: 100%", "Alvenaria: 80%", "Instalações: 45%", "Acabamento: 10%"] {
        assert!(page.contains(stage), "missing {stage}");
    }
    let contract = portal.contract_ids(&ana).await[0];
    let detail =
        portal.get(&format!("/meu-imovel/contratos/{contract}"), Some(&ana)).await.text().await.unwrap();
    assert!(detail.contains("Alvenaria: 80%"), "the contract page shows the stages too");
    let api: serde_json::Value = {
        let token: serde_json::Value = portal
            .client
            .post(portal.url("/api/v1/autenticacao"))
            .json(&serde_json::json!({ "login": ANA, "senha": PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        portal
            .client
            .get(portal.url("/api/v1/contrato"))
            .bearer_auth(token["token"].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    };
    assert_eq!(api["contratos"][0]["development"]["stages"][2]["name"], "Alvenaria");
}

#[tokio::test]
async fn a_download_path_cannot_smuggle_a_second_return_address_into_the_login_redirect() {
    let portal = TestPortal::start().await;
    for path in [
        "/financeiro/boletos/1%26proximo%3D%2F%2Fevil.example/pdf",
        "/documentos/1%26proximo%3D%2F%2Fevil.example/arquivo",
        "/meu-imovel/fotos/1%3Fproximo%3Dhttps%3A%2F%2Fevil.example",
    ] {
        let response = portal.get(path, None).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        let target = location(&response);
        assert!(target.starts_with("/entrar?proximo=%2F"), "{path} → {target}");
        assert_eq!(target.matches("proximo=").count(), 1, "{path} → {target}");
        assert!(!target.contains('&') && !target.contains("//"), "{path} → {target}");
    }
}

#[tokio::test]
async fn a_signed_in_buyer_skips_the_login_and_only_for_a_local_next_page() {
    let portal = TestPortal::start().await;
    assert_eq!(portal.get("/entrar", None).await.status(), StatusCode::OK, "visitors get the form");
    let ana = portal.login(ANA, PASSWORD).await;
    for (path, to) in [
        ("/entrar", "/meu-imovel"),
        ("/entrar?proximo=%2Ffinanceiro", "/financeiro"),
        ("/entrar?proximo=https%3A%2F%2Fevil.example%2F", "/meu-imovel"),
        ("/entrar?proximo=%2F%2Fevil.example", "/meu-imovel"),
    ] {
        let response = portal.get(path, Some(&ana)).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        assert_eq!(location(&response), to, "{path}");
    }
    // The síndico login is skipped only by a síndico session: a buyer may still sign in as one.
    assert_eq!(portal.get("/sindico/entrar", Some(&ana)).await.status(), StatusCode::OK);
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    assert_eq!(portal.get("/sindico/entrar", Some(&company)).await.status(), StatusCode::OK);
    let form =
        [("identifier", COMPANY_CNPJ), ("password", PASSWORD), ("next", "/meu-imovel"), ("mode", "sindico")];
    let syndic = portal.form_post("/api/entrar", &form, None).await;
    let syndic = session_cookie(syndic.headers()).expect("a síndico session");
    assert_eq!(location(&portal.get("/sindico/entrar", Some(&syndic)).await), "/meu-imovel");
}

#[tokio::test]
async fn logout_and_not_found_pages_speak_to_visitors_as_visitors() {
    let portal = TestPortal::start().await;
    let visitor_logout = portal.get("/sair", None).await.text().await.unwrap();
    assert!(visitor_logout.contains("Você não está conectado neste aparelho."));
    assert!(!visitor_logout.contains("Sair agora") && !visitor_logout.contains("será encerrada"));
    let visitor_404 = portal.get("/pagina-que-nao-existe", None).await;
    assert_eq!(visitor_404.status(), StatusCode::NOT_FOUND);
    let visitor_404 = visitor_404.text().await.unwrap();
    assert!(visitor_404.contains("Entrar no portal") && !visitor_404.contains("Ir para Meu Imóvel"));

    let ana = portal.login(ANA, PASSWORD).await;
    let logout = portal.get("/sair", Some(&ana)).await.text().await.unwrap();
    assert!(logout.contains("Sair agora") && !logout.contains("Você não está conectado"));
    let not_found = portal.get("/pagina-que-nao-existe", Some(&ana)).await;
    assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
    assert!(not_found.text().await.unwrap().contains("Ir para Meu Imóvel"));
}

#[tokio::test]
async fn a_refused_login_without_javascript_comes_back_with_the_identifier_only_to_its_browser() {
    let portal = TestPortal::start().await;
    let form = [("identifier", CARLOS_CPF), ("password", "senha-errada-123"), ("next", "/financeiro")];
    let refused = portal.form_post("/api/entrar", &form, None).await;
    let back = location(&refused);
    // Nothing typed in the URL: the page, the error, the next page and a random draft id.
    let draft_id = back.strip_prefix("/entrar?erro=credenciais&proximo=%2Ffinanceiro&rascunho=");
    let draft_id = draft_id.unwrap_or_else(|| panic!("{back}"));
    assert!(draft_id.len() == 32 && draft_id.chars().all(|c| c.is_ascii_hexdigit()), "{back}");
    let draft_cookie = set_cookie_named(refused.headers(), "portal_rascunho").expect("a draft cookie");

    let page = portal.get(&back, Some(&draft_cookie)).await.text().await.unwrap();
    assert!(page.contains(&format!("value=\"{CARLOS_CPF}\"")), "the identifier is back");
    assert!(!page.contains("senha-errada-123"), "the password never is");
    assert!(page.contains("E-mail, CPF/CNPJ ou senha incorretos"));
    // The same link in another browser (or from the history of a shared computer) shows nothing.
    let elsewhere = portal.get(&back, None).await.text().await.unwrap();
    assert!(!elsewhere.contains(CARLOS_CPF));
}
