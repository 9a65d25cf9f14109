//! OAuth-only listing portals (OLX here) connected through the authorisation-code flow with
//! PKCE against a local fake authorisation server: the state is single use and bound to the
//! admin's session, a refusal or a bad code is said plainly, the tokens are sealed and never
//! shown, and disconnecting forgets them.

mod common;

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Form, Json, Router};
use base64::Engine;
use common::listings::*;
use common::*;
use serde_json::json;
use sha2::Digest;

const ACCESS_CANARY: &str = "olx-access-canario-5b2e";
const REFRESH_CANARY: &str = "olx-refresh-canario-77aa";

/// What the fake server expects of the next exchange: the PKCE challenge of the flow.
#[derive(Clone, Default)]
struct Expected(Arc<Mutex<Option<String>>>);

async fn token(
    State(expected): State<Expected>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> axum::response::Response {
    let field = |name: &str| {
        form.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()).unwrap_or_default()
    };
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("portal-do-cliente:segredo-do-app")
    );
    let verifier_ok = expected.0.lock().unwrap().as_deref().is_some_and(|challenge| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(field("code_verifier").as_bytes()))
            == challenge
    });
    let authenticated =
        headers.get("authorization").and_then(|value| value.to_str().ok()) == Some(basic.as_str());
    if field("grant_type") != "authorization_code"
        || field("code") != "codigo-valido"
        || !verifier_ok
        || !authenticated
    {
        return (StatusCode::BAD_REQUEST, Json(json!({ "error": "invalid_grant" }))).into_response();
    }
    Json(json!({
        "access_token": ACCESS_CANARY,
        "token_type": "bearer",
        "expires_in": 3600,
        "refresh_token": REFRESH_CANARY,
    }))
    .into_response()
}

async fn fake_authorization_server(expected: Expected) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new().route("/oauth/token", post(token)).with_state(expected);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

fn query_of(location: &str) -> Vec<(String, String)> {
    let url = url::Url::parse(location).unwrap();
    url.query_pairs().map(|(key, value)| (key.into_owned(), value.into_owned())).collect()
}

fn param(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()).unwrap_or_default()
}

/// Starts a connection as the admin of `cookie`; the authorisation address's parameters.
async fn connect(portal: &TestPortal, cookie: &str) -> Vec<(String, String)> {
    let response = portal.get("/equipe/anuncios/oauth/conectar?empresa=1&portal=5", Some(cookie)).await;
    assert_eq!(response.status(), 303);
    query_of(&location(&response))
}

async fn come_back(portal: &TestPortal, cookie: &str, query: &str) -> String {
    let response = portal.get(&format!("/equipe/anuncios/oauth/retorno?{query}"), Some(cookie)).await;
    assert_eq!(response.status(), 303);
    location(&response)
}

#[tokio::test]
async fn an_admin_connects_olx_through_oauth_and_the_tokens_never_come_back() {
    let expected = Expected::default();
    let server = fake_authorization_server(expected.clone()).await;
    let authorize = format!("{server}/oauth/authorize");
    let token_url = format!("{server}/oauth/token");
    let portal = TestPortal::start_with_settings(&[
        ("PORTAL_OAUTH_OLX_CLIENT_ID", "portal-do-cliente"),
        ("PORTAL_OAUTH_OLX_CLIENT_SECRET", "segredo-do-app"),
        ("PORTAL_OAUTH_OLX_AUTHORIZE_URL", authorize.as_str()),
        ("PORTAL_OAUTH_OLX_TOKEN_URL", token_url.as_str()),
        ("PORTAL_OAUTH_OLX_SCOPE", "autoupload basic_user_info"),
    ])
    .await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    // Not released yet: nothing to connect.
    assert_eq!(
        portal.get("/equipe/anuncios/oauth/conectar?empresa=1&portal=5", Some(&admin)).await.status(),
        404
    );
    let released = portal
        .form_post("/api/equipe/anuncios-liberar", &[("company", "1"), ("portal", "5")], Some(&admin))
        .await;
    assert_eq!(location(&released), "/equipe/anuncios?empresa=1&liberado=1#portal-5");
    let page = portal.get("/equipe/anuncios?empresa=1", Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Conectar com OAuth"), "the card offers the connection");

    // The authorisation request: the app, the registered redirect, PKCE S256, the scopes.
    let pairs = connect(&portal, &admin).await;
    assert_eq!(param(&pairs, "client_id"), "portal-do-cliente");
    assert_eq!(param(&pairs, "response_type"), "code");
    assert_eq!(param(&pairs, "code_challenge_method"), "S256");
    assert_eq!(param(&pairs, "scope"), "autoupload basic_user_info");
    assert!(param(&pairs, "redirect_uri").ends_with("/equipe/anuncios/oauth/retorno"));
    let state = param(&pairs, "state");
    *expected.0.lock().unwrap() = Some(param(&pairs, "code_challenge"));

    // The same state from another staff session finds nothing (and does not burn it).
    let other = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let foreign = come_back(&portal, &other, &format!("state={state}&code=codigo-valido")).await;
    assert_eq!(foreign, "/equipe/anuncios?oauth=expirada");
    // The right session: connected.
    let connected = come_back(&portal, &admin, &format!("state={state}&code=codigo-valido")).await;
    assert_eq!(connected, "/equipe/anuncios?empresa=1&conectado=1#portal-5");
    // A replay finds nothing.
    let replay = come_back(&portal, &admin, &format!("state={state}&code=codigo-valido")).await;
    assert_eq!(replay, "/equipe/anuncios?oauth=expirada");

    // Seed 004 lists OLX as active with a token set, and never the token; its POST stays refused.
    let (_, key) = integrator(&portal, "").await;
    let token = access_token(&portal, &key).await;
    let listing = list(&portal, Some(&token), "1").await.text().await.unwrap();
    let entries: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let olx =
        entries.as_array().unwrap().iter().find(|entry| entry["portal_id"] == OLX).expect("OLX offered");
    assert_eq!(
        (olx["active"].as_bool(), olx["token_set"].as_bool(), olx["token"].as_str()),
        (Some(true), Some(true), Some(""))
    );
    let refused =
        update(&portal, &token, "1", &OLX.to_string(), json!({ "active": true, "token": "x" })).await;
    assert_eq!(refused.status(), 400);
    let page = portal.get("/equipe/anuncios?empresa=1", Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Conectado") && page.contains("Desconectar"));
    for text in [&listing, &page] {
        assert!(!text.contains(ACCESS_CANARY) && !text.contains(REFRESH_CANARY), "a token leaked");
    }

    // Refused on the portal's screen, and a code the portal does not take: said plainly.
    let state = param(&connect(&portal, &admin).await, "state");
    let denied = come_back(&portal, &admin, &format!("state={state}&error=access_denied")).await;
    assert_eq!(denied, "/equipe/anuncios?empresa=1&oauth=recusada");
    let pairs = connect(&portal, &admin).await;
    *expected.0.lock().unwrap() = Some(param(&pairs, "code_challenge"));
    let bad =
        come_back(&portal, &admin, &format!("state={}&code=codigo-errado", param(&pairs, "state"))).await;
    assert_eq!(bad, "/equipe/anuncios?empresa=1&oauth=troca");
    let page = portal.get(&bad, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("O portal não trocou o código por um token"), "the failure is said");

    // Disconnecting forgets the tokens.
    let disconnected = portal
        .form_post("/api/equipe/anuncios-desconectar", &[("company", "1"), ("portal", "5")], Some(&admin))
        .await;
    assert_eq!(location(&disconnected), "/equipe/anuncios?empresa=1&desconectado=1#portal-5");
    let entries: serde_json::Value = list(&portal, Some(&token), "1").await.json().await.unwrap();
    let olx = entries.as_array().unwrap().iter().find(|entry| entry["portal_id"] == OLX).unwrap();
    assert_eq!(
        (olx["active"].as_bool(), olx["token_set"].as_bool(), olx["password_set"].as_bool()),
        (Some(false), Some(false), Some(false))
    );
}
