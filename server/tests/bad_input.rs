//! Requests no page of the portal would send: malformed ids, missing fields, oversized bodies,
//! control characters in paths. Each is the sender's fault: a 4xx with a pt-BR sentence (pages)
//! or the API's error shape, never a 500.

mod common;

use common::*;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::Value;

const BAD_IDS: [&str; 5] = ["abc", "1.5", "9223372036854775808", "-", "1e3"];

/// A server-function call as the browser's JavaScript makes it.
async fn fetch_call(portal: &TestPortal, path: &str, body: String, cookie: &str) -> reqwest::Response {
    portal
        .client
        .post(portal.url(path))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(reqwest::header::COOKIE, cookie)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn malformed_or_missing_server_function_arguments_are_a_400_with_a_sentence() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    for path in [
        "/api/endereco-remover",
        "/api/conta-sessoes-encerrar",
        "/api/boleto",
        "/api/mensagem",
        "/api/contrato",
    ] {
        for id in BAD_IDS {
            let answer = fetch_call(&portal, path, format!("id={id}"), &ana).await;
            assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{path} id={id}");
            let error: Value = answer.json().await.unwrap();
            assert_eq!(error, Value::String("BadRequest".into()), "{path} id={id}");
        }
        let missing = fetch_call(&portal, path, String::new(), &ana).await;
        assert_eq!(missing.status(), StatusCode::BAD_REQUEST, "{path} without id");

        // Without JavaScript the browser shows a page that says what happened.
        let page = portal.form_post(path, &[("id", "abc")], Some(&ana)).await;
        assert_eq!(page.status(), StatusCode::BAD_REQUEST, "{path}");
        assert!(page.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let text = page.text().await.unwrap();
        assert!(text.contains("O pedido chegou incompleto ou com dados inválidos"), "{text}");
        assert!(text.contains("lang=\"pt-BR\""));
    }
    let ignored_text =
        portal.form_post("/api/contato-trocar", &[("value", "x@exemplo.com.br")], Some(&ana)).await;
    assert_eq!(ignored_text.status(), StatusCode::BAD_REQUEST, "a missing channel");
}

#[tokio::test]
async fn an_oversized_body_is_a_413_for_pages_and_the_api() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let huge = "a".repeat(8 * 1024 * 1024);
    let answer =
        fetch_call(&portal, "/api/contato-trocar", format!("channel=email&value={huge}"), &ana).await;
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json::<Value>().await.unwrap(), Value::String("TooLarge".into()));
    let page =
        portal.form_post("/api/contato-trocar", &[("channel", "email"), ("value", &huge)], Some(&ana)).await;
    assert_eq!(page.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.text().await.unwrap().contains("passou do tamanho permitido"));

    let api = portal
        .client
        .post(portal.url("/api/v1/autenticacao"))
        .header(CONTENT_TYPE, "application/json")
        .body(format!(r#"{{"login": "{huge}", "senha": "x"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let error: Value = api.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "corpo_grande_demais", "{error}");
}

#[tokio::test]
async fn control_characters_in_a_download_path_are_a_404_or_a_sign_in() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    for path in [
        "/financeiro/boletos/1%0D%0ASet-Cookie:%20x=1/pdf",
        "/documentos/1%0A/arquivo",
        "/financeiro/extrato/%0D/pdf",
        "/financeiro/informe-de-rendimentos/2026%0D%0A",
        "/meu-imovel/fotos/%0A1",
        "/meu-imovel/fotos/1%0D/miniatura",
    ] {
        let anonymous = portal.get(path, None).await;
        assert!(anonymous.status().is_redirection(), "{path}: {}", anonymous.status());
        let to = location(&anonymous);
        assert!(to.starts_with("/entrar?proximo=") && !to.contains('\r') && !to.contains('\n'), "{to}");
        assert!(anonymous.headers().get("set-cookie").is_none(), "{path}");
        let signed_in = portal.get(path, Some(&ana)).await;
        assert_eq!(signed_in.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
