//! `/conta/sessoes` and `/conta/senha`: listing and ending sessions, changing the password.

mod common;

use common::*;
use reqwest::StatusCode;

async fn change_password(portal: &TestPortal, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
    portal.form_post("/api/conta-senha", form, Some(cookie)).await
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_ended_one_or_all() {
    let portal = TestPortal::start().await;
    let laptop = portal.login(ANA, PASSWORD).await;
    let phone = portal.login(ANA, PASSWORD).await;
    let tablet = portal.login(ANA, PASSWORD).await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;

    let page = portal.get("/conta/sessoes", Some(&laptop)).await.text().await.unwrap();
    assert_eq!(page.matches("Este aparelho").count(), 1);
    assert_eq!(page.matches("name=\"id\"").count(), 2, "two other sessions can be ended");

    // Another buyer cannot end Ana's session, even knowing its id.
    let ids: Vec<String> = page
        .split("name=\"id\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    portal.form_post("/api/conta-sessoes-encerrar", &[("id", &ids[0])], Some(&company)).await;
    let still = portal.get("/conta/sessoes", Some(&laptop)).await.text().await.unwrap();
    assert_eq!(still.matches("name=\"id\"").count(), 2);

    let response = portal.form_post("/api/conta-sessoes-encerrar", &[("id", &ids[0])], Some(&laptop)).await;
    assert_eq!(location(&response), "/conta/sessoes?encerrada=1");
    let mut statuses = Vec::new();
    for cookie in [&phone, &tablet] {
        statuses.push(portal.get("/meu-imovel", Some(cookie)).await.status());
    }
    assert_eq!(statuses.iter().filter(|status| **status == StatusCode::OK).count(), 1, "exactly one ended");

    let response = portal.form_post("/api/conta-sessoes-encerrar-outras", &[], Some(&laptop)).await;
    assert_eq!(location(&response), "/conta/sessoes?encerradas=1");
    for cookie in [&phone, &tablet] {
        assert_eq!(portal.get("/meu-imovel", Some(cookie)).await.status(), StatusCode::FOUND);
    }
    assert_eq!(portal.get("/meu-imovel", Some(&laptop)).await.status(), StatusCode::OK, "this one stays");
    assert_eq!(portal.get("/meu-imovel", Some(&company)).await.status(), StatusCode::OK, "others' untouched");
    assert_eq!(location(&portal.get("/conta/sessoes", None).await), "/entrar?proximo=%2Fconta%2Fsessoes");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_follows_the_rules() {
    let portal = TestPortal::start().await;
    let cookie = portal.login(ANA, PASSWORD).await;
    let other = portal.login(ANA, PASSWORD).await;
    let cases: [(&str, &str, &str, &str); 6] = [
        (PASSWORD, "sunshine", "sunshine", "senha-common"),
        ("errada", "uma senha nova longa", "uma senha nova longa", "senha-atual"),
        (PASSWORD, "curta", "curta", "senha-tooshort"),
        (PASSWORD, ANA, ANA, "senha-sameasidentity"),
        (PASSWORD, "111.444.777-35", "111.444.777-35", "senha-sameasidentity"),
        (PASSWORD, "uma senha nova longa", "outra coisa", "senha-confirmationmismatch"),
    ];
    for (current, new, confirmation, code) in cases {
        let response = change_password(
            &portal,
            &cookie,
            &[("current", current), ("new_password", new), ("confirmation", confirmation)],
        )
        .await;
        assert_eq!(location(&response), format!("/conta/senha?erro={code}"), "{new}");
    }
    let page = portal.get("/conta/senha?erro=senha-tooshort", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("A senha deve ter pelo menos 8 caracteres."));
    let page = portal.get("/conta/senha?erro=senha-common", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Esta senha está entre as mais usadas em vazamentos de dados."));

    let response = change_password(
        &portal,
        &cookie,
        &[
            ("current", PASSWORD),
            ("new_password", "minha casa nova em curitiba"),
            ("confirmation", "minha casa nova em curitiba"),
            ("end_others", "sim"),
        ],
    )
    .await;
    assert_eq!(location(&response), "/conta/senha?alterada=1");
    assert_eq!(portal.get("/meu-imovel", Some(&cookie)).await.status(), StatusCode::OK, "this session stays");
    assert_eq!(portal.get("/meu-imovel", Some(&other)).await.status(), StatusCode::FOUND, "others ended");

    let old = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert!(location(&old).contains("erro=credenciais"), "the old password stops working");
    portal.login(ANA, "minha casa nova em curitiba").await;

    let outbox = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(outbox
        .iter()
        .any(|m| m.destination == ANA && m.subject.contains("senha") && m.subject.contains("alterada")));
    let events = portal.portal.store.recent_audit_events(30).await.unwrap();
    assert!(events.iter().any(|event| event.action == "password_changed"));
    assert!(events.iter().all(|event| !event.detail.contains("minha casa nova")));
}
