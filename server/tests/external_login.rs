//! Seed 000's external login: an origem's signed assertion for a token, checked offline with
//! its pinned algorithm and key (PEM or JWKS), issuer, audience, times and a single-use jti.

mod common;

use common::partners::register;
use common::*;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use portal::partners::{ExternalOriginForm, PartnerScope};
use serde_json::{json, Value};

const ISSUER: &str = "https://www.construtora.exemplo.com.br";
const AUDIENCE: &str = "portal-do-cliente";
const ANA_CPF: &str = "111.444.777-35";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/external/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A partner with the external_login scope and two origens: `site` (Ed25519 PEM) and `banco`
/// (RS256 from the JWKS).
async fn setup(portal: &TestPortal) -> i64 {
    let (id, _) = register(portal, &[PartnerScope::ExternalLogin], "").await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    for (slug, algorithm, key) in
        [("site", "EdDSA", fixture("ed25519-public.pem")), ("banco", "RS256", fixture("jwks.json"))]
    {
        let form = ExternalOriginForm {
            slug: slug.into(),
            issuer: ISSUER.into(),
            audience: AUDIENCE.into(),
            algorithm: algorithm.into(),
            key_text: key,
        };
        portal.portal.add_external_origin(&admin, id, &form).await.unwrap();
    }
    id
}

fn now(portal: &TestPortal) -> i64 {
    portal::clock::Clock::now(&portal.clock).unix_timestamp()
}

fn claims(portal: &TestPortal, jti: &str) -> Value {
    let now = now(portal);
    json!({ "sub": ANA_CPF, "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 120, "jti": jti })
}

fn ed25519(claims: &Value, private: &str) -> String {
    let key = EncodingKey::from_ed_pem(fixture(private).as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::EdDSA), claims, &key).unwrap()
}

fn rsa(claims: &Value, kid: &str) -> String {
    let key = EncodingKey::from_rsa_pem(fixture("rsa-private.pem").as_bytes()).unwrap();
    let header = Header { kid: Some(kid.into()), ..Header::new(Algorithm::RS256) };
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

async fn login(portal: &TestPortal, origem: &str, assertion: &str) -> reqwest::Response {
    portal
        .api_post(&format!("/api/v1/autenticacao-externa/{origem}"), json!({ "assertion": assertion }))
        .await
}

async fn refused(portal: &TestPortal, origem: &str, assertion: &str) -> String {
    let response = login(portal, origem, assertion).await;
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["erro"]["codigo"], "assercao_invalida");
    body["erro"]["mensagem"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_signed_assertion_signs_the_person_in_once() {
    let portal = TestPortal::start().await;
    setup(&portal).await;
    let assertion = ed25519(&claims(&portal, "a-1"), "ed25519-private.pem");
    let response = login(&portal, "site", &assertion).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["tipo"], "Bearer");
    let token = body["token"].as_str().unwrap();
    let person = portal.api_json(token, "/api/v1/pessoa").await;
    assert!(person["nome"].as_str().unwrap().starts_with("Ana"));
    assert!(refused(&portal, "site", &assertion).await.contains("jti"), "a replay is refused");

    // Twenty at once: one token.
    let assertion = ed25519(&claims(&portal, "a-2"), "ed25519-private.pem");
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = portal
            .client
            .post(portal.url("/api/v1/autenticacao-externa/site"))
            .json(&json!({ "token": assertion }));
        requests.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let statuses = requests.join_all().await;
    assert_eq!(statuses.iter().filter(|status| **status == 200).count(), 1, "{statuses:?}");

    // The JWKS origem picks its RSA key by kid.
    assert_eq!(login(&portal, "banco", &rsa(&claims(&portal, "b-1"), "rsa-2026")).await.status(), 200);
    assert!(refused(&portal, "banco", &rsa(&claims(&portal, "b-2"), "desconhecida")).await.contains("kid"));
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert!(events
        .iter()
        .any(|event| event.action == "partner_external_login" && event.actor_kind == "partner"));
}

#[tokio::test]
async fn every_broken_rule_is_refused() {
    let portal = TestPortal::start().await;
    setup(&portal).await;
    let signed = |claims: Value| ed25519(&claims, "ed25519-private.pem");
    let base = claims(&portal, "x");
    let with = |field: &str, value: Value| {
        let mut claims = base.clone();
        claims[field] = value;
        claims
    };
    let without = |field: &str| {
        let mut claims = base.clone();
        claims.as_object_mut().unwrap().remove(field);
        claims
    };
    let t = now(&portal);
    let cases = [
        (ed25519(&base, "other-ed25519-private.pem"), "Assinatura"),
        (rsa(&base, "rsa-2026"), "Algoritmo"),
        (signed(with("iss", json!("https://evil.example"))), "iss"),
        (signed(with("aud", json!("outro-portal"))), "aud"),
        (signed(with("exp", json!(t - 1))), "expirada"),
        (signed(with("iat", json!(t + 600))), "futuro"),
        (signed(with("exp", json!(t + 3600))), "longa demais"),
        (signed(without("jti")), "obrigatórios"),
        (signed(without("exp")), "obrigatórios"),
        (signed(with("sub", json!("123.456.789-00"))), "sub"),
        (signed(with("sub", json!("529.982.247-25"))), "Nenhuma pessoa"),
        ("isto-não-é-um-jwt".to_string(), "malformada"),
    ];
    for (number, (assertion, reason)) in cases.iter().enumerate() {
        let message = refused(&portal, "site", assertion).await;
        assert!(message.contains(reason), "case {number}: {message}");
    }
    // HS256 signed with the public key (algorithm confusion) and alg "none".
    let confused = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &base,
        &EncodingKey::from_secret(fixture("ed25519-public.pem").as_bytes()),
    )
    .unwrap();
    assert!(refused(&portal, "site", &confused).await.contains("Algoritmo"));
    let payload = base64_url(base.to_string().as_bytes());
    let none = format!("{}.{payload}.", base64_url(br#"{"alg":"none","typ":"JWT"}"#));
    assert_eq!(login(&portal, "site", &none).await.status(), 401);
    // An assertion valid now expires by the portal's clock.
    let assertion = signed(claims(&portal, "later"));
    portal.clock.advance(time::Duration::seconds(121));
    assert!(refused(&portal, "site", &assertion).await.contains("expirada"));
    // A malformed body is the API's 400.
    assert_eq!(portal.api_post("/api/v1/autenticacao-externa/site", json!({})).await.status(), 400);
}

fn base64_url(bytes: &[u8]) -> String {
    const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, byte)| n | (u32::from(*byte) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn unknown_removed_or_unauthorised_origens_are_404() {
    let portal = TestPortal::start().await;
    let partner = setup(&portal).await;
    let assertion = ed25519(&claims(&portal, "o-1"), "ed25519-private.pem");
    assert_eq!(login(&portal, "nenhuma", &assertion).await.status(), 404);
    let admin = portal.portal.staff_member(1).await.unwrap();
    // Without the scope the origem does not exist.
    let form = portal::partners::PartnerForm {
        name: "Chatbot Exemplo".into(),
        contact_email: "ti@parceiro.exemplo.com.br".into(),
        scopes: vec!["remote_login".into()],
        origins: String::new(),
        requests_per_minute: "100".into(),
    };
    portal.portal.update_partner(&admin, partner, &form).await.unwrap();
    assert_eq!(login(&portal, "site", &assertion).await.status(), 404);
    let form = portal::partners::PartnerForm { scopes: vec!["external_login".into()], ..form };
    portal.portal.update_partner(&admin, partner, &form).await.unwrap();
    assert_eq!(login(&portal, "site", &assertion).await.status(), 200);
    // Removed, or its partner revoked: 404 at once.
    let detail = portal.portal.partner_detail(&admin, partner).await.unwrap();
    let site = detail.external_origins.iter().find(|origin| origin.slug == "site").unwrap().id;
    portal.portal.remove_external_origin(&admin, partner, site).await.unwrap();
    let again = ed25519(&claims(&portal, "o-2"), "ed25519-private.pem");
    assert_eq!(login(&portal, "site", &again).await.status(), 404);
    portal.portal.revoke_partner(&admin, partner).await.unwrap();
    assert_eq!(login(&portal, "banco", &rsa(&claims(&portal, "o-3"), "rsa-2026")).await.status(), 404);
    // Staff see why a form is refused.
    let bad = ExternalOriginForm {
        slug: "Com Espaço".into(),
        issuer: String::new(),
        audience: AUDIENCE.into(),
        algorithm: "RS256".into(),
        key_text: fixture("ed25519-public.pem"),
    };
    let Err(portal::staff::StaffError::Fields(errors)) =
        portal.portal.add_external_origin(&admin, partner, &bad).await
    else {
        panic!("refused")
    };
    assert!(
        errors.contains_key("slug") && errors.contains_key("issuer") && errors.contains_key("key_text"),
        "{errors:?}"
    );
}

#[tokio::test]
async fn staff_add_an_origem_from_the_partners_page() {
    let portal = TestPortal::start().await;
    let (id, _) = register(&portal, &[PartnerScope::ExternalLogin], "").await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let page = format!("/equipe/parceiros/{id}");
    let refused = portal
        .form_post(
            "/api/equipe/parceiro-origem",
            &[
                ("id", &id.to_string()),
                ("action", "adicionar"),
                ("external[slug]", "site"),
                ("external[issuer]", ISSUER),
                ("external[audience]", AUDIENCE),
                ("external[algorithm]", "EdDSA"),
                ("external[key_text]", "-----BEGIN PUBLIC KEY-----\nlixo\n-----END PUBLIC KEY-----"),
            ],
            Some(&staff),
        )
        .await;
    let back = location(&refused);
    let html = portal.get(&back, Some(&staff)).await.text().await.unwrap();
    assert!(
        html.contains("Chave pública Ed25519 (PEM) inválida.") && html.contains(ISSUER),
        "kept and explained"
    );
    let added = portal
        .form_post(
            "/api/equipe/parceiro-origem",
            &[
                ("id", &id.to_string()),
                ("action", "adicionar"),
                ("external[slug]", "site"),
                ("external[issuer]", ISSUER),
                ("external[audience]", AUDIENCE),
                ("external[algorithm]", "EdDSA"),
                ("external[key_text]", &fixture("ed25519-public.pem")),
            ],
            Some(&staff),
        )
        .await;
    assert!(location(&added).starts_with(&format!("{page}?origem=1")));
    let html = portal.get(&page, Some(&staff)).await.text().await.unwrap();
    assert!(html.contains("Chave PEM") && html.contains("Origem de login externo adicionada"));
    let assertion = ed25519(&claims(&portal, "f-1"), "ed25519-private.pem");
    assert_eq!(login(&portal, "site", &assertion).await.status(), 200);
}
