//! The construtora's brand: its name, logo and colour in the header, its service desk in the
//! footer of every page, from `PORTAL_MARCA_*` and `PORTAL_SAC_*`.

mod common;

use common::*;
use reqwest::StatusCode;

/// The page without the empty comments Leptos leaves after text (`<!>`).
fn without_markers(page: &str) -> String {
    page.replace("<!>", "")
}

fn logo_png(dir: &std::path::Path) -> String {
    let path = dir.join("logo.png");
    image::RgbImage::from_pixel(64, 64, image::Rgb([27, 94, 32])).save(&path).unwrap();
    path.to_string_lossy().to_string()
}

#[tokio::test]
async fn the_configured_company_shows_in_the_header_and_footer_of_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let logo = logo_png(dir.path());
    let portal = TestPortal::start_with_settings(&[
        ("PORTAL_MARCA_NOME", "Construtora Aurora"),
        ("PORTAL_MARCA_COR", "#1B5E20"),
        ("PORTAL_MARCA_LOGO", &logo),
        ("PORTAL_SAC_TELEFONE", "0800 777 1234"),
        ("PORTAL_SAC_WHATSAPP", "(11) 98888-7777"),
        ("PORTAL_SAC_EMAIL", "sac@aurora.exemplo.com.br"),
        ("PORTAL_SAC_HORARIO", "Segunda a sábado, das 8h às 20h"),
    ])
    .await;
    let ana = portal.login(ANA, PASSWORD).await;
    for (path, cookie) in
        [("/entrar", None), ("/meu-imovel", Some(ana.as_str())), ("/financeiro", Some(ana.as_str()))]
    {
        let page = without_markers(&portal.get(path, cookie).await.text().await.unwrap());
        assert!(page.contains("class=\"brand__name\">Construtora Aurora</span>"), "{path}");
        let logo_tag = page.split("<img").find(|tag| tag.contains("/marca/logo")).expect("the logo");
        let logo_tag = &logo_tag[..logo_tag.find('>').unwrap()];
        assert!(logo_tag.contains("alt=\"\"") && logo_tag.contains("class=\"brand__logo\""), "{logo_tag}");
        assert!(page.contains("href=\"/marca/cores.css?v=1b5e20\""), "{path}");
        assert!(page.contains("content=\"#1b5e20\""), "{path}: the theme colour");
        for link in [
            "href=\"tel:08007771234\">SAC 0800 777 1234</a>",
            "href=\"https://wa.me/5511988887777\" rel=\"noopener\" target=\"_blank\">WhatsApp (11) 98888-7777</a>",
            "href=\"mailto:sac@aurora.exemplo.com.br\">sac@aurora.exemplo.com.br</a>",
            "Segunda a sábado, das 8h às 20h",
        ] {
            assert!(page.contains(link), "{path} lacks {link}");
        }
        assert!(!page.contains("Construtora Horizonte</span>"), "not the demo company");
    }

    let logo = portal.get("/marca/logo", None).await;
    assert_eq!(logo.status(), StatusCode::OK);
    assert_eq!(logo.headers()["content-type"], "image/png");
    assert_eq!(logo.bytes().await.unwrap().as_ref(), std::fs::read(dir.path().join("logo.png")).unwrap());
    let colours = portal.get("/marca/cores.css?v=1b5e20", None).await;
    assert_eq!(colours.headers()["content-type"], "text/css; charset=utf-8");
    let css = colours.text().await.unwrap();
    assert!(css.contains("--color-brand: #1b5e20;") && css.contains("--color-brand-dark: #154919;"), "{css}");
}

#[tokio::test]
async fn without_a_brand_production_names_the_product_and_serves_no_logo() {
    let portal = TestPortal::start_production().await;
    let page = without_markers(&portal.get("/entrar", None).await.text().await.unwrap());
    assert!(page.contains("class=\"brand__mark\">PC</span>"), "{page}");
    assert!(page.contains("class=\"brand__name\">Portal do Cliente</span>"));
    assert!(!page.contains("site-footer__contact") && !page.contains("/marca/cores.css"));
    assert_eq!(portal.get("/marca/logo", None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(portal.get("/marca/cores.css", None).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn development_shows_the_demo_company_and_its_service_desk() {
    let portal = TestPortal::start().await;
    let page = without_markers(&portal.get("/entrar", None).await.text().await.unwrap());
    assert!(page.contains("class=\"brand__name\">Construtora Horizonte</span>"));
    assert!(page.contains("class=\"brand__mark\">CH</span>"));
    assert!(page.contains("SAC 0800 701 2345") && page.contains("WhatsApp (41) 99876-5432"));
}
