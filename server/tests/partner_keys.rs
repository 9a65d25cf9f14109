//! Partner apps in `/equipe/parceiros`: the key shown once, rotation with a grace period,
//! revocation at once, per-partner limits, and every use on the partner's trail.

mod common;

use common::partners::{call, link, register, register_named};
use common::*;
use portal::partners::PartnerScope;
use serde_json::{json, Value};

const ANA_CPF: &str = "111.444.777-35";

#[tokio::test]
async fn an_admin_registers_a_partner_and_sees_its_key_once() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let created = portal
        .form_post(
            "/api/equipe/parceiro-criar",
            &[
                ("name", "Site da Construtora"),
                ("contact_email", "ti@construtora.exemplo.com.br"),
                ("scopes[]", "remote_login"),
                ("scopes[]", "remote_users"),
                (
                    "origins",
                    "https://www.construtora.exemplo.com.br/\nhttps://app.construtora.exemplo.com.br",
                ),
                ("requests_per_minute", "120"),
            ],
            Some(&staff),
        )
        .await;
    let page = location(&created);
    assert!(page.starts_with("/equipe/parceiros/") && page.contains("?chave="), "{page}");
    let html = portal.get(&page, Some(&staff)).await.text().await.unwrap();
    let key =
        html.split("pdc_").nth(1).map(|rest| format!("pdc_{}", &rest[..64])).expect("the key on the page");
    assert!(html.contains("não será mostrada de novo"), "{html}");
    // The same link again (history, a shared screen): the key is gone.
    let again = portal.get(&page, Some(&staff)).await.text().await.unwrap();
    assert!(!again.contains(&key) && again.contains("já foi mostrada"), "shown twice");
    // It works, and the list shows its prefix and its use.
    link(&portal, 1, ANA_CPF).await;
    let token = call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await;
    assert_eq!(token.status(), 200);
    let list = portal.get("/equipe/parceiros", Some(&staff)).await.text().await.unwrap();
    assert!(list.contains("Site da Construtora") && list.contains(&key[..12]) && !list.contains(&key));
    assert!(!list.contains("Nunca"), "last use shown");
    // The partner's trail: created, linked, token issued (never the key).
    let detail = portal.get("/equipe/parceiros/1", Some(&staff)).await.text().await.unwrap();
    for what in ["Parceiro cadastrado", "Pessoa vinculada pela equipe", "Token de login emitido"] {
        assert!(detail.contains(what), "{what}");
    }
    assert!(!detail.contains(&key));
}

#[tokio::test]
async fn refused_forms_say_why_under_each_field() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let refused = portal
        .form_post(
            "/api/equipe/parceiro-criar",
            &[
                ("name", ""),
                ("contact_email", "não-é-email"),
                ("origins", "http://inseguro.exemplo.com.br\nhttps://exemplo.com.br/caminho"),
                ("requests_per_minute", "0"),
            ],
            Some(&staff),
        )
        .await;
    let back = location(&refused);
    assert!(back.starts_with("/equipe/parceiros/novo?rascunho="), "{back}");
    let html = portal.get(&back, Some(&staff)).await.text().await.unwrap();
    for sentence in [
        "Informe o nome",
        "E-mail inválido",
        "Marque ao menos uma permissão",
        "origem https exata",
        "de 1 a 10000",
    ] {
        assert!(html.contains(sentence), "{sentence}");
    }
    let admin = portal.portal.staff_member(1).await.unwrap();
    assert!(portal.portal.partner_list(&admin).await.unwrap().is_empty(), "nothing saved");
}

#[tokio::test]
async fn a_rotated_key_lasts_its_grace_and_a_revoked_one_stops_at_once() {
    let portal = TestPortal::start().await;
    let (id, old_key) = register(&portal, &[PartnerScope::RemoteLogin], "").await;
    link(&portal, id, ANA_CPF).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let works = |key: String| {
        let portal = &portal;
        async move { call(portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status() }
    };
    // Two days of grace: both keys work, then only the new one.
    let draft = portal.portal.rotate_partner_key(&admin, id, 2, "teste").await.unwrap();
    let new_key = portal.portal.take_new_partner_key(&admin, id, &draft, "teste").await.unwrap().unwrap();
    assert_ne!(new_key, old_key);
    assert_eq!(works(old_key.clone()).await, 200);
    assert_eq!(works(new_key.clone()).await, 200);
    portal.clock.advance(time::Duration::days(2) + time::Duration::seconds(1));
    assert_eq!(works(old_key.clone()).await, 403);
    assert_eq!(works(new_key.clone()).await, 200);
    // No grace: the previous key stops now.
    let draft = portal.portal.rotate_partner_key(&admin, id, 0, "teste").await.unwrap();
    let third = portal.portal.take_new_partner_key(&admin, id, &draft, "teste").await.unwrap().unwrap();
    assert_eq!(works(new_key).await, 403);
    assert_eq!(works(third.clone()).await, 200);
    assert!(portal.portal.rotate_partner_key(&admin, id, 8, "teste").await.is_err(), "0 to 7 days");
    // A token issued before the revocation dies with it.
    let token: Value = call(&portal, &third, "generate-login-token", json!({ "username": ANA_CPF }))
        .await
        .json()
        .await
        .unwrap();
    portal.portal.revoke_partner(&admin, id).await.unwrap();
    let refused = call(&portal, &third, "generate-login-token", json!({ "username": ANA_CPF })).await;
    assert_eq!(refused.status(), 403);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["data"]["status"], 403);
    assert_eq!(body["code"], "rest_forbidden");
    let url = common::partners::local(token["login_url"].as_str().unwrap());
    let response = portal.get(&url, None).await;
    assert_eq!(location(&response), "/entrar?link-parceiro=1");
    // Reactivating gives a new key; the revoked ones stay dead.
    let draft = portal.portal.rotate_partner_key(&admin, id, 7, "teste").await.unwrap();
    let revived = portal.portal.take_new_partner_key(&admin, id, &draft, "teste").await.unwrap().unwrap();
    assert_eq!(works(third).await, 403);
    assert_eq!(works(revived).await, 200);
}

#[tokio::test]
async fn keys_need_their_scope_and_their_own_limit_answers_429() {
    let portal = TestPortal::start().await;
    let (id, key) = register_named(&portal, "Limitado", &[PartnerScope::RemoteLogin], "", "5").await;
    link(&portal, id, ANA_CPF).await;
    for attempt in 0..5 {
        let status =
            call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status();
        assert_eq!(status, 200, "call {attempt}");
    }
    let limited = call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await;
    assert_eq!(limited.status(), 429);
    let retry: i64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    portal.clock.advance(time::Duration::seconds(retry));
    assert_eq!(
        call(&portal, &key, "generate-login-token", json!({ "username": ANA_CPF })).await.status(),
        200
    );
    // remote_users is another scope.
    let other = call(
        &portal,
        &key,
        "create-remote-user",
        json!({ "username": "529.982.247-25", "email": "x@y.com.br" }),
    )
    .await;
    assert_eq!(other.status(), 403);
    // No key, a made-up key, a key in the wrong header form.
    let no_key = portal
        .client
        .post(portal.url("/wp-json/custom/v1/generate-login-token"))
        .json(&json!({ "username": ANA_CPF }))
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), 403);
    let made_up = format!("pdc_{}", "0".repeat(64));
    assert_eq!(
        call(&portal, &made_up, "generate-login-token", json!({ "username": ANA_CPF })).await.status(),
        403
    );
    let basic = portal
        .client
        .post(portal.url("/wp-json/custom/v1/generate-login-token"))
        .header("authorization", format!("Basic {key}"))
        .json(&json!({ "username": ANA_CPF }))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 403);
}
