//! Seed 001's account endpoints: persist-login and forget-login, password recovery by e-mail
//! code (types 1 and 2), and a new password for the caller.

mod common;

use common::*;
use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn post(
    portal: &TestPortal,
    path: &str,
    token: Option<&str>,
    cookie: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = portal.client.post(portal.url(path)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn signed_in(portal: &TestPortal, cookie: &str) -> bool {
    portal.get("/meus-dados", Some(cookie)).await.status() == StatusCode::OK
}

#[tokio::test]
async fn persist_login_gives_the_browser_a_session_and_forget_login_ends_it() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    assert_eq!(
        post(&portal, "/api/v1/identification/persist-login", None, None, json!({})).await.status(),
        401
    );
    // The browser had Carlos's session: it is replaced by Ana's.
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let persisted =
        post(&portal, "/api/v1/identification/persist-login", Some(&token), Some(&carlos), json!({})).await;
    assert_eq!(persisted.status(), 204);
    let cookie = session_cookie(persisted.headers()).expect("a session cookie");
    assert!(signed_in(&portal, &cookie).await);
    let page = portal.get("/meus-dados", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Ana"));
    assert!(!signed_in(&portal, &carlos).await, "the browser's previous session ended");

    // Forgetting with another person's cookie ends nothing of theirs.
    let other = portal.login(CARLOS_CPF, PASSWORD).await;
    let forgot =
        post(&portal, "/api/v1/identification/forget-login", Some(&token), Some(&other), json!({})).await;
    assert_eq!(forgot.status(), 204);
    assert!(signed_in(&portal, &other).await);
    // With Ana's own cookie: the session ends and the cookie is removed; the token still works.
    let forgot =
        post(&portal, "/api/v1/identification/forget-login", Some(&token), Some(&cookie), json!({})).await;
    assert_eq!(forgot.status(), 204);
    let removal = forgot.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
    assert!(removal.contains("Max-Age=0") || removal.contains("expires"), "{removal}");
    assert!(!signed_in(&portal, &cookie).await);
    portal.api_json(&token, "/api/v1/pessoa").await;
}

#[tokio::test]
async fn recovery_codes_create_a_new_password_or_sign_in() {
    let portal = TestPortal::start().await;
    let path = "/api/v1/identification/password-recovery/token";
    for bad in
        [json!({ "email": ANA, "type": 3 }), json!({ "email": ANA, "type": "x" }), json!({ "email": ANA })]
    {
        assert_eq!(post(&portal, path, None, None, bad.clone()).await.status(), 400, "{bad}");
    }
    // An unknown e-mail gets the same answer.
    let unknown =
        post(&portal, path, None, None, json!({ "email": "ninguem@exemplo.com.br", "type": 1 })).await;
    assert_eq!(unknown.status(), 202);
    let unknown: Value = unknown.json().await.unwrap();
    assert!(unknown["desafio"].is_string() && unknown["expira_em"].is_i64());

    // Type 1: a new password.
    let asked: Value =
        post(&portal, path, None, None, json!({ "email": ANA, "type": 1 })).await.json().await.unwrap();
    let code = code_sent_to(&portal, ANA).await;
    let challenge = asked["desafio"].as_str().unwrap();
    let recovery = "/api/v1/identification/password-recovery";
    let wrong = post(
        &portal,
        recovery,
        None,
        None,
        json!({ "password": "uma frase nova e longa", "token": format!("{challenge}:000000") }),
    )
    .await;
    assert_eq!(wrong.status(), 401);
    let weak = post(
        &portal,
        recovery,
        None,
        None,
        json!({ "password": "12345678", "token": format!("{challenge}:{code}") }),
    )
    .await;
    assert_eq!(weak.status(), 422);
    assert_eq!(weak.json::<Value>().await.unwrap()["erro"]["codigo"], "senha_invalida");
    let done = post(
        &portal,
        recovery,
        None,
        None,
        json!({ "password": "uma frase nova e longa", "token": format!("{challenge}:{code}") }),
    )
    .await;
    assert_eq!(done.status(), 200);
    let token = done.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    portal.api_json(&token, "/api/v1/pessoa").await;
    let again = post(
        &portal,
        recovery,
        None,
        None,
        json!({ "password": "outra frase nova e longa", "token": format!("{challenge}:{code}") }),
    )
    .await;
    assert_eq!(again.status(), 401, "a code works once");
    let old = portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": PASSWORD })).await;
    assert_eq!(old.status(), 401);
    let new = portal
        .api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": "uma frase nova e longa" }))
        .await;
    assert_eq!(new.status(), 200);

    // Type 2: a temporary login code for the password_recovery_token grant.
    let asked: Value =
        post(&portal, path, None, None, json!({ "email": ANA, "type": "2" })).await.json().await.unwrap();
    let code = code_sent_to(&portal, ANA).await;
    let grant = portal
        .api_post(
            "/api/v1/identification/authenticated-user",
            json!({ "grant_type": "password_recovery_token", "access_token": format!("{}:{code}", asked["desafio"].as_str().unwrap()) }),
        )
        .await;
    assert_eq!(grant.status(), 200);
}

#[tokio::test]
async fn a_new_password_needs_the_current_one_and_the_callers_own_id() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let me = portal.api_json(&token, "/api/v1/pessoa").await["id"].as_i64().unwrap();
    let carlos =
        portal.api_json(&portal.api_token(CARLOS_CPF).await, "/api/v1/pessoa").await["id"].as_i64().unwrap();
    let path = |client: i64| format!("/api/v1/account/clients/{client}/passwords");
    let new = "minha frase de acesso nova";
    let body = json!({ "password": new, "current_password": PASSWORD });
    assert_eq!(post(&portal, &path(carlos), Some(&token), None, body.clone()).await.status(), 404);
    assert_eq!(
        post(&portal, "/api/v1/account/clients/abc/passwords", Some(&token), None, body.clone())
            .await
            .status(),
        404
    );
    assert_eq!(post(&portal, &path(me), None, None, body.clone()).await.status(), 401);
    // The seed's body alone is not enough: a stolen token must not change the password.
    let bare = post(&portal, &path(me), Some(&token), None, json!({ "password": new })).await;
    assert_eq!(bare.status(), 422);
    assert!(bare.json::<Value>().await.unwrap()["erro"]["campos"]["current_password"].is_string());
    let wrong = post(
        &portal,
        &path(me),
        Some(&token),
        None,
        json!({ "password": new, "current_password": "errada" }),
    )
    .await;
    assert_eq!(wrong.json::<Value>().await.unwrap()["erro"]["codigo"], "senha_atual_incorreta");
    let weak = post(
        &portal,
        &path(me),
        Some(&token),
        None,
        json!({ "password": "aaaaaaaa", "current_password": PASSWORD }),
    )
    .await;
    assert_eq!(weak.json::<Value>().await.unwrap()["erro"]["codigo"], "senha_invalida");
    assert_eq!(post(&portal, &path(me), Some(&token), None, body).await.status(), 204);
    let login = portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": new })).await;
    assert_eq!(login.status(), 200);
    let outbox = portal.portal.store.recent_outbox(3).await.unwrap();
    assert!(
        outbox.iter().any(|message| message.destination == ANA && message.subject.contains("senha")),
        "told by e-mail"
    );
}
