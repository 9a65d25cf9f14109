//! What a buyer waits for: the real server (release build, SQLite file, demo data) answering
//! the pages, files and API calls people use most, one request at a time over local HTTP.
//! `cargo bench -p portal-server --bench pages`; the README keeps the latest figures.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use criterion::{criterion_group, criterion_main, Criterion};
use reqwest::StatusCode;

struct Fixture {
    portal: TestPortal,
    cookie: String,
    token: String,
    boleto: String,
    thumbnail: String,
}

async fn fixture() -> Fixture {
    let portal = TestPortal::start().await;
    let cookie = portal.login(ANA, PASSWORD).await;
    let token = portal.api_token(ANA).await;
    let finance = portal.get("/financeiro?situacao=em-aberto", Some(&cookie)).await.text().await.unwrap();
    let boleto = finance
        .split("href=\"/financeiro/boletos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|id| format!("/financeiro/boletos/{id}"))
        .expect("an open boleto");
    let property = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    let thumbnail = property
        .split("src=\"/meu-imovel/fotos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|rest| format!("/meu-imovel/fotos/{rest}"))
        .expect("a thumbnail");
    Fixture { portal, cookie, token, boleto, thumbnail }
}

fn pages(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let fixture = runtime.block_on(fixture());
    let f = &fixture;
    let page = |path: String| {
        let path = path.clone();
        async move {
            let response = f.portal.get(&path, Some(&f.cookie)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            response.bytes().await.unwrap()
        }
    };

    let mut group = c.benchmark_group("pages");
    for path in ["/meu-imovel", "/financeiro", "/documentos", "/mensagens", "/meus-dados"] {
        group.bench_function(path, |b| b.to_async(&runtime).iter(|| page(path.to_string())));
    }
    group
        .bench_function("/financeiro/boletos/{id}", |b| b.to_async(&runtime).iter(|| page(f.boleto.clone())));
    group.finish();

    let mut group = c.benchmark_group("files");
    group.bench_function("boleto PDF", |b| b.to_async(&runtime).iter(|| page(format!("{}/pdf", f.boleto))));
    group.bench_function("photo thumbnail", |b| b.to_async(&runtime).iter(|| page(f.thumbnail.clone())));
    group.finish();

    let mut group = c.benchmark_group("api");
    for path in ["/api/v1/pessoa", "/api/v1/contrato", "/api/v1/boleto?situacao=em-aberto"] {
        group.bench_function(path, |b| {
            b.to_async(&runtime).iter(|| async move {
                let response =
                    f.portal.client.get(f.portal.url(path)).bearer_auth(&f.token).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{path}");
                response.bytes().await.unwrap()
            })
        });
    }
    group.finish();

    // Publishing a 12-megapixel phone photo: decode, turn, resize, two JPEG encodes, two writes.
    let mut phone_photo = Vec::new();
    image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([(x / 16) as u8, (y / 12) as u8, ((x ^ y) % 256) as u8])
    })
    .write_to(&mut std::io::Cursor::new(&mut phone_photo), image::ImageFormat::Jpeg)
    .unwrap();
    let mut group = c.benchmark_group("staff");
    group.sample_size(10);
    group.bench_function("publish a 12 MP photo", |b| {
        b.to_async(&runtime).iter(|| async {
            let photo = portal::property::photos::NewWorksPhoto {
                development_id: 1,
                taken_on: "2026-01-10",
                caption: "Vista da obra pela rua",
                bytes: &phone_photo,
            };
            f.portal.portal.add_works_photo(photo, portal::audit::Actor::System).await.unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(4));
    targets = pages
}
criterion_main!(benches);
