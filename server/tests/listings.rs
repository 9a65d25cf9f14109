//! Seed 004 (listing-portal credentials per company) and the listing feeds: every answer and
//! refusal of the seed, secrets that never come back, access tokens that die with their key,
//! and feeds that follow the units and the on/off switch.

mod common;

use common::listings::*;
use common::*;
use serde_json::{json, Value};

const CANARY: &str = "canario-9c1f-segredo-do-portal";

async fn detail(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn a_partner_exchanges_its_key_and_manages_only_its_companies() {
    let portal = TestPortal::start().await;
    let (partner, key) = integrator(&portal, "").await;
    let dealer = DEMO_COMPANY.to_string();

    // The token endpoint: client credentials only, a wrong key refused, a form body works.
    let wrong_grant = portal
        .client
        .post(portal.url("/api/v1/parceiro/token"))
        .bearer_auth(&key)
        .json(&json!({ "grant_type": "password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        detail(wrong_grant).await,
        (
            400,
            json!({ "error": "unsupported_grant_type", "error_description": "Use grant_type=client_credentials." })
        )
    );
    let wrong_key = portal
        .client
        .post(portal.url("/api/v1/parceiro/token"))
        .form(&[("grant_type", "client_credentials"), ("client_secret", "pdc_nao-existe")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_key.status(), 401);
    let by_form = portal
        .client
        .post(portal.url("/api/v1/parceiro/token"))
        .form(&[("grant_type", "client_credentials"), ("client_secret", key.as_str())])
        .send()
        .await
        .unwrap();
    let (status, body) = detail(by_form).await;
    assert_eq!(
        (status, body["token_type"].as_str(), body["expires_in"].as_i64()),
        (200, Some("Bearer"), Some(900))
    );
    let token = access_token(&portal, &key).await;

    // The seed's 401s and 403s, in its sentences.
    assert_eq!(
        detail(list(&portal, None, &dealer).await).await,
        (401, json!({ "detail": "As credenciais de autenticação não foram fornecidas." }))
    );
    assert_eq!(
        detail(list(&portal, Some("abc.def.ghi"), &dealer).await).await,
        (401, json!({ "detail": "Token inválido ou expirado." }))
    );
    let forbidden = json!({ "detail": "Você não tem permissão para executar essa ação." });
    // Another company, existing or not, is 403 alike: ids cannot be probed.
    assert_eq!(detail(list(&portal, Some(&token), "2").await).await, (403, forbidden.clone()));
    assert_eq!(detail(list(&portal, Some(&token), "99999").await).await, (403, forbidden.clone()));
    assert_eq!(
        detail(update(&portal, &token, "2", "6", json!({ "active": false })).await).await,
        (403, forbidden.clone())
    );
    // A missing dealer id is 400.
    let missing = json!({ "detail": "Parâmetro ID da Loja não encontrado" });
    assert_eq!(detail(list(&portal, Some(&token), "abc").await).await, (400, missing.clone()));
    let bare =
        portal.client.get(portal.url("/dealer/portal-auth/")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(detail(bare).await, (400, missing));

    // The listing: released, online portals by name; secrets empty with their *_set flag.
    let (status, body) = detail(list(&portal, Some(&token), &dealer).await).await;
    assert_eq!(status, 200);
    let portals = body.as_array().unwrap();
    let names: Vec<&str> = portals.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Chaves na Mão", "ZAP Imóveis e VivaReal"], "OAuth-only portals are not offered");
    let zap = &portals[1];
    assert_eq!(zap["portal_id"], 6);
    assert_eq!(
        (
            zap["auth_key_user"].as_bool(),
            zap["auth_key_id"].as_bool(),
            zap["auth_key_password"].as_bool(),
            zap["auth_key_token"].as_bool()
        ),
        (Some(true), Some(true), Some(true), Some(false))
    );
    assert_eq!(
        (zap["user"].as_str(), zap["site_id"].as_str()),
        (Some("anuncios@horizonte.exemplo.com.br"), Some("CP-204817"))
    );
    assert_eq!(
        (zap["password"].as_str(), zap["password_set"].as_bool(), zap["token_set"].as_bool()),
        (Some(""), Some(true), Some(false))
    );
    assert_eq!((zap["active"].as_bool(), zap["is_online"].as_bool()), (Some(true), Some(true)));
    let logo = zap["logo"].as_str().unwrap();
    let logo = &logo[logo.find("/portais-de-anuncios/").expect("a logo of ours")..];
    let svg = portal.get(logo, None).await;
    assert_eq!(
        (svg.status().as_u16(), svg.headers()["content-type"].to_str().unwrap()),
        (200, "image/svg+xml")
    );
    assert!(svg.text().await.unwrap().contains("ZAP Imóveis e VivaReal"));
    assert_eq!(portal.get("/portais-de-anuncios/nenhum.svg", None).await.status(), 404);
    for field in [
        "portal_id",
        "logo",
        "auth_key_id",
        "auth_key_password",
        "auth_key_token",
        "auth_key_user",
        "user",
        "site_id",
        "password",
        "active",
        "token",
        "name",
        "is_online",
    ] {
        assert!(portals[0].get(field).is_some(), "seed field {field}");
    }
    // The API key itself works as the bearer too.
    assert_eq!(list(&portal, Some(&key), &dealer).await.status(), 200);

    // Revoking the partner kills its access tokens at once.
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal.portal.revoke_partner(&admin, partner).await.unwrap();
    assert_eq!(list(&portal, Some(&token), &dealer).await.status(), 401);
}

#[tokio::test]
async fn updates_answer_as_the_seed_and_refuse_bad_input_field_by_field() {
    let portal = TestPortal::start().await;
    let (partner, key) = integrator(&portal, "").await;
    let token = access_token(&portal, &key).await;
    let dealer = DEMO_COMPANY.to_string();
    let chaves = CHAVES_NA_MAO.to_string();
    let required = json!({ "active": ["Este campo é obrigatório."] });
    assert_eq!(
        detail(update(&portal, &token, &dealer, &chaves, json!({})).await).await,
        (400, required.clone())
    );
    assert_eq!(
        detail(update(&portal, &token, &dealer, &chaves, json!({ "site_id": "X" })).await).await,
        (400, required)
    );
    assert_eq!(
        detail(
            update(
                &portal,
                &token,
                &dealer,
                &chaves,
                json!({ "active": "talvez", "remove_all": [], "user": {"a": 1} })
            )
            .await
        )
        .await,
        (
            400,
            json!({
                "active": ["Deve ser um valor booleano válido."],
                "remove_all": ["Deve ser um valor booleano válido."],
                "user": ["Não é uma string válida."],
            })
        )
    );
    let (status, body) = detail(update(&portal, &token, &dealer, &chaves, json!([1, 2])).await).await;
    assert_eq!(status, 400);
    assert!(body["non_field_errors"][0].as_str().unwrap().starts_with("Dados inválidos"), "{body}");
    let broken = portal
        .client
        .post(portal.url("/dealer/1/portal-auth/1/"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"active\": tru")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let too_long = "x".repeat(201);
    assert_eq!(
        detail(
            update(
                &portal,
                &token,
                &dealer,
                &chaves,
                json!({ "active": true, "site_id": too_long, "token": "a\u{0}b" })
            )
            .await
        )
        .await,
        (
            400,
            json!({
                "site_id": ["Certifique-se de que este campo não tenha mais de 200 caracteres."],
                "token": ["Não use quebras de linha nem caracteres de controle."],
            })
        )
    );
    // Active needs what this portal needs (site_id and token for Chaves na Mão).
    assert_eq!(
        detail(update(&portal, &token, &dealer, &chaves, json!({ "active": true })).await).await,
        (
            400,
            json!({
                "site_id": ["Este campo é obrigatório para este portal."],
                "token": ["Este campo é obrigatório para este portal."],
            })
        )
    );
    // Not found, not released, OAuth-only.
    assert_eq!(
        detail(update(&portal, &token, &dealer, "999", json!({ "active": true })).await).await,
        (404, json!({ "detail": "Portal not found." }))
    );
    assert_eq!(
        detail(update(&portal, &token, &dealer, "abc", json!({ "active": true })).await).await,
        (404, json!({ "detail": "Portal not found." }))
    );
    let (status, body) = detail(
        update(&portal, &token, &dealer, &OLX.to_string(), json!({ "active": true, "token": "x" })).await,
    )
    .await;
    assert_eq!(status, 400);
    assert!(body["detail"].as_str().unwrap().contains("OAuth"), "{body}");
    // The seed's example, every field sent (the unused password ignored), numbers as text.
    let ok = update(&portal, &token, &dealer, &chaves, json!({
        "user": "usuario_portal", "site_id": 12345, "password": "nao-usada", "token": CANARY, "active": true, "remove_all": false,
    }))
    .await;
    assert_eq!(detail(ok).await, (200, json!({ "status": true })));
    let (_, listing) = detail(list(&portal, Some(&token), &dealer).await).await;
    let chaves_entry = &listing[0];
    assert_eq!(chaves_entry["site_id"], "12345");
    assert_eq!((chaves_entry["token"].as_str(), chaves_entry["token_set"].as_bool()), (Some(""), Some(true)));
    assert_eq!(
        (chaves_entry["user"].as_str(), chaves_entry["password_set"].as_bool()),
        (Some(""), Some(false)),
        "fields the portal does not use are not kept"
    );
    // Reading back and writing what was read (token "") keeps the stored token.
    let mut echoed = chaves_entry.clone();
    echoed["active"] = json!(true);
    assert_eq!(update(&portal, &token, &dealer, &chaves, echoed).await.status(), 200);
    let (_, listing) = detail(list(&portal, Some(&token), &dealer).await).await;
    assert_eq!(listing[0]["token_set"], true);

    // A company with the portal not released: {"status": false}.
    let admin = portal.portal.staff_member(1).await.unwrap();
    let other = portal
        .portal
        .save_company(
            &admin,
            None,
            &portal::companies::CompanyForm {
                name: "SPE Jardim Norte Ltda".into(),
                cnpj: "11.222.333/0001-81".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    portal
        .portal
        .staff_set_listing_partner(&admin, &other.to_string(), &partner.to_string(), true)
        .await
        .unwrap();
    assert_eq!(detail(list(&portal, Some(&token), &other.to_string()).await).await, (200, json!([])));
    assert_eq!(
        detail(update(&portal, &token, &other.to_string(), &chaves, json!({ "active": false })).await).await,
        (404, json!({ "status": false }))
    );
}

#[tokio::test]
async fn secrets_never_come_back_in_any_answer_page_audit_row_or_log() {
    let logs = common::logs::capture();
    let portal = TestPortal::start().await;
    let (_, key) = integrator(&portal, "").await;
    let token = access_token(&portal, &key).await;
    let body = json!({ "active": true, "site_id": "CNM-1", "token": CANARY });
    assert_eq!(update(&portal, &token, "1", "1", body).await.status(), 200);
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    // The back office form too: a refused one (a required field missing) must not keep it.
    let refused = portal
        .form_post(
            "/api/equipe/anuncios-credenciais",
            &[
                ("credentials[company]", "1"),
                ("credentials[portal]", "6"),
                ("credentials[active]", "1"),
                ("credentials[user]", ""),
                ("credentials[site_id]", ""),
                ("credentials[password]", CANARY),
            ],
            Some(&staff),
        )
        .await;
    assert!(location(&refused).contains("rascunho="), "{}", location(&refused));
    let listing = list(&portal, Some(&token), "1").await.text().await.unwrap();
    let page = portal.get("/equipe/anuncios?empresa=1", Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Credenciais de portal de anúncios alteradas"), "the change is on the trail");
    let audit: Vec<String> = portal
        .portal
        .store
        .audit_events_about("company:1", 100)
        .await
        .unwrap()
        .into_iter()
        .map(|event| event.detail)
        .collect();
    let feed = portal.get(&feed_path(&portal, CHAVES_NA_MAO).await, None).await.text().await.unwrap();
    let pool = sqlx::AnyPool::connect(&portal.database_url).await.unwrap();
    let (sealed,): (String,) = sqlx::query_as(
        "SELECT token_sealed FROM company_listing_portal WHERE company_id = 1 AND portal_id = 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let drafts: Vec<(String,)> =
        sqlx::query_as("SELECT payload FROM form_draft WHERE form = 'equipe-anuncios-credenciais'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(drafts.len(), 1, "the refused form was kept, without its secret");
    let logged = logs.text();
    assert!(
        logged.contains("listing") || logged.contains("INFO") || logged.contains("DEBUG"),
        "logs captured: {logged}"
    );
    for (what, text) in [
        ("listing", listing),
        ("page", page),
        ("audit", audit.join("\n")),
        ("feed", feed),
        ("database column", sealed.clone()),
        ("drafts", drafts.into_iter().map(|(payload,)| payload).collect::<Vec<_>>().join("\n")),
        ("logs", logged),
    ] {
        assert!(!text.contains(CANARY), "the secret leaked into the {what}");
    }
    assert!(sealed.starts_with("v1."), "sealed at rest: {sealed}");
}

#[tokio::test]
async fn credentials_sealed_before_a_key_rotation_open_and_are_sealed_again() {
    let portal =
        TestPortal::start_with_settings(&[("PORTAL_SECRET_KEY", "old-secret-old-secret-old-secret-0")]).await;
    let (_, key) = integrator(&portal, "").await;
    let token = access_token(&portal, &key).await;
    let body = json!({ "active": true, "site_id": "CNM-1", "token": CANARY });
    assert_eq!(update(&portal, &token, "1", "1", body).await.status(), 200);
    let pool = sqlx::AnyPool::connect(&portal.database_url).await.unwrap();
    let sealed = || async {
        let (sealed,): (String,) = sqlx::query_as(
            "SELECT token_sealed FROM company_listing_portal WHERE company_id = 1 AND portal_id = 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        sealed.split('.').nth(1).unwrap().to_string()
    };
    let old_key_id = sealed().await;
    // The same database behind a portal with a new key that knows the old one.
    let mut config = portal::PortalConfig::with_random_secret();
    config.secret_key = b"new-secret-new-secret-new-secret-0".to_vec();
    config.previous_secret_key = Some(b"old-secret-old-secret-old-secret-0".to_vec());
    let rotated = portal::Portal::new(portal.portal.store.clone(), portal.portal.storage.clone(), &config);
    let admin = rotated.staff_member(1).await.unwrap();
    let form = portal::listings::PortalCredentialsForm {
        company: "1".into(),
        portal: "1".into(),
        active: "1".into(),
        site_id: "CNM-2".into(),
        ..Default::default()
    };
    rotated.staff_save_listing_credentials(&admin, &form).await.unwrap();
    let new_key_id = sealed().await;
    assert_ne!(old_key_id, new_key_id, "sealed again under the new key");
    // A portal with only the new key still has it; one with an unrelated key keeps it as is
    // (it cannot open it) instead of losing it.
    let mut stranger = portal::PortalConfig::with_random_secret();
    stranger.secret_key = b"unrelated-secret-unrelated-secret".to_vec();
    let stranger = portal::Portal::new(portal.portal.store.clone(), portal.portal.storage.clone(), &stranger);
    let admin = stranger.staff_member(1).await.unwrap();
    stranger.staff_save_listing_credentials(&admin, &form).await.unwrap();
    assert_eq!(sealed().await, new_key_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_writes_at_once_all_land_and_the_partner_limit_holds() {
    let portal = TestPortal::start().await;
    let (_, key) = integrator(&portal, "30").await;
    let token = access_token(&portal, &key).await;
    let mut writes = tokio::task::JoinSet::new();
    for n in 0..20 {
        let body = json!({ "active": true, "site_id": format!("CNM-{n}"), "token": format!("token-{n}") });
        let request =
            portal.client.post(portal.url("/dealer/1/portal-auth/1/")).bearer_auth(&token).json(&body);
        writes.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let statuses = writes.join_all().await;
    assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");
    let (_, listing) = detail(list(&portal, Some(&token), "1").await).await;
    let site = listing[0]["site_id"].as_str().unwrap();
    assert!(
        site.starts_with("CNM-") && listing[0]["token_set"] == true,
        "one of the writes won whole: {site}"
    );
    // 30 a minute: the token exchange and 21 calls so far; the rest of the minute is refused.
    let mut refused = None;
    for _ in 0..10 {
        let response = list(&portal, Some(&token), "1").await;
        if response.status() == 429 {
            refused = Some(response);
            break;
        }
    }
    let refused = refused.expect("the partner's limit applies to seed 004");
    assert!(refused.headers().get("retry-after").is_some());
}
