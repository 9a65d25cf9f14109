//! Photos of the works: published by staff, shown to the buyers of the empreendimento (page,
//! gallery, API), served re-encoded and authorised on every request.

mod common;

use common::*;
use portal::audit::Actor;
use portal::clock::Clock;
use portal::property::photos::{NewWorksPhoto, PhotoError, THUMBNAIL_SIDE};
use portal::time_br::today_in_sao_paulo;
use reqwest::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;

/// The `src` of every thumbnail on a page, in order.
fn thumbnails(page: &str) -> Vec<String> {
    page.split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.starts_with("/meu-imovel/fotos/"))
        .map(str::to_string)
        .collect()
}

fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    let picture = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg).expect("a JPEG");
    (picture.width(), picture.height())
}

#[tokio::test]
async fn buyers_see_the_newest_photos_and_the_whole_dated_gallery() {
    let portal = TestPortal::start().await;
    let cookie = portal.login(ANA, PASSWORD).await;

    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Fotos da obra"), "{page}");
    let recent = thumbnails(&page);
    assert_eq!(recent.len(), 4, "the four newest of the six photos");
    assert!(recent.iter().all(|src| src.ends_with("/miniatura")));
    assert!(page.contains("alt=\"Fachada da Torre A revestida até o 5º pavimento; alvenaria concluída\""));
    assert!(page.contains("loading=\"lazy\""));
    assert!(page.contains("Ver todas as 6 fotos da obra"));
    // Ana buys only in Jardim das Palmeiras: the delivered Mirante's photos are not hers.
    assert!(!page.contains("Mirante"));

    let gallery_link = page
        .split("href=\"/meu-imovel/empreendimentos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|rest| format!("/meu-imovel/empreendimentos/{rest}"))
        .expect("a link to the gallery");
    let gallery = portal.get(&gallery_link, Some(&cookie)).await;
    assert_eq!(gallery.status(), StatusCode::OK);
    let gallery = gallery.text().await.unwrap();
    assert!(gallery.contains("Fotos da obra · Residencial Jardim das Palmeiras"));
    assert!(gallery.contains("6 fotos, da mais recente para a mais antiga."));
    let all = thumbnails(&gallery);
    assert_eq!(all.len(), 6);
    assert_eq!(all[..4], recent[..], "the page shows the newest ones");
    // Newest first, each with its date in <time>.
    let dates: Vec<&str> =
        gallery.split("<time datetime=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert_eq!(dates.len(), 6);
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "{dates:?}");
    assert!(gallery.contains("Fundação da Torre A concluída: blocos sobre as estacas"));

    // The files: JPEG, shown inline, never cached; the thumbnail is small, the photo is not.
    let thumbnail = portal.get(&all[0], Some(&cookie)).await;
    assert_eq!(thumbnail.status(), StatusCode::OK);
    assert_eq!(thumbnail.headers()[CONTENT_TYPE], "image/jpeg");
    assert_eq!(thumbnail.headers()[CACHE_CONTROL], "no-store");
    assert!(thumbnail.headers()[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("inline; filename=\"obra-"));
    let (width, height) = jpeg_size(&thumbnail.bytes().await.unwrap());
    assert_eq!((width, height), (THUMBNAIL_SIDE, 320));
    assert!(gallery.contains(&format!("width=\"{width}\" height=\"{height}\"")), "no layout shift");
    let full = portal.get(all[0].trim_end_matches("/miniatura"), Some(&cookie)).await;
    assert_eq!(full.headers()[CONTENT_TYPE], "image/jpeg");
    assert_eq!(jpeg_size(&full.bytes().await.unwrap()), (960, 640));
}

#[tokio::test]
async fn photos_need_a_session_and_stop_working_after_logout() {
    let portal = TestPortal::start().await;
    let cookie = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    let thumbnail = thumbnails(&page).remove(0);

    let anonymous = portal.get(&thumbnail, None).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/entrar?proximo="));

    portal.form_post("/api/sair", &[], Some(&cookie)).await;
    let after_logout = portal.get(&thumbnail, Some(&cookie)).await;
    assert_eq!(after_logout.status(), StatusCode::SEE_OTHER, "a copied link dies with the session");

    let cookie = portal.login(ANA, PASSWORD).await;
    for path in [
        "/meu-imovel/fotos/999999",
        "/meu-imovel/fotos/abc/miniatura",
        "/meu-imovel/empreendimentos/999/fotos",
    ] {
        assert_eq!(portal.get(path, Some(&cookie)).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn partners_list_and_download_photos_of_the_callers_empreendimentos() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(COMPANY_CNPJ).await;

    let developments = portal.api_json(&token, "/api/v1/empreendimento").await;
    let developments = developments["empreendimentos"].as_array().unwrap();
    let palmeiras = developments.iter().find(|d| d["nome"] == "Residencial Jardim das Palmeiras").unwrap();
    assert_eq!(palmeiras["fotos_total"], 6);
    assert_eq!(palmeiras["fotos_recentes"].as_array().unwrap().len(), 4);
    let mirante = developments.iter().find(|d| d["nome"] == "Edifício Mirante do Parque").unwrap();
    assert_eq!(mirante["fotos_total"], 2);

    let list_path = palmeiras["fotos"].as_str().unwrap();
    let page = portal.api_json(&token, &format!("{list_path}?pagina=2&por_pagina=4")).await;
    assert_eq!(page["total"], 6);
    let photos = page["fotos"].as_array().unwrap();
    assert_eq!(photos.len(), 2, "the second page holds the two oldest");
    assert_eq!(photos[1]["legenda"], "Fundação da Torre A concluída: blocos sobre as estacas");
    assert!(photos[1]["data"].as_str().unwrap().len() == 10);

    let thumbnail = portal
        .client
        .get(portal.url(photos[1]["miniatura"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(thumbnail.status(), StatusCode::OK);
    assert_eq!(thumbnail.headers()[CONTENT_TYPE], "image/jpeg");
    assert_eq!(jpeg_size(&thumbnail.bytes().await.unwrap()).0, THUMBNAIL_SIDE);
    let full = portal.client.get(portal.url(photos[1]["url"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(full.status(), StatusCode::UNAUTHORIZED, "the API wants its token");
}

fn photo_bytes() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(640, 480, image::Rgb([90, 140, 200]));
    let mut bytes = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

#[tokio::test]
async fn staff_publish_photos_with_a_caption_and_a_date_and_wrong_ones_are_refused() {
    let portal = TestPortal::start().await;
    let bytes = photo_bytes();
    let photo = |taken_on, caption, bytes| NewWorksPhoto { development_id: 1, taken_on, caption, bytes };
    let refusal = |result: Result<i64, PhotoError>| match result {
        Err(PhotoError::Invalid(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    };

    let portal_ = &portal.portal;
    let today = today_in_sao_paulo(portal.clock.now());
    let tomorrow = (today + time::Duration::days(1)).to_string();
    assert!(refusal(portal_.add_works_photo(photo("2026-01-10", "Obra", &bytes), Actor::Staff(1)).await)
        .contains("de 5 a 200 caracteres"));
    assert!(refusal(
        portal_.add_works_photo(photo("10/01/2026", "Vista da obra", &bytes), Actor::Staff(1)).await
    )
    .contains("aaaa-mm-dd"));
    assert!(refusal(
        portal_.add_works_photo(photo(&tomorrow, "Vista da obra", &bytes), Actor::Staff(1)).await
    )
    .contains("depois de hoje"));
    assert!(refusal(
        portal_
            .add_works_photo(photo("2026-01-10", "Vista da obra", b"%PDF-1.7 fake"), Actor::Staff(1))
            .await
    )
    .contains("JPG, PNG ou WEBP"));
    assert!(matches!(
        portal_
            .add_works_photo(
                NewWorksPhoto { development_id: 999, ..photo("2026-01-10", "Vista da obra", &bytes) },
                Actor::Staff(1)
            )
            .await,
        Err(PhotoError::DevelopmentNotFound)
    ));

    let today = today.to_string();
    let id = portal_
        .add_works_photo(photo(&today, "  Vista   aérea do canteiro  ", &bytes), Actor::Staff(1))
        .await
        .unwrap();
    let events = portal_.store.recent_audit_events(5).await.unwrap();
    assert!(events.iter().any(|event| event.action == "works_photo_added"
        && event.actor_kind == "staff"
        && event.detail == format!("foto {id}: Vista aérea do canteiro")));

    let cookie = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("alt=\"Vista aérea do canteiro\""), "caption tidied, newest first");
    assert!(page.contains("Ver todas as 7 fotos da obra"));
    let full = portal.get(&format!("/meu-imovel/fotos/{id}"), Some(&cookie)).await;
    assert_eq!(full.headers()[CONTENT_TYPE], "image/jpeg", "a PNG upload is served as a re-encoded JPEG");
    assert_eq!(jpeg_size(&full.bytes().await.unwrap()), (640, 480));
}
