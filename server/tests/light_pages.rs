//! Light pages: HTML compressed by the browser's Accept-Encoding (never the photos), and pages
//! rendered as islands: plain HTML with no hydration data, only the interactive parts marked.

mod common;

use common::*;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, COOKIE};
use reqwest::StatusCode;

async fn get_with_encoding(
    portal: &TestPortal,
    path: &str,
    cookie: &str,
    encoding: &str,
) -> reqwest::Response {
    portal
        .client
        .get(portal.url(path))
        .header(COOKIE, cookie)
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .expect("get")
}

fn encoding_of(response: &reqwest::Response) -> Option<String> {
    response.headers().get(CONTENT_ENCODING).map(|value| value.to_str().unwrap().to_string())
}

#[tokio::test]
async fn pages_are_compressed_as_the_browser_asks_and_photos_never_are() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let plain = portal.get("/financeiro", Some(&ana)).await.bytes().await.unwrap();

    let brotli = get_with_encoding(&portal, "/financeiro", &ana, "gzip, deflate, br").await;
    assert_eq!(brotli.status(), StatusCode::OK);
    assert_eq!(encoding_of(&brotli).as_deref(), Some("br"));
    let compressed = brotli.bytes().await.unwrap();
    assert!(compressed.len() * 4 < plain.len(), "{} of {} bytes", compressed.len(), plain.len());

    let gzip = get_with_encoding(&portal, "/financeiro", &ana, "gzip").await;
    assert_eq!(encoding_of(&gzip).as_deref(), Some("gzip"));
    let none = get_with_encoding(&portal, "/financeiro", &ana, "identity").await;
    assert_eq!(encoding_of(&none), None);

    let meu_imovel = portal.get("/meu-imovel", Some(&ana)).await.text().await.unwrap();
    let thumbnail = meu_imovel
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|src| src.starts_with("/meu-imovel/fotos/"))
        .expect("a works photo on Meu Imóvel")
        .to_string();
    let photo = get_with_encoding(&portal, &thumbnail, &ana, "gzip, br").await;
    assert_eq!(photo.status(), StatusCode::OK);
    assert!(photo.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("image/"));
    assert_eq!(encoding_of(&photo), None, "a JPEG gains nothing from compression");
}

#[tokio::test]
async fn pages_carry_no_hydration_data_and_only_the_interactive_parts_are_islands() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let finance = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    // Full hydration would serialise every resource into the page for the browser to replay.
    assert!(!finance.contains("__RESOLVED_RESOURCES["), "no resource data in the page");
    assert!(!finance.contains("<leptos-island"), "nothing on Financeiro needs the browser");

    let id = finance
        .split("/financeiro/boletos/")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .expect("an open installment")
        .to_string();
    let boleto = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let copy_fields = boleto.matches("<leptos-island data-component=\"CopyField_").count();
    let pix = usize::from(boleto.contains("id=\"pix-copia-e-cola\""));
    assert_eq!(copy_fields, 1 + pix, "the linha digitável and, before the due date, PIX");
    // The island's props carry what it copies, and the field shows it without JavaScript too.
    assert!(boleto.contains("data-props="));
    assert!(boleto.contains("id=\"linha-digitavel\""));

    let login = portal.get("/entrar", None).await.text().await.unwrap();
    assert_eq!(login.matches("<leptos-island").count(), 1, "the show-password toggle");
    assert!(login.contains("data-component=\"PasswordField_"));
}
