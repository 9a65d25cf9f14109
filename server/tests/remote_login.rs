//! Seed 003's remote login: tokens, the browser link with its redirect allow-list, the backend
//! exchange, and remote users, with every error of the seed.

mod common;

use common::partners::{call, link, local, login_token, register};
use common::*;
use portal::partners::PartnerScope;
use serde_json::{json, Value};

const ANA_CPF: &str = "111.444.777-35";
const ALLOWED: &str = "https://www.construtora.exemplo.com.br";

async fn partner(portal: &TestPortal) -> (i64, String) {
    let scopes = [PartnerScope::RemoteLogin, PartnerScope::RemoteUsers];
    register(portal, &scopes, ALLOWED).await
}

#[tokio::test]
async fn a_login_link_signs_the_buyer_in_once() {
    let portal = TestPortal::start().await;
    let (id, key) = partner(&portal).await;
    // Not yet allowed: 403, unknown person: 404, no username: 400.
    let refused = call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await;
    assert_eq!(refused.status(), 403);
    let unknown = call(&portal, &key, "generate-login-token", json!({ "username": "529.982.247-25" })).await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(unknown.json::<Value>().await.unwrap()["data"]["status"], 404);
    assert_eq!(call(&portal, &key, "generate-login-token", json!({})).await.status(), 400);
    assert_eq!(call(&portal, &key, "generate-login-token", json!({ "username": "" })).await.status(), 400);
    let not_json = portal
        .client
        .post(portal.url("/wp-json/custom/v1/generate-login-token"))
        .bearer_auth(&key)
        .body("username=x")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);

    link(&portal, id, ANA_CPF).await;
    let token = login_token(&portal, &key, "11144477735").await;
    let expires = token["expires"].as_i64().unwrap();
    let now = portal::clock::Clock::now(&portal.clock).unix_timestamp();
    assert_eq!(expires - now, 300, "5 minutes");
    let url = token["login_url"].as_str().unwrap();
    assert!(
        url.ends_with(&format!("/custom-login?token={}", token["login_token"].as_str().unwrap())),
        "{url}"
    );

    // A cookie the browser had before is replaced (rotation), and the new one is Ana's.
    let before = portal.login(CARLOS_CPF, PASSWORD).await;
    let response = portal.get(&format!("{}&redirect=/financeiro", local(url)), Some(&before)).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/financeiro");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let cookie = session_cookie(response.headers()).expect("a session cookie");
    let page = portal.get("/meus-dados", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Ana"), "signed in as Ana");
    let old = portal.get("/meus-dados", Some(&before)).await;
    assert!(old.status().is_redirection(), "the previous session ended");

    // Once only; and an expired one says so the same way.
    let again = portal.get(&local(url), None).await;
    assert_eq!(location(&again), "/entrar?link-parceiro=1");
    assert!(session_cookie(again.headers()).is_none());
    let late = login_token(&portal, &key, ANA_CPF).await;
    portal.clock.advance(time::Duration::seconds(301));
    let expired = portal.get(&local(late["login_url"].as_str().unwrap()), None).await;
    assert_eq!(location(&expired), "/entrar?link-parceiro=1");
    let page = portal.get("/entrar?link-parceiro=1", None).await.text().await.unwrap();
    assert!(page.contains("expirou ou já foi usado"), "the login page explains");
    assert_eq!(location(&portal.get("/custom-login", None).await), "/entrar?link-parceiro=1");

    // The login is on the trail of Ana and of the partner.
    let events = portal.portal.store.recent_audit_events(20).await.unwrap();
    assert!(events
        .iter()
        .any(|event| event.action == "login_succeeded" && event.detail.contains("parceiro")));
    assert!(events.iter().any(|event| event.action == "partner_login_used" && event.actor_kind == "partner"));
}

#[tokio::test]
async fn the_redirect_goes_only_to_this_site_or_the_partners_origins() {
    let portal = TestPortal::start().await;
    let (id, key) = partner(&portal).await;
    link(&portal, id, ANA_CPF).await;
    let cases = [
        ("/mensagens", "/mensagens"),
        ("https://www.construtora.exemplo.com.br/volta", "https://www.construtora.exemplo.com.br/volta"),
        ("https://evil.example/", "/meu-imovel"),
        ("//evil.example", "/meu-imovel"),
        ("/\\evil.example", "/meu-imovel"),
        ("/%5Cevil.example", "/%5Cevil.example"),
        ("https://www.construtora.exemplo.com.br.evil.example/", "/meu-imovel"),
        ("https://www.construtora.exemplo.com.br@evil.example/", "/meu-imovel"),
        ("http://www.construtora.exemplo.com.br/", "/meu-imovel"),
        ("javascript:alert(1)", "/meu-imovel"),
        ("/\t/evil.example", "/meu-imovel"),
    ];
    for (target, expected) in cases {
        let token = login_token(&portal, &key, ANA_CPF).await;
        let encoded: String = url_encode(target);
        let response = portal
            .get(&format!("{}&redirect={encoded}", local(token["login_url"].as_str().unwrap())), None)
            .await;
        assert_eq!(location(&response), expected, "{target:?}");
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn the_backend_exchange_gives_one_session_for_twenty_tries() {
    let portal = TestPortal::start().await;
    let (id, key) = partner(&portal).await;
    let (_, other_key) = register(&portal, &[PartnerScope::RemoteLogin], "").await;
    link(&portal, id, ANA_CPF).await;
    let token = login_token(&portal, &key, ANA_CPF).await["login_token"].as_str().unwrap().to_string();
    // Another partner cannot use it; a missing token is 400.
    let stolen = call(&portal, &other_key, "login-with-token", json!({ "token": token })).await;
    assert_eq!(stolen.status(), 403);
    assert_eq!(call(&portal, &key, "login-with-token", json!({})).await.status(), 400);
    let answers = twenty_at_once(&portal, &key, &token).await;
    let statuses: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses.iter().filter(|status| **status == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|status| **status == 403).count(), 19, "{statuses:?}");
    let body = &answers.iter().find(|(status, _)| *status == 200).unwrap().1;
    assert_eq!(body["username"], "11144477735");
    let set_cookie = body["cookies"][0].as_str().unwrap();
    assert!(set_cookie.starts_with("portal_sessao=") && set_cookie.contains("HttpOnly"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap();
    let page = portal.get("/meus-dados", Some(cookie)).await;
    assert_eq!(page.status(), 200, "the cookie is a session");
}

/// The same exchange sent twenty times at once: (status, body) of each.
async fn twenty_at_once(portal: &TestPortal, key: &str, token: &str) -> Vec<(u16, Value)> {
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = portal
            .client
            .post(portal.url("/wp-json/custom/v1/login-with-token"))
            .bearer_auth(key)
            .json(&json!({ "token": token }));
        requests.spawn(async move {
            let response = request.send().await.expect("request");
            (response.status().as_u16(), response.json::<Value>().await.unwrap_or(Value::Null))
        });
    }
    requests.join_all().await
}

#[tokio::test]
async fn a_remote_user_is_created_or_asked_never_taken_over() {
    let portal = TestPortal::start().await;
    let (_, key) = partner(&portal).await;
    let create = |body: Value| {
        let portal = &portal;
        let key = key.clone();
        async move { call(portal, &key, "create-remote-user", body).await }
    };
    // A new CPF: a person the partner may sign in at once, unconfirmed for staff.
    let created = create(
        json!({ "username": "529.982.247-25", "email": "Novo@Exemplo.com.br", "name": "Nova Pessoa" }),
    )
    .await;
    assert_eq!(created.status(), 200);
    let body: Value = created.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "success": true, "username": "529.982.247-25", "email": "novo@exemplo.com.br", "autorizacao_pendente": false })
    );
    let token = login_token(&portal, &key, "52998224725").await;
    let signed_in = portal.get(&local(token["login_url"].as_str().unwrap()), None).await;
    let cookie = session_cookie(signed_in.headers()).unwrap();
    let home = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    assert!(home.contains("Nova Pessoa"), "signed in");
    assert!(portal.contract_ids(&cookie).await.is_empty(), "no contract until staff confirm and link");
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let pending = portal.get("/equipe/pessoas?situacao=confirmar", Some(&staff)).await.text().await.unwrap();
    assert!(pending.contains("Nova Pessoa"), "waits for staff confirmation");

    // The same again, another e-mail for that CPF, that e-mail for another CPF: 409.
    assert_eq!(
        create(json!({ "username": "52998224725", "email": "novo@exemplo.com.br" })).await.status(),
        409
    );
    assert_eq!(
        create(json!({ "username": "529.982.247-25", "email": "outro@exemplo.com.br" })).await.status(),
        409
    );
    assert_eq!(create(json!({ "username": "390.533.447-05", "email": ANA })).await.status(), 409);
    // Bad input: 400.
    for bad in [
        json!({ "email": "a@b.com.br" }),
        json!({ "username": "390.533.447-05" }),
        json!({ "username": "390.533.447-05", "email": "sem-arroba" }),
        json!({ "username": "1".repeat(61), "email": "a@b.com.br" }),
        json!({ "username": "123.456.789-00", "email": "a@b.com.br" }),
    ] {
        assert_eq!(create(bad.clone()).await.status(), 400, "{bad}");
    }

    // Ana already has an account: knowing her CPF and e-mail only sends her a request.
    let asked = create(json!({ "username": ANA_CPF, "email": ANA })).await;
    assert_eq!(asked.status(), 200);
    assert_eq!(asked.json::<Value>().await.unwrap()["autorizacao_pendente"], true);
    assert_eq!(
        call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status(),
        403
    );
    let outbox = portal.portal.store.recent_outbox(5).await.unwrap();
    let request = outbox.iter().find(|message| message.destination == ANA).expect("Ana was asked");
    assert!(
        request.subject.contains("Chatbot Exemplo") && request.body_text.contains("/conta/sessoes#parceiros")
    );
    // She sees the request next to her sessions and accepts it.
    let ana = portal.login(ANA, PASSWORD).await;
    let sessions = portal.get("/conta/sessoes", Some(&ana)).await.text().await.unwrap();
    assert!(sessions.contains("Chatbot Exemplo") && sessions.contains("Autorizar"));
    let accepted = portal
        .form_post("/api/conta-parceiro", &[("partner", "1"), ("action", "autorizar")], Some(&ana))
        .await;
    assert!(location(&accepted).contains("parceiro-autorizar=1"));
    login_token(&portal, &key, ANA_CPF).await;
    // And withdraws it: the partner's tokens stop at once.
    let token = login_token(&portal, &key, ANA_CPF).await;
    portal.form_post("/api/conta-parceiro", &[("partner", "1"), ("action", "retirar")], Some(&ana)).await;
    let refused = portal.get(&local(token["login_url"].as_str().unwrap()), None).await;
    assert_eq!(location(&refused), "/entrar?link-parceiro=1");
    assert_eq!(
        call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status(),
        403
    );
    // Carlos cannot accept for Ana.
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let response = portal
        .form_post("/api/conta-parceiro", &[("partner", "1"), ("action", "autorizar")], Some(&carlos))
        .await;
    assert!(!location(&response).contains("parceiro-autorizar=1"));
}

#[tokio::test]
async fn deleting_removes_the_profile_never_the_person() {
    let portal = TestPortal::start().await;
    let (id, key) = partner(&portal).await;
    let delete = |username: &str| {
        let portal = &portal;
        let key = key.clone();
        let body = json!({ "username": username });
        async move { call(portal, &key, "delete-remote-user", body).await }
    };
    assert_eq!(delete("529.982.247-25").await.status(), 404, "unknown");
    assert_eq!(delete(ANA_CPF).await.status(), 403, "not a remote-login user of this partner");
    assert_eq!(call(&portal, &key, "delete-remote-user", json!({})).await.status(), 400);
    assert_eq!(delete(&"1".repeat(61)).await.status(), 400);
    link(&portal, id, ANA_CPF).await;
    let token = login_token(&portal, &key, ANA_CPF).await;
    let deleted = delete(ANA_CPF).await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(deleted.json::<Value>().await.unwrap(), json!({ "success": true, "username": ANA_CPF }));
    let refused = portal.get(&local(token["login_url"].as_str().unwrap()), None).await;
    assert_eq!(location(&refused), "/entrar?link-parceiro=1", "its tokens died with it");
    let ana = portal.login(ANA, PASSWORD).await;
    assert!(!portal.contract_ids(&ana).await.is_empty(), "Ana and her contracts stay");
}

#[tokio::test]
async fn the_seeds_limits_answer_429_with_retry_after() {
    let portal = TestPortal::start().await;
    let scopes = [PartnerScope::RemoteLogin, PartnerScope::RemoteUsers];
    // Its own limit well above the seed's, so the seed's limits are what answers.
    let (id, key) = common::partners::register_named(&portal, "Rápido", &scopes, "", "1000").await;
    link(&portal, id, ANA_CPF).await;
    for _ in 0..20 {
        let status =
            call(&portal, &key, "delete-remote-user", json!({ "username": "529.982.247-25" })).await.status();
        assert_eq!(status, 404);
    }
    let limited = call(
        &portal,
        &key,
        "create-remote-user",
        json!({ "username": "529.982.247-25", "email": "a@b.com.br" }),
    )
    .await;
    assert_eq!(limited.status(), 429, "20 per minute for create and delete together");
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(limited.json::<Value>().await.unwrap()["data"]["status"], 429);
    // Tokens have their own 100 per minute.
    for _ in 0..100 {
        assert_eq!(
            call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status(),
            200
        );
    }
    let limited = call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await;
    assert_eq!(limited.status(), 429);
}
