//! The IDOR matrix: with two buyers, every page, server function, API route and download of
//! buyer A's records, requested by buyer B, is refused with 404 (never 403: existence is not
//! revealed), and B's lists never show A's records.

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn api_ids(portal: &TestPortal, token: &str, path: &str, list: &str) -> Vec<i64> {
    let body: Value = portal.api_json(token, path).await;
    body[list].as_array().unwrap().iter().map(|item| item["id"].as_i64().unwrap()).collect()
}

/// The first of `theirs` that is not in `mine`.
fn only_theirs(theirs: &[i64], mine: &[i64]) -> i64 {
    *theirs.iter().find(|id| !mine.contains(id)).expect("a record of A that B does not share")
}

#[tokio::test]
async fn buyer_b_reaches_none_of_buyer_as_records() {
    let portal = TestPortal::start().await;
    // A: the company (two contracts, síndica); B: Ana.
    let (a_cookie, b_cookie) =
        (portal.login(COMPANY_CNPJ, PASSWORD).await, portal.login(ANA, PASSWORD).await);
    let (a_token, b_token) = (portal.api_token(COMPANY_CNPJ).await, portal.api_token(ANA).await);

    let contract = only_theirs(
        &api_ids(&portal, &a_token, "/api/v1/contrato", "contratos").await,
        &api_ids(&portal, &b_token, "/api/v1/contrato", "contratos").await,
    );
    let installment = only_theirs(
        &api_ids(&portal, &a_token, "/api/v1/boleto?por_pagina=100", "boletos").await,
        &api_ids(&portal, &b_token, "/api/v1/boleto?por_pagina=100", "boletos").await,
    );
    let document = only_theirs(
        &api_ids(&portal, &a_token, "/api/v1/documento", "documentos").await,
        &api_ids(&portal, &b_token, "/api/v1/documento", "documentos").await,
    );
    let thread = api_ids(&portal, &a_token, "/api/v1/mensagem", "mensagens").await[0];
    let attachment = {
        let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
        let form = Form::new()
            .text("body", "Segue o contrato social.")
            .part("attachments", Part::bytes(pdf).file_name("contrato-social.pdf"));
        portal
            .client
            .post(portal.url(&format!("/mensagens/{thread}/responder")))
            .header("cookie", &a_cookie)
            .header("origin", &portal.base)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let page = portal.get(&format!("/mensagens/{thread}"), Some(&a_cookie)).await.text().await.unwrap();
        page.split("/mensagens/anexos/")
            .nth(1)
            .and_then(|rest| rest.split('"').next()?.parse::<i64>().ok())
            .unwrap()
    };
    let address = {
        let fields = [
            ("id", ""),
            ("form[cep]", "80010-000"),
            ("form[street]", "Rua da Empresa"),
            ("form[number]", "10"),
            ("form[district]", "Centro"),
            ("form[city]", "Curitiba"),
            ("form[state]", "PR"),
        ];
        portal.form_post("/api/endereco-salvar", &fields, Some(&a_cookie)).await;
        let page = portal.get("/meus-dados", Some(&a_cookie)).await.text().await.unwrap();
        page.split("/meus-dados/enderecos/")
            .filter_map(|rest| rest.split('"').next()?.parse::<i64>().ok())
            .next()
            .unwrap()
    };

    // Pages and downloads with B's session.
    for path in [
        format!("/meu-imovel/contratos/{contract}"),
        format!("/financeiro/boletos/{installment}"),
        format!("/financeiro/boletos/{installment}/pdf"),
        format!("/financeiro/extrato/{contract}/pdf"),
        format!("/documentos/{document}/arquivo"),
        format!("/mensagens/{thread}"),
        format!("/mensagens/anexos/{attachment}"),
        format!("/meus-dados/enderecos/{address}"),
    ] {
        let response = portal.get(&path, Some(&b_cookie)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "page or download {path}");
    }

    // Server functions (as the hydrated app calls them) with B's session.
    let (contract, installment, thread, address) =
        (contract.to_string(), installment.to_string(), thread.to_string(), address.to_string());
    for (path, form) in [
        ("/api/contrato", vec![("id", contract.as_str())]),
        ("/api/boleto", vec![("id", installment.as_str())]),
        ("/api/mensagem", vec![("id", thread.as_str())]),
        ("/api/endereco", vec![("id", address.as_str())]),
        ("/api/endereco-remover", vec![("id", address.as_str())]),
        (
            "/api/endereco-salvar",
            vec![
                ("id", address.as_str()),
                ("form[cep]", "80010-000"),
                ("form[street]", "Invadida"),
                ("form[number]", "1"),
                ("form[district]", "Centro"),
                ("form[city]", "Curitiba"),
                ("form[state]", "PR"),
            ],
        ),
    ] {
        let response = portal
            .client
            .post(portal.url(path))
            .header("cookie", &b_cookie)
            .header("origin", &portal.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "server function {path}");
    }
    let reply = portal
        .client
        .post(portal.url(&format!("/mensagens/{thread}/responder")))
        .header("cookie", &b_cookie)
        .header("origin", &portal.base)
        .multipart(Form::new().text("body", "intrusa"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::NOT_FOUND, "reply to another's thread");

    // The partner API with B's token.
    for path in [
        format!("/api/v1/boleto/{installment}"),
        format!("/api/v1/boleto/{installment}/pdf"),
        format!("/api/v1/documento/{document}"),
        format!("/api/v1/mensagem/{thread}"),
    ] {
        let response = portal.client.get(portal.url(&path)).bearer_auth(&b_token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "API {path}");
    }
    for (path, list) in [("/api/v1/empreendimento", "empreendimentos"), ("/api/v1/unidade", "unidades")] {
        let body: Value = portal.api_json(&b_token, path).await;
        let text = body[list].to_string();
        assert!(!text.contains("Mirante") && !text.contains("HZ-2025-0088"), "{path} lists only B's: {text}");
        assert!(text.contains("HZ-2024-0117"), "{path} lists B's own");
    }
    let theirs: Value = portal.api_json(&a_token, "/api/v1/empreendimento").await;
    let mirante = theirs["empreendimentos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["nome"] == "Edifício Mirante do Parque");
    assert_eq!(mirante.expect("A's empreendimento")["sindico"], true);
    assert_eq!(mirante.unwrap()["etapas"][4], json!({ "nome": "Acabamento", "percentual": 100 }));

    // Photos of A's empreendimento that B does not buy in, and the files of A's messages.
    let mirante = mirante.unwrap();
    let (development, photo) =
        (mirante["id"].as_i64().unwrap(), mirante["fotos_recentes"][0]["id"].as_i64().unwrap());
    for path in [
        format!("/meu-imovel/empreendimentos/{development}/fotos"),
        format!("/meu-imovel/fotos/{photo}"),
        format!("/meu-imovel/fotos/{photo}/miniatura"),
    ] {
        let response = portal.get(&path, Some(&b_cookie)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "page or photo {path}");
        assert_eq!(portal.get(&path, Some(&a_cookie)).await.status(), StatusCode::OK, "A's own {path}");
    }
    let gallery = portal
        .client
        .post(portal.url("/api/fotos-da-obra"))
        .header("cookie", &b_cookie)
        .header("origin", &portal.base)
        .form(&[("development_id", development.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(gallery.status(), StatusCode::NOT_FOUND, "server function /api/fotos-da-obra");
    for path in [
        format!("/api/v1/empreendimento/{development}/foto"),
        format!("/api/v1/foto/{photo}"),
        format!("/api/v1/foto/{photo}/miniatura"),
        format!("/api/v1/mensagem/anexo/{attachment}"),
    ] {
        let response = portal.client.get(portal.url(&path)).bearer_auth(&b_token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "API {path}");
        let own = portal.client.get(portal.url(&path)).bearer_auth(&a_token).send().await.unwrap();
        assert_eq!(own.status(), StatusCode::OK, "A's own API {path}");
    }
    let api_reply = portal
        .client
        .post(portal.url(&format!("/api/v1/mensagem/{thread}")))
        .bearer_auth(&b_token)
        .json(&json!({ "mensagem": "intrusa" }))
        .send()
        .await
        .unwrap();
    assert_eq!(api_reply.status(), StatusCode::NOT_FOUND);

    // B's own lists never show A's records, and A's records are untouched.
    for path in ["/meu-imovel", "/financeiro", "/documentos", "/mensagens", "/meus-dados"] {
        let page = portal.get(path, Some(&b_cookie)).await.text().await.unwrap();
        for secret in
            ["HZ-2025-0088", "HZ-2021-0042", "Boletos em nome da empresa", "Rua da Empresa", "Convenção"]
        {
            assert!(!page.contains(secret), "{path} shows {secret}");
        }
    }
    let a_page = portal.get("/meus-dados", Some(&a_cookie)).await.text().await.unwrap();
    assert!(a_page.contains("Rua da Empresa") && !a_page.contains("Invadida"));
    let a_thread = portal.get(&format!("/mensagens/{thread}"), Some(&a_cookie)).await.text().await.unwrap();
    assert!(!a_thread.contains("intrusa"));
}

/// The signed-in buyer is read once per request and kept for that request only: pages fetched
/// at the same time by two buyers and a visitor each show their own (or no) name.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_fetched_at_once_by_different_buyers_each_show_their_own_buyer() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let mut pages = tokio::task::JoinSet::new();
    for round in 0..30 {
        let cookie = [Some(ana.clone()), Some(company.clone()), None][round % 3].clone();
        let mut request = portal.client.get(portal.url("/meus-dados"));
        if let Some(cookie) = &cookie {
            request = request.header("cookie", cookie);
        }
        pages.spawn(async move {
            let response = request.send().await.unwrap();
            (round % 3, response.status(), response.text().await.unwrap())
        });
    }
    for (who, status, page) in pages.join_all().await {
        match who {
            0 => assert!(page.contains("Ana Paula Souza") && !page.contains("Mirante"), "Ana's page"),
            1 => assert!(page.contains("Mirante") && !page.contains("Ana Paula Souza"), "the company's page"),
            _ => assert!(status.is_redirection() && !page.contains("Ana Paula") && !page.contains("Mirante")),
        }
    }
}
