//! The síndico login: only síndicos get in, and their session carries the role.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn syndic_form(portal: &TestPortal, identifier: &str, password: &str) -> reqwest::Response {
    portal
        .form_post(
            "/api/entrar",
            &[
                ("identifier", identifier),
                ("password", password),
                ("next", "/meu-imovel"),
                ("mode", "sindico"),
            ],
            None,
        )
        .await
}

#[tokio::test]
async fn only_syndics_sign_in_there_and_the_session_carries_the_role() {
    let portal = TestPortal::start().await;
    let response = syndic_form(&portal, COMPANY_CNPJ, PASSWORD).await;
    assert_eq!(location(&response), "/meu-imovel");
    let cookie = session_cookie(response.headers()).unwrap();
    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("badge badge--info\">Síndico<"), "the header shows the role");

    // The same person through the buyer login: no síndico role on that session.
    let buyer = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&buyer)).await.text().await.unwrap();
    assert!(!page.contains("badge badge--info\">Síndico<"));

    let not_syndic = syndic_form(&portal, ANA, PASSWORD).await;
    assert!(session_cookie(not_syndic.headers()).is_none(), "no session for a buyer");
    assert!(
        location(&not_syndic).starts_with("/sindico/entrar?erro=sindico&proximo=%2Fmeu%2Dimovel&rascunho="),
        "{}",
        location(&not_syndic)
    );
    let text = portal.get(&location(&not_syndic), None).await.text().await.unwrap();
    assert!(text.contains("Esta entrada é exclusiva para síndicos"));

    let wrong = syndic_form(&portal, COMPANY_CNPJ, "errada").await;
    assert!(location(&wrong).starts_with("/sindico/entrar?erro=credenciais"));
    let events = portal.portal.store.recent_audit_events(20).await.unwrap();
    assert!(events.iter().any(|event| event.action == "syndic_login_refused"));
}

#[tokio::test]
async fn partner_syndic_authentication() {
    let portal = TestPortal::start().await;
    let post =
        |body: Value| portal.client.post(portal.url("/api/v1/autenticacao/sindico")).json(&body).send();
    let ok: Value =
        post(json!({ "login": COMPANY_CNPJ, "senha": PASSWORD })).await.unwrap().json().await.unwrap();
    assert_eq!(ok["pessoa"]["sindico"], true);
    let refused = post(json!({ "email": ANA, "senha": PASSWORD })).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let error: Value = refused.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "nao_sindico");
    let wrong = post(json!({ "login": COMPANY_CNPJ, "senha": "errada" })).await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
}
