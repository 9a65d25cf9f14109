//! The OpenAPI document: served as 3.1, describing every route a partner codes against (built
//! from the routers, so a route cannot be served undocumented), with its security and error
//! shapes; and the reference page people read, made from the same document.

mod common;

use common::*;
use serde_json::Value;

/// What partners call, by seed: each must be in the document with its method.
const PARTNER_OPERATIONS: [(&str, &str); 12] = [
    ("post", "/api/v1/autenticacao"),
    ("post", "/api/v1/autenticacao-externa/{origem}"),
    ("post", "/api/v1/parceiro/token"),
    ("post", "/api/v1/identification"),
    ("get", "/api/v1/boleto/{id}"),
    ("post", "/api/v1/mensagem/{id}"),
    ("get", "/clientes/chavePasse/usuario"),
    ("post", "/wp-json/custom/v1/generate-login-token"),
    ("post", "/wp-json/custom/v1/login-with-token"),
    ("get", "/custom-login"),
    ("get", "/dealer/{dealer_id}/portal-auth/"),
    ("post", "/dealer/{dealer_id}/portal-auth/{portal_id}/"),
];

async fn document(portal: &TestPortal) -> Value {
    let response = portal.client.get(portal.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_document_describes_every_partner_route_with_its_security_and_errors() {
    let portal = TestPortal::start().await;
    let document = document(&portal).await;
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    // Client generators name their methods after operationId: each must be unique.
    let mut ids: Vec<&str> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap())
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate operationId in {ids:?}");
    for (method, path) in PARTNER_OPERATIONS {
        assert!(paths.get(path).and_then(|item| item.get(method)).is_some(), "{method} {path} missing");
    }
    // Every /api/v1 route of the router is there: each path answers something other than the
    // API's "Rota inexistente" for its documented method.
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path}");
            let concrete = path.replace("{id}", "1").replace("{client}", "1").replace("{kind}", "email");
            let concrete = concrete.replace("{origem}", "x").replace("{dealer_id}", "1");
            let concrete = concrete.replace("{portal_id}", "1").replace("{arquivo}", "x.xml");
            let request =
                portal.client.request(method.to_uppercase().parse().unwrap(), portal.url(&concrete));
            let answer = request.send().await.unwrap();
            let status = answer.status().as_u16();
            let body = answer.text().await.unwrap_or_default();
            assert!(status != 405 && !body.contains("Rota inexistente"), "{method} {path}: {status} {body}");
        }
    }
    // Buyer routes need the buyer's token; the error shape is one schema.
    let boletos = &paths["/api/v1/boleto"]["get"];
    assert_eq!(boletos["security"], serde_json::json!([{ "comprador": [] }]));
    assert!(boletos["responses"]["401"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap()
        .ends_with("/Erro"));
    assert!(boletos["responses"]["429"]["headers"].get("Retry-After").is_some());
    let schemes = document["components"]["securitySchemes"].as_object().unwrap();
    for scheme in ["comprador", "parceiro", "chave_de_api", "sessao_equipe"] {
        assert!(schemes.contains_key(scheme), "{scheme}");
    }
    // A page of a list is described with the list under its own name.
    let page = &document["components"]["schemas"]["Pagina_boletos_InstallmentAnswer"];
    assert_eq!(page["properties"]["boletos"]["type"], "array");
    assert_eq!(page["required"], serde_json::json!(["boletos", "pagina", "por_pagina", "total"]));
}

#[tokio::test]
async fn the_reference_page_lists_every_operation_and_schema_without_scripts() {
    let portal = TestPortal::start().await;
    let document = document(&portal).await;
    let response = portal.client.get(portal.url("/api/v1/referencia")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("default-src"), "{csp}");
    let page = response.text().await.unwrap();
    assert!(page.contains("<html lang=\"pt-BR\">"));
    assert!(page.contains("href=\"/api/v1/openapi.json\""));
    assert!(!page.contains("<script"), "the page needs no script");
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let heading = format!("{}</span> <code>{}</code>", method.to_uppercase(), path);
            assert!(page.contains(&heading), "{heading}");
        }
    }
    for name in document["components"]["schemas"].as_object().unwrap().keys() {
        assert!(page.contains(&format!("<h3>{name}</h3>")), "{name}");
    }
    // Text from the handlers is escaped, never markup.
    assert!(page.contains("<code>{\"erro\": {\"codigo\", \"mensagem\"}}</code>"));
}
