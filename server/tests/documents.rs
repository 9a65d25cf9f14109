//! Documentos: what each buyer may see, downloads authorised on every request, and the API.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

/// The document ids the page links to.
fn document_ids(page: &str) -> Vec<i64> {
    let mut ids: Vec<i64> =
        page.split("/documentos/").skip(1).filter_map(|rest| rest.split('/').next()?.parse().ok()).collect();
    ids.dedup();
    ids
}

#[tokio::test]
async fn each_buyer_sees_their_documents_grouped_and_the_syndic_the_condominium_ones() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/documentos", Some(&ana)).await.text().await.unwrap();
    for heading in [">Contratos<", ">Memoriais descritivos<", ">Obra<"] {
        assert!(page.contains(heading), "missing group {heading}");
    }
    assert!(page.contains("Contrato HZ-2024-0117"), "each document says what it belongs to");
    assert!(page.contains("Cronograma de obras"), "her empreendimento's documents");
    assert!(!page.contains("Manual do proprietário"), "not another empreendimento's");
    assert!(!page.contains("Convenção do condomínio"), "condominium documents are for síndicos");
    let only_contracts = portal.get("/documentos?tipo=contrato", Some(&ana)).await.text().await.unwrap();
    assert!(
        only_contracts.contains("Contrato de compra e venda")
            && !only_contracts.contains("Cronograma de obras")
    );

    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let theirs = portal.get("/documentos", Some(&company)).await.text().await.unwrap();
    assert!(theirs.contains("Convenção do condomínio"), "the síndica sees the condominium's documents");
    assert!(theirs.contains("Manual do proprietário"));
}

#[tokio::test]
async fn downloads_are_authorised_on_every_request() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let mine = document_ids(&portal.get("/documentos", Some(&ana)).await.text().await.unwrap());
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let theirs = document_ids(&portal.get("/documentos", Some(&company)).await.text().await.unwrap());
    let other = *theirs.iter().find(|id| !mine.contains(id)).unwrap();

    let file = portal.get(&format!("/documentos/{}/arquivo", mine[0]), Some(&ana)).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.headers()["cache-control"], "no-store");
    let disposition = file.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"")
            && disposition.contains(".pdf\"; filename*=UTF-8''")
    );
    assert!(file.bytes().await.unwrap().starts_with(b"%PDF-"));

    assert_eq!(
        portal.get(&format!("/documentos/{other}/arquivo"), Some(&ana)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(portal.get("/documentos/abc/arquivo", Some(&ana)).await.status(), StatusCode::NOT_FOUND);
    let link = format!("/documentos/{}/arquivo", mine[0]);
    assert_eq!(portal.get(&link, None).await.status(), StatusCode::SEE_OTHER);
    portal.form_post("/api/sair", &[], Some(&ana)).await;
    assert_eq!(portal.get(&link, Some(&ana)).await.status(), StatusCode::SEE_OTHER, "not after logout");
}

#[tokio::test]
async fn partners_list_and_download_only_the_callers_documents() {
    let portal = TestPortal::start().await;
    let ana = portal.api_token(ANA).await;
    let company = portal.api_token(COMPANY_CNPJ).await;
    let get = |path: String, token: Option<String>| {
        let mut request = portal.client.get(portal.url(&path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let list: Value = get("/api/v1/documento".into(), Some(ana.clone())).await.unwrap().json().await.unwrap();
    let total = list["total"].as_u64().unwrap();
    assert!(total >= 3);
    let page: Value = get("/api/v1/documento?por_pagina=1&pagina=2".into(), Some(ana.clone()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["documentos"][0]["id"], list["documentos"][1]["id"]);
    let download = list["documentos"][0]["download"].as_str().unwrap().to_string();
    let file = get(download, Some(ana.clone())).await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert!(file.bytes().await.unwrap().starts_with(b"%PDF-"));

    let theirs: Value = get("/api/v1/documento".into(), Some(company)).await.unwrap().json().await.unwrap();
    let mine: Vec<&Value> = list["documentos"].as_array().unwrap().iter().map(|d| &d["id"]).collect();
    let other = theirs["documentos"].as_array().unwrap().iter().find(|d| !mine.contains(&&d["id"])).unwrap();
    let refused = get(format!("/api/v1/documento/{}", other["id"]), Some(ana)).await.unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(get("/api/v1/documento".into(), None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}
