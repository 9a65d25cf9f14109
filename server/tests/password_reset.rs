//! Forgotten password (seed 001 type 1) and first access: a code creates a new password.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const BEATRIZ_CPF: &str = "333.666.999-57";
const BEATRIZ: &str = "beatriz.lima@exemplo.com.br";

#[tokio::test]
async fn first_access_creates_the_password_of_a_provisioned_buyer() {
    let portal = TestPortal::start().await;
    // Without a password, no password login works for her.
    let refused = portal
        .form_post(
            "/api/entrar",
            &[("identifier", BEATRIZ_CPF), ("password", ""), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert!(location(&refused).contains("erro=credenciais"));

    let response = portal
        .form_post(
            "/api/senha-codigo",
            &[("identifier", BEATRIZ_CPF), ("channel", "email"), ("purpose", "primeiro-acesso")],
            None,
        )
        .await;
    let to_page = location(&response);
    assert!(to_page.starts_with("/primeiro-acesso/criar-senha?desafio="), "{to_page}");
    assert!(portal.get(&to_page, None).await.text().await.unwrap().contains("Criar senha"));
    let challenge = query_value(&to_page, "desafio");
    let code = code_sent_to(&portal, BEATRIZ).await;
    let mut form = vec![
        ("challenge", challenge.as_str()),
        ("code", code.as_str()),
        ("channel", "email"),
        ("purpose", "primeiro-acesso"),
        ("new_password", "curta"),
        ("confirmation", "curta"),
    ];
    let weak = portal.form_post("/api/senha-definir", &form, None).await;
    assert!(location(&weak).ends_with("erro=senha-tooshort"), "{}", location(&weak));

    // The same code still works once the password follows the rules.
    form[4] = ("new_password", "meu apartamento na torre a");
    form[5] = ("confirmation", "meu apartamento na torre a");
    let created = portal.form_post("/api/senha-definir", &form, None).await;
    assert_eq!(location(&created), "/meu-imovel?senha=criada");
    let cookie = session_cookie(created.headers()).unwrap();
    let page = portal.get(&location(&created), Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Senha criada."), "first access ends by saying so");
    assert!(page.contains("Olá, <!-->Beatriz") || page.contains("Beatriz"));
    assert!(page.contains("HZ-2024-0117"));
    portal.login(BEATRIZ_CPF, "meu apartamento na torre a").await;
    let again = portal.form_post("/api/senha-definir", &form, None).await;
    assert!(location(&again).contains("erro=codigo"), "single use");
}

#[tokio::test]
async fn partner_reset_by_email_ends_old_sessions_and_old_password() {
    let portal = TestPortal::start().await;
    let old_session = portal.login(ANA, PASSWORD).await;
    let post = |path: &str, body: Value| portal.client.post(portal.url(path)).json(&body).send();

    let requested = post("/api/v1/resetar-senha-email", json!({ "email": ANA })).await.unwrap();
    assert_eq!(requested.status(), StatusCode::ACCEPTED);
    let challenge: Value = requested.json().await.unwrap();
    let code = code_sent_to(&portal, ANA).await;
    let outbox = portal.portal.store.recent_outbox(1).await.unwrap();
    assert!(outbox[0].subject.contains("criar sua senha"));

    let weak = post(
        "/api/v1/resetar-senha",
        json!({ "desafio": challenge["desafio"], "codigo": code, "senha": "123" }),
    )
    .await
    .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = weak.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "senha_invalida");

    let done = post(
        "/api/v1/resetar-senha",
        json!({ "desafio": challenge["desafio"], "codigo": code, "senha": "senha nova e comprida" }),
    )
    .await
    .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let token: Value = done.json().await.unwrap();
    assert_eq!(token["tipo"], "Bearer");
    assert_eq!(
        portal.get("/meu-imovel", Some(&old_session)).await.status(),
        StatusCode::FOUND,
        "old sessions end"
    );
    let old_password =
        post("/api/v1/autenticacao", json!({ "login": ANA, "senha": PASSWORD })).await.unwrap();
    assert_eq!(old_password.status(), StatusCode::UNAUTHORIZED);
    let new_password =
        post("/api/v1/autenticacao", json!({ "login": ANA, "senha": "senha nova e comprida" }))
            .await
            .unwrap();
    assert_eq!(new_password.status(), StatusCode::OK);
    let notices = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(notices.iter().any(|m| m.destination == ANA && m.subject.contains("foi alterada")));
}

#[tokio::test]
async fn a_code_only_works_for_its_own_purpose_and_sms_reset_goes_to_the_verified_phone() {
    let portal = TestPortal::start().await;
    let post = |path: &str, body: Value| portal.client.post(portal.url(path)).json(&body).send();
    let login_challenge: Value =
        post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await.unwrap().json().await.unwrap();
    let login_code = code_sent_to(&portal, ANA).await;
    let misuse = post(
        "/api/v1/resetar-senha",
        json!({ "desafio": login_challenge["desafio"], "codigo": login_code, "senha": "senha nova e comprida" }),
    )
    .await
    .unwrap();
    assert_eq!(misuse.status(), StatusCode::UNAUTHORIZED, "a login code cannot reset a password");

    let sms = post("/api/v1/resetar-senha-sms", json!({ "cpf": CARLOS_CPF })).await.unwrap();
    assert_eq!(sms.status(), StatusCode::ACCEPTED);
    let outbox = portal.portal.store.recent_outbox(1).await.unwrap();
    assert_eq!((outbox[0].channel.as_str(), outbox[0].destination.as_str()), ("sms", "41991234567"));
    assert!(outbox[0].body_text.contains("criar sua senha"));
    let unknown = post("/api/v1/resetar-senha-sms", json!({ "cpf": "529.982.247-25" })).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::ACCEPTED, "same answer for unknown accounts");
}

#[tokio::test]
async fn partner_first_access_creates_the_password_with_a_code_of_its_own_purpose() {
    let portal = TestPortal::start().await;
    let post = |path: &str, body: Value| portal.client.post(portal.url(path)).json(&body).send();

    let requested = post("/api/v1/primeiro-acesso", json!({ "cpf": BEATRIZ_CPF })).await.unwrap();
    assert_eq!(requested.status(), StatusCode::ACCEPTED);
    let challenge: Value = requested.json().await.unwrap();
    let code = code_sent_to(&portal, BEATRIZ).await;
    let unknown: Value = post("/api/v1/primeiro-acesso", json!({ "cpf": "529.982.247-25" }))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        unknown.as_object().unwrap().keys().collect::<Vec<_>>(),
        challenge.as_object().unwrap().keys().collect::<Vec<_>>(),
        "same answer shape for an unknown CPF"
    );
    let bad_channel =
        post("/api/v1/primeiro-acesso", json!({ "cpf": BEATRIZ_CPF, "canal": "pombo" })).await.unwrap();
    assert_eq!(bad_channel.status(), StatusCode::BAD_REQUEST);

    // A first-access code does not complete a password reset, and vice versa.
    let body =
        json!({ "desafio": challenge["desafio"], "codigo": code, "senha": "meu apartamento na torre a" });
    let misuse = post("/api/v1/resetar-senha", body.clone()).await.unwrap();
    assert_eq!(misuse.status(), StatusCode::UNAUTHORIZED);
    let created = post("/api/v1/primeiro-acesso/senha", body.clone()).await.unwrap();
    assert_eq!(created.status(), StatusCode::OK);
    let token: Value = created.json().await.unwrap();
    let contracts = portal
        .client
        .get(portal.url("/api/v1/contrato"))
        .bearer_auth(token["token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(contracts.text().await.unwrap().contains("HZ-2024-0117"));
    let again = post("/api/v1/primeiro-acesso/senha", body).await.unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED, "single use");
    portal.login(BEATRIZ_CPF, "meu apartamento na torre a").await;
}
