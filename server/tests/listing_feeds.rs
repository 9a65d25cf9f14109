//! The listing feeds portals read: VRSync and Chaves na Mão that validate, units that leave when
//! sold or reserved, ETag and Last-Modified that change only with the content, photos only
//! through a live feed, and the on/off switch (`remove_all` empties, keeping freezes).

mod common;

use common::listings::*;
use common::*;
use serde_json::json;

async fn admin(portal: &TestPortal) -> portal::staff::CurrentStaff {
    portal.portal.staff_member(1).await.unwrap()
}

async fn feed(portal: &TestPortal, path: &str) -> String {
    let response = portal.get(path, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/xml; charset=utf-8");
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_vrsync_feed_lists_units_for_sale_and_drops_sold_ones() {
    let portal = TestPortal::start().await;
    let path = feed_path(&portal, ZAP_VIVAREAL).await;
    let first = portal.get(&path, None).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let modified = first.headers()["last-modified"].to_str().unwrap().to_string();
    let xml = first.text().await.unwrap();
    // The demo's three units for sale, with their data and photos.
    assert_eq!(valid_vrsync(&xml), ["UN-6", "UN-2", "UN-4"]);
    assert!(
        xml.contains("<ListPrice currency=\"BRL\">489000</ListPrice>")
            && xml.contains("<Neighborhood>Jardim Botânico</Neighborhood>")
    );
    assert!(xml.contains("<Bedrooms>2</Bedrooms>") && xml.contains("Residential / Apartment"));
    // The same generation again: 304 by ETag and by date; the date does not move.
    let again = portal.client.get(portal.url(&path)).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let by_date =
        portal.client.get(portal.url(&path)).header("if-modified-since", &modified).send().await.unwrap();
    assert_eq!(by_date.status(), 304);
    portal.clock.advance(time::Duration::minutes(10));
    let later = portal.get(&path, None).await;
    assert_eq!(later.headers()["last-modified"].to_str().unwrap(), modified, "no change, no new date");

    // Sold and reserved units leave on the next generation; a new ETag and date.
    portal.portal.set_unit_status(&admin(&portal).await, 4, "vendida").await.unwrap();
    portal.portal.set_unit_status(&admin(&portal).await, 6, "reservada").await.unwrap();
    let changed = portal.get(&path, None).await;
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    assert_ne!(changed.headers()["last-modified"].to_str().unwrap(), modified);
    assert_eq!(valid_vrsync(&changed.text().await.unwrap()), ["UN-2"]);
    // A unit without a price is left out, and the back office says why.
    let mut form = portal.portal.staff_unit(&admin(&portal).await, 2).await.unwrap().form;
    form.price.clear();
    portal.portal.update_unit(&admin(&portal).await, 2, &form).await.unwrap();
    assert!(valid_vrsync(&feed(&portal, &path).await).is_empty());
    let page = portal.portal.staff_listings(&admin(&portal).await, Some(1)).await.unwrap().current.unwrap();
    let unit = page.units.iter().find(|unit| unit.unit_id == 2).unwrap();
    assert_eq!(unit.missing, "sem preço de venda");
}

#[tokio::test]
async fn photos_are_served_only_through_a_live_feed_of_their_company() {
    let portal = TestPortal::start().await;
    let path = feed_path(&portal, ZAP_VIVAREAL).await;
    let xml = feed(&portal, &path).await;
    let photo = xml
        .split("/anuncios/")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .map(|rest| format!("/anuncios/{rest}"))
        .unwrap();
    assert!(photo.ends_with(".jpg"), "{photo}");
    let response = portal.get(&photo, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(response.bytes().await.unwrap().starts_with(&[0xFF, 0xD8]));
    let key = &path["/anuncios/".len()..path.len() - 4];
    for bad in [
        format!("/anuncios/{}.xml", "0".repeat(64)),
        format!("/anuncios/{}.xml", key.to_uppercase()),
        format!("/anuncios/{key}"),
        format!("/anuncios/{}/fotos/1.jpg", "0".repeat(64)),
        format!("/anuncios/{key}/fotos/99999.jpg"),
        format!("/anuncios/{key}/fotos/../../etc/passwd"),
        "/anuncios/..%2F..%2Fetc%2Fpasswd.xml".to_string(),
    ] {
        assert_eq!(portal.get(&bad, None).await.status(), 404, "{bad}");
    }
}

#[tokio::test]
async fn switching_off_keeps_or_withdraws_what_was_published() {
    let portal = TestPortal::start().await;
    let (_, key) = integrator(&portal, "").await;
    let token = access_token(&portal, &key).await;
    let path = feed_path(&portal, ZAP_VIVAREAL).await;
    assert_eq!(valid_vrsync(&feed(&portal, &path).await).len(), 3);
    // Off, keeping: the feed stays as published, and stops following the units.
    let off = update(&portal, &token, "1", "6", json!({ "active": false, "remove_all": false })).await;
    assert_eq!(off.status(), 200);
    portal.portal.set_unit_status(&admin(&portal).await, 2, "vendida").await.unwrap();
    assert_eq!(valid_vrsync(&feed(&portal, &path).await).len(), 3, "frozen");
    // Off, withdrawing: an empty feed, which tells the portal to take every listing down.
    let withdraw = update(&portal, &token, "1", "6", json!({ "active": false, "remove_all": true })).await;
    assert_eq!(withdraw.status(), 200);
    assert!(valid_vrsync(&feed(&portal, &path).await).is_empty());
    // remove_all only counts when switching off.
    let on = update(&portal, &token, "1", "6", json!({ "active": true, "remove_all": true })).await;
    assert_eq!(on.status(), 200);
    assert_eq!(valid_vrsync(&feed(&portal, &path).await), ["UN-6", "UN-4"]);
}

#[tokio::test]
async fn chaves_na_mao_reads_its_own_layout_with_every_tag() {
    let portal = TestPortal::start().await;
    let path = feed_path(&portal, CHAVES_NA_MAO).await;
    assert!(valid_chaves_na_mao(&feed(&portal, &path).await).is_empty(), "released, not yet on");
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let saved = portal
        .form_post(
            "/api/equipe/anuncios-credenciais",
            &[
                ("credentials[company]", "1"),
                ("credentials[portal]", "1"),
                ("credentials[active]", "1"),
                ("credentials[site_id]", "CNM-778"),
                ("credentials[token]", "token-de-integracao"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&saved), "/equipe/anuncios?empresa=1&salvo=1#portal-1");
    let xml = feed(&portal, &path).await;
    assert_eq!(valid_chaves_na_mao(&xml), ["UN-6", "UN-2", "UN-4"]);
    assert!(xml.contains("<valor>489000.00</valor>") && xml.contains("<tipo>Apartamento</tipo>"));
    assert!(xml.contains("<bairro>Cambuí</bairro>") && xml.contains("<area_util>68.40</area_util>"));
}

#[tokio::test]
async fn feed_addresses_stay_out_of_the_logs() {
    let logs = common::logs::capture();
    let portal = TestPortal::start().await;
    let path = feed_path(&portal, ZAP_VIVAREAL).await;
    let xml = feed(&portal, &path).await;
    let photo = xml.split("/anuncios/").nth(1).and_then(|rest| rest.split('<').next()).unwrap();
    assert_eq!(portal.get(&format!("/anuncios/{photo}"), None).await.status(), 200);
    let key = &path["/anuncios/".len()..path.len() - 4];
    let logged = logs.text();
    assert!(logged.contains("/anuncios/…"), "the requests are logged: {logged}");
    assert!(!logged.contains(key), "the feed key leaked into the logs");
}
