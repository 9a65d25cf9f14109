//! Configurações: open registration switched from the back office (audited), and the e-mails
//! and SMS that did not go, listed without the codes they carry.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn an_admin_closes_and_reopens_registration() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let closed =
        portal.form_post("/api/equipe/configuracao", &[("action", "fechar-cadastro")], Some(&admin)).await;
    assert_eq!(location(&closed), "/equipe/configuracoes?cadastro-fechado=1");
    let page =
        portal.get("/equipe/configuracoes?cadastro-fechado=1", Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Cadastro pelo site fechado") && page.contains("Abrir o cadastro"));
    let api = portal.api_post("/api/v1/identification", serde_json::json!({"legal_personality": 0})).await;
    assert_eq!(api.status(), StatusCode::FORBIDDEN);
    portal.form_post("/api/equipe/configuracao", &[("action", "abrir-cadastro")], Some(&admin)).await;
    assert!(portal.portal.registration_open().await.unwrap());
    let trail = portal.portal.store.audit_events_about("setting:registration_open", 5).await.unwrap();
    let details: Vec<&str> = trail.iter().map(|event| event.detail.as_str()).collect();
    assert_eq!(details, ["cadastro pelo site: fechado → aberto", "cadastro pelo site: aberto → fechado"]);
    // One event per change, with the IP.
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert_eq!(actions, ["registration_opened", "registration_closed"]);
    assert!(trail.iter().all(|event| event.ip.is_some()));
}

#[tokio::test]
async fn messages_that_did_not_go_are_listed_without_their_codes() {
    let portal = TestPortal::start().await;
    portal.api_post("/api/v1/codigo-verificacao", serde_json::json!({"login": ANA, "canal": "email"})).await;
    let code = code_sent_to(&portal, ANA).await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let page = portal.get("/equipe/configuracoes", Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Seu código de acesso: ••••••") && page.contains("Retida"), "{page}");
    assert!(!page.contains(&code), "staff never read a buyer's code");
    // A held message waits for its transport: "again" has nothing to do.
    let held = portal.portal.store.recent_outbox(1).await.unwrap()[0].id;
    let retry = portal
        .client
        .post(portal.url("/api/equipe/configuracao"))
        .header("cookie", &admin)
        .header("origin", &portal.base)
        .form(&[("action", "reenviar"), ("id", &held.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(retry.status(), StatusCode::NOT_FOUND);
}
