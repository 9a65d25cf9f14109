//! Seed 004 for the tests: a partner with the listings scope allowed for a company, its access
//! token, calls at the seed's paths, and reading the feeds back as a portal would.

use portal::partners::PartnerScope;
use quick_xml::events::Event;
use quick_xml::Reader;
use reqwest::Response;
use serde_json::Value;

use super::TestPortal;

pub const DEMO_COMPANY: i64 = 1;
pub const CHAVES_NA_MAO: i64 = 1;
pub const OLX: i64 = 5;
pub const ZAP_VIVAREAL: i64 = 6;

/// A partner with the listings scope, allowed for the demo company; its id and API key.
pub async fn integrator(portal: &TestPortal, requests_per_minute: &str) -> (i64, String) {
    let (id, key) = super::partners::register_named(
        portal,
        "Integrador de Anúncios",
        &[PartnerScope::Listings],
        "",
        requests_per_minute,
    )
    .await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal
        .portal
        .staff_set_listing_partner(&admin, &DEMO_COMPANY.to_string(), &id.to_string(), true)
        .await
        .unwrap();
    (id, key)
}

/// `POST /api/v1/parceiro/token` with the key; the access token.
pub async fn access_token(portal: &TestPortal, key: &str) -> String {
    let response = portal
        .client
        .post(portal.url("/api/v1/parceiro/token"))
        .bearer_auth(key)
        .json(&serde_json::json!({ "grant_type": "client_credentials" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

pub async fn list(portal: &TestPortal, token: Option<&str>, dealer: &str) -> Response {
    let mut request = portal.client.get(portal.url(&format!("/dealer/{dealer}/portal-auth/")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

pub async fn update(
    portal: &TestPortal,
    token: &str,
    dealer: &str,
    portal_id: &str,
    body: Value,
) -> Response {
    portal
        .client
        .post(portal.url(&format!("/dealer/{dealer}/portal-auth/{portal_id}/")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The feed's path (tests reach the server on its random port, not the public URL).
pub async fn feed_path(portal: &TestPortal, portal_id: i64) -> String {
    let admin = portal.portal.staff_member(1).await.unwrap();
    let page = portal.portal.staff_listings(&admin, Some(DEMO_COMPANY)).await.unwrap();
    let url = page
        .current
        .unwrap()
        .portals
        .into_iter()
        .find(|entry| entry.portal.id == portal_id)
        .and_then(|entry| entry.feed_url)
        .expect("a released portal has a feed");
    url[url.find("/anuncios/").unwrap()..].to_string()
}

/// An element of a feed: its path from the root, attributes and text.
#[derive(Debug, Clone)]
pub struct Node {
    pub path: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
}

/// Every element of a well-formed XML document (panics on a malformed one).
pub fn nodes(xml: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                stack.push(String::from_utf8(start.name().as_ref().to_vec()).unwrap());
                open.push(nodes.len());
                nodes.push(node(&stack, &start));
            }
            Event::Empty(start) => {
                stack.push(String::from_utf8(start.name().as_ref().to_vec()).unwrap());
                nodes.push(node(&stack, &start));
                stack.pop();
            }
            Event::Text(text) => {
                if let Some(&index) = open.last() {
                    nodes[index].text.push_str(&text.unescape().unwrap());
                }
            }
            Event::CData(text) => {
                if let Some(&index) = open.last() {
                    nodes[index].text.push_str(std::str::from_utf8(&text.into_inner()).unwrap());
                }
            }
            Event::End(_) => {
                stack.pop();
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "every element closed");
    nodes
}

fn node(stack: &[String], start: &quick_xml::events::BytesStart) -> Node {
    Node {
        path: stack.join("/"),
        attributes: start
            .attributes()
            .map(|attribute| {
                let attribute = attribute.unwrap();
                (
                    String::from_utf8(attribute.key.as_ref().to_vec()).unwrap(),
                    attribute.unescape_value().unwrap().to_string(),
                )
            })
            .collect(),
        text: String::new(),
    }
}

/// Checks a VRSync feed against the fields its documentation requires (no XSD is published
/// where this build can reach it); the listings' ids.
pub fn valid_vrsync(xml: &str) -> Vec<String> {
    let nodes = nodes(xml);
    assert_eq!(nodes[0].path, "ListingDataFeed");
    assert!(nodes[0]
        .attributes
        .iter()
        .any(|(k, v)| k == "xmlns" && v == "http://www.vivareal.com/schemas/1.0/VRSync"));
    for header in ["Provider", "Email", "ContactName"] {
        assert!(
            nodes.iter().any(|n| n.path == format!("ListingDataFeed/Header/{header}")),
            "Header/{header}"
        );
    }
    let listing = "ListingDataFeed/Listings/Listing";
    let count = nodes.iter().filter(|n| n.path == listing).count();
    let field = |name: &str| -> Vec<&Node> {
        nodes.iter().filter(|n| n.path == format!("{listing}/{name}")).collect()
    };
    let ids: Vec<String> = field("ListingID").iter().map(|n| n.text.clone()).collect();
    assert_eq!(ids.len(), count, "one ListingID per listing");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ListingID unique");
    assert!(ids.iter().all(|id| (1..=50).contains(&id.chars().count())), "ListingID 1–50");
    let titles = field("Title");
    assert_eq!(titles.len(), count);
    assert!(titles.iter().all(|t| (10..=100).contains(&t.text.chars().count())), "Title 10–100");
    assert!(field("TransactionType")
        .iter()
        .all(|t| ["For Sale", "For Rent", "Sale/Rent"].contains(&t.text.as_str())));
    assert_eq!(field("TransactionType").len(), count);
    for detail in ["PropertyType", "Description", "ListPrice", "LivingArea"] {
        let found = field(&format!("Details/{detail}"));
        assert_eq!(found.len(), count, "Details/{detail}");
        assert!(found.iter().all(|n| !n.text.trim().is_empty()), "Details/{detail} filled");
    }
    assert!(field("Details/ListPrice").iter().all(|n| n.text.parse::<u64>().is_ok_and(|price| price > 0)));
    assert!(field("Details/PropertyType")
        .iter()
        .all(|n| n.text.starts_with("Residential / ") || n.text.starts_with("Commercial / ")));
    for location in ["Country", "State", "City", "Neighborhood"] {
        let found = field(&format!("Location/{location}"));
        assert_eq!(found.len(), count, "Location/{location}");
    }
    assert!(field("Location/State")
        .iter()
        .all(|n| n.attributes.iter().any(|(k, v)| k == "abbreviation" && v.len() == 2)));
    assert!(field("Media/Item").iter().all(
        |n| n.text.starts_with("http") && n.attributes.iter().any(|(k, v)| k == "medium" && v == "image")
    ));
    ids
}

/// Chaves na Mão's layout: every documented tag present in each imóvel, the required ones
/// filled; the references.
pub fn valid_chaves_na_mao(xml: &str) -> Vec<String> {
    const TAGS: [&str; 48] = [
        "referencia",
        "codigo_cliente",
        "link_cliente",
        "titulo",
        "transacao",
        "transacao2",
        "finalidade",
        "finalidade2",
        "destaque",
        "tipo",
        "tipo2",
        "valor",
        "valor_locacao",
        "valor_iptu",
        "valor_condominio",
        "area_total",
        "area_util",
        "conservacao",
        "quartos",
        "suites",
        "garagem",
        "banheiro",
        "closet",
        "salas",
        "despensa",
        "bar",
        "cozinha",
        "quarto_empregada",
        "escritorio",
        "area_servico",
        "lareira",
        "varanda",
        "lavanderia",
        "estado",
        "cidade",
        "bairro",
        "cep",
        "endereco",
        "numero",
        "complemento",
        "descritivo",
        "fotos_imovel",
        "data_atualizacao",
        "latitude",
        "longitude",
        "video",
        "area_comum",
        "aceita_troca",
    ];
    const REQUIRED: [&str; 10] = [
        "referencia",
        "transacao",
        "finalidade",
        "destaque",
        "tipo",
        "valor",
        "estado",
        "cidade",
        "bairro",
        "descritivo",
    ];
    let nodes = nodes(xml);
    assert_eq!(nodes[0].path, "Document");
    let imovel = "Document/imoveis/imovel";
    let count = nodes.iter().filter(|n| n.path == imovel).count();
    for tag in TAGS {
        let found: Vec<&Node> = nodes.iter().filter(|n| n.path == format!("{imovel}/{tag}")).collect();
        assert_eq!(found.len(), count, "every imóvel has <{tag}>");
        if REQUIRED.contains(&tag) {
            assert!(found.iter().all(|n| !n.text.trim().is_empty()), "<{tag}> filled");
        }
    }
    let of = |tag: &str| -> Vec<String> {
        nodes.iter().filter(|n| n.path == format!("{imovel}/{tag}")).map(|n| n.text.clone()).collect()
    };
    assert!(of("transacao").iter().all(|t| t == "V"));
    assert!(of("finalidade").iter().all(|t| t == "RE" || t == "CO"));
    assert!(of("valor").iter().all(|v| v.parse::<f64>().is_ok_and(|v| v > 0.0) && v.contains('.')));
    assert!(of("estado").iter().all(|uf| uf.len() == 2));
    assert!(of("descritivo").iter().all(|d| d.chars().count() <= 3000));
    of("referencia")
}
