//! An image attached to a message reaches the company without the metadata its camera or phone
//! put in it (GPS position above all), through the page and the partner API alike.

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;

/// A 120×80 JPEG whose EXIF block says "rotate 90°" and carries a GPS latitude.
fn phone_photo() -> Vec<u8> {
    let mut plain = Vec::new();
    image::RgbImage::from_pixel(120, 80, image::Rgb([200, 120, 40]))
        .write_to(&mut std::io::Cursor::new(&mut plain), image::ImageFormat::Jpeg)
        .unwrap();
    let mut tiff = b"II*\0\x08\0\0\0\x02\0".to_vec();
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0, 0, 0, 0, 0]); // GPS IFD at 38
    tiff.extend_from_slice(&[1, 0, 0x02, 0x00, 5, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0, 0, 0, 0]); // GPSLatitude
    tiff.extend_from_slice(&[25, 0, 0, 0, 1, 0, 0, 0, 25, 0, 0, 0, 1, 0, 0, 0, 43, 0, 0, 0, 1, 0, 0, 0]);
    let app1 = [&b"Exif\0\0"[..], &tiff].concat();
    let length = ((app1.len() + 2) as u16).to_be_bytes();
    [&plain[..2], &[0xFF, 0xE1], &length, &app1, &plain[2..]].concat()
}

fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|part| part == b"Exif")
}

fn assert_clean_and_upright(bytes: &[u8]) {
    assert!(!has_exif(bytes), "the EXIF block (and its GPS position) is gone");
    let picture = image::load_from_memory(bytes).expect("still an image");
    assert_eq!((picture.width(), picture.height()), (80, 120), "turned upright before the metadata went");
}

#[tokio::test]
async fn a_photo_sent_from_the_page_is_stored_and_served_without_its_metadata() {
    assert!(has_exif(&phone_photo()));
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let form = Form::new()
        .text("subject", "Foto da infiltração")
        .text("body", "Veja a parede.")
        .text("contract", "")
        .part("attachments", Part::bytes(phone_photo()).file_name("parede.jpg"));
    let sent = portal
        .client
        .post(portal.url("/mensagens/enviar"))
        .header("cookie", &ana)
        .header("origin", &portal.base)
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let thread = location(&sent);
    assert!(thread.starts_with("/mensagens/"), "{thread}");
    let page = portal.get(&thread, Some(&ana)).await.text().await.unwrap();
    let link =
        page.split("href=\"/mensagens/anexos/").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    let file = portal.get(&format!("/mensagens/anexos/{link}"), Some(&ana)).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "image/jpeg");
    assert_clean_and_upright(&file.bytes().await.unwrap());
}

#[tokio::test]
async fn a_photo_sent_through_the_api_is_stored_and_served_without_its_metadata() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let form = Form::new()
        .text("assunto", "Foto pelo chatbot")
        .text("mensagem", "Segue a foto.")
        .part("anexos", Part::bytes(phone_photo()).file_name("foto.jpg"));
    let created = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let thread = portal.api_json(&token, created["link"].as_str().unwrap()).await;
    let download = thread["mensagens"][0]["anexos"][0]["download"].as_str().unwrap().to_string();
    let file = portal.client.get(portal.url(&download)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_clean_and_upright(&file.bytes().await.unwrap());

    let damaged = &phone_photo()[..300];
    let refused = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .bearer_auth(&token)
        .multipart(
            Form::new()
                .text("assunto", "Foto quebrada")
                .text("mensagem", "Segue.")
                .part("anexos", Part::bytes(damaged.to_vec()).file_name("quebrada.jpg")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = refused.json().await.unwrap();
    assert!(error["erro"]["mensagem"].as_str().unwrap().contains("quebrada.jpg"), "{error}");
}
