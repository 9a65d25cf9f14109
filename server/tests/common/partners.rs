//! Partner apps for the tests: registered as an admin would, with their key.

use portal::partners::{PartnerForm, PartnerScope};
use reqwest::Response;
use serde_json::Value;

use super::TestPortal;

/// Registers a partner with these scopes and origins (one per line); its id and API key.
pub async fn register(portal: &TestPortal, scopes: &[PartnerScope], origins: &str) -> (i64, String) {
    register_named(portal, "Chatbot Exemplo", scopes, origins, "").await
}

pub async fn register_named(
    portal: &TestPortal,
    name: &str,
    scopes: &[PartnerScope],
    origins: &str,
    requests_per_minute: &str,
) -> (i64, String) {
    let admin = portal.portal.staff_member(1).await.unwrap();
    let form = PartnerForm {
        name: name.into(),
        contact_email: "ti@parceiro.exemplo.com.br".into(),
        scopes: scopes.iter().map(|scope| scope.code().to_string()).collect(),
        origins: origins.into(),
        requests_per_minute: requests_per_minute.into(),
    };
    let (id, draft) = portal.portal.create_partner(&admin, &form, "teste").await.unwrap();
    let key = portal.portal.take_new_partner_key(&admin, id, &draft, "teste").await.unwrap().unwrap();
    (id, key)
}

/// A seed 003 call: `POST /wp-json/custom/v1/{endpoint}` with the key and a JSON body.
pub async fn call(portal: &TestPortal, key: &str, endpoint: &str, body: Value) -> Response {
    portal
        .client
        .post(portal.url(&format!("/wp-json/custom/v1/{endpoint}")))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Lets the partner sign the person with this CPF/CNPJ in, as staff would.
pub async fn link(portal: &TestPortal, partner: i64, document: &str) {
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal.portal.link_partner_person(&admin, partner, document).await.unwrap();
}

/// A login token for the person, checked to be issued.
pub async fn login_token(portal: &TestPortal, key: &str, username: &str) -> Value {
    let response =
        call(portal, key, "generate-login-token", serde_json::json!({ "username": username })).await;
    assert_eq!(response.status(), 200, "token for {username}");
    response.json().await.unwrap()
}

/// The path of a `login_url` (tests reach the server on its random port, not the public URL).
pub fn local(url: &str) -> String {
    url.find("/custom-login").map(|at| url[at..].to_string()).expect("a login_url")
}
