//! Seed 002's chavePasse: a buyer opens a partner's funcionalidade from the menu, the partner
//! exchanges the one-time key for the chosen fields; sandbox keys only ever answer a sample.

mod common;

use common::partners::register_named;
use common::*;
use portal::partners::{FeatureForm, PartnerScope};
use reqwest::StatusCode;
use serde_json::Value;

const ORIGIN: &str = "https://parceiro.exemplo.com.br";

struct Setup {
    key: String,
    production: (i64, String),
    sandbox: (i64, String),
}

/// A partner with a production funcionalidade (CPF/CNPJ, nome, e-mail, contratos) and a sandbox
/// one; their ids and chaveFuncionalidade.
async fn setup(portal: &TestPortal, name: &str) -> Setup {
    let (id, key) = register_named(portal, name, &[PartnerScope::PassKey], ORIGIN, "1000").await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let mut features = Vec::new();
    for (instance, label) in [("2", format!("Seguro {name}")), ("1", format!("Teste {name}"))] {
        let form = FeatureForm {
            name: label,
            target_url: format!("{ORIGIN}/beneficios?origem=portal"),
            instance: instance.into(),
            fields: ["cpf_cnpj", "nome", "email", "contratos"].map(String::from).to_vec(),
        };
        let feature = portal.portal.add_partner_feature(&admin, id, &form).await.unwrap();
        let detail = portal.portal.partner_detail(&admin, id).await.unwrap();
        let key = detail.features.iter().find(|row| row.id == feature).unwrap().feature_key.clone();
        features.push((feature, key));
    }
    Setup { key, production: features[0].clone(), sandbox: features[1].clone() }
}

/// The buyer opens the funcionalidade: the portal's exit page sends the browser on to the
/// partner's address with the pass key, once.
async fn open(portal: &TestPortal, cookie: &str, feature: i64) -> String {
    let response =
        portal.form_post("/api/servico-abrir", &[("id", &feature.to_string())], Some(cookie)).await;
    let exit = location(&response);
    assert!(exit.starts_with(&format!("/servicos/{feature}/ir?chave=")), "{exit}");
    let page = portal.get(&exit, Some(cookie)).await.text().await.unwrap();
    let pass_key = pass_key_in(&page).expect("the partner's address with the pass key");
    assert!(page.contains(&format!("{ORIGIN}/beneficios?origem=portal&amp;chavePasse={pass_key}")), "{page}");
    assert!(page.contains("http-equiv=\"refresh\""), "goes on without JavaScript");
    let again = portal.get(&exit, Some(cookie)).await.text().await.unwrap();
    assert!(pass_key_in(&again).is_none() && again.contains("já foi usado"), "the exit page works once");
    pass_key
}

fn pass_key_in(page: &str) -> Option<String> {
    page.split("chavePasse=").nth(1).map(|rest| rest.chars().take_while(char::is_ascii_hexdigit).collect())
}

async fn exchange(
    portal: &TestPortal,
    authorization: &str,
    instance: &str,
    pass_key: &str,
    feature_key: &str,
) -> (StatusCode, Value) {
    let response = portal
        .client
        .get(portal.url("/clientes/chavePasse/usuario"))
        .query(&[("instanciaApp", instance), ("chavePasse", pass_key), ("chaveFuncionalidade", feature_key)])
        .header("authorization", authorization)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["statusCode"], status.as_u16(), "{body}");
    assert_eq!(body["status"], status.is_success());
    assert!(body["timestamp"].as_i64().unwrap() > 1_600_000_000_000, "milliseconds");
    (status, body)
}

#[tokio::test]
async fn a_buyer_opens_a_funcionalidade_and_the_partner_gets_only_the_chosen_fields_once() {
    let portal = TestPortal::start().await;
    let setup = setup(&portal, "Seguradora").await;
    let (feature, feature_key) = setup.production.clone();
    let ana = portal.login(ANA, PASSWORD).await;
    // In her menu under its name; the page says what the partner receives.
    let home = portal.get("/meu-imovel", Some(&ana)).await.text().await.unwrap();
    assert!(home.contains("Seguro Seguradora") && !home.contains("Teste Seguradora"), "production only");
    let page = portal.get(&format!("/servicos/{feature}"), Some(&ana)).await.text().await.unwrap();
    assert!(
        page.contains("parceiro.exemplo.com.br") && page.contains("CPF/CNPJ") && page.contains("Contratos")
    );
    assert!(!page.contains("Celular"));

    let pass_key = open(&portal, &ana, feature).await;
    // The seed's bare Authorization and the Bearer form both work.
    let (status, body) = exchange(&portal, &setup.key, "2", &pass_key, &feature_key).await;
    assert_eq!(status, 200, "{body}");
    let data = &body["data"]["integracao"];
    assert_eq!(data["cpf_cnpj"], "11144477735");
    assert_eq!(data["email"], ANA);
    assert!(data["nome"].as_str().unwrap().starts_with("Ana"));
    assert!(!data["contratos"].as_array().unwrap().is_empty());
    assert!(data.get("telefone").is_none(), "only the chosen fields");
    let unique = body["data"]["chaveUnica"].as_str().unwrap().to_string();
    assert!(!unique.contains('@') && unique.len() == 32, "a pseudonym, not the e-mail");
    let (status, body) =
        exchange(&portal, &format!("Bearer {}", setup.key), "2", &pass_key, &feature_key).await;
    assert_eq!(status, 403, "once: {body}");
    assert_eq!(body["data"], Value::Array(vec![]));

    // The same person gives the same chaveUnica to this partner, another one to another partner.
    let again = open(&portal, &ana, feature).await;
    let (_, body) = exchange(&portal, &setup.key, "2", &again, &feature_key).await;
    assert_eq!(body["data"]["chaveUnica"], unique.as_str());
    let other = setup_second(&portal).await;
    let pass_key = open(&portal, &ana, other.production.0).await;
    let (_, body) = exchange(&portal, &other.key, "2", &pass_key, &other.production.1).await;
    assert_ne!(body["data"]["chaveUnica"], unique.as_str());
    // Two funcionalidades fold into one menu item, whose page lists both.
    let home = portal.get("/meu-imovel", Some(&ana)).await.text().await.unwrap();
    assert!(home.contains("href=\"/servicos\"") && !home.contains("Seguro Seguradora"), "folded");
    let list = portal.get("/servicos", Some(&ana)).await.text().await.unwrap();
    assert!(list.contains("Seguro Seguradora") && list.contains("Seguro Clube"));
    assert!(portal.get("/servicos", None).await.status().is_redirection(), "signed-in only");
}

async fn setup_second(portal: &TestPortal) -> Setup {
    setup(portal, "Clube").await
}

#[tokio::test]
async fn a_pass_key_works_for_its_funcionalidade_instance_and_two_minutes_only() {
    let portal = TestPortal::start().await;
    let setup = setup(&portal, "Seguradora").await;
    let other = setup_second(&portal).await;
    let (feature, feature_key) = setup.production.clone();
    let ana = portal.login(ANA, PASSWORD).await;
    let pass_key = open(&portal, &ana, feature).await;
    // Bad requests: 400; no key or a wrong one: 403; another partner's funcionalidade: 404.
    assert_eq!(exchange(&portal, &setup.key, "3", &pass_key, &feature_key).await.0, 400);
    assert_eq!(exchange(&portal, &setup.key, "2", "", &feature_key).await.0, 400);
    assert_eq!(exchange(&portal, "", "2", &pass_key, &feature_key).await.0, 403);
    assert_eq!(
        exchange(&portal, &format!("pdc_{}", "1".repeat(64)), "2", &pass_key, &feature_key).await.0,
        403
    );
    assert_eq!(exchange(&portal, &other.key, "2", &pass_key, &feature_key).await.0, 404);
    // The sandbox instance, or the sandbox funcionalidade, does not take a production key.
    assert_eq!(exchange(&portal, &setup.key, "1", &pass_key, &feature_key).await.0, 403);
    assert_eq!(exchange(&portal, &setup.key, "2", &pass_key, &setup.sandbox.1).await.0, 403);
    assert_eq!(exchange(&portal, &setup.key, "1", &pass_key, &setup.sandbox.1).await.0, 403);
    // Twenty exchanges at once: one answer.
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = portal
            .client
            .get(portal.url("/clientes/chavePasse/usuario"))
            .query(&[
                ("instanciaApp", "2"),
                ("chavePasse", pass_key.as_str()),
                ("chaveFuncionalidade", feature_key.as_str()),
            ])
            .header("authorization", setup.key.clone());
        requests.spawn(async move { request.send().await.unwrap().status() });
    }
    let statuses = requests.join_all().await;
    assert_eq!(statuses.iter().filter(|status| **status == 200).count(), 1, "{statuses:?}");
    // Expired after two minutes.
    let late = open(&portal, &ana, feature).await;
    portal.clock.advance(time::Duration::seconds(121));
    assert_eq!(exchange(&portal, &setup.key, "2", &late, &feature_key).await.0, 403);
    // A removed funcionalidade leaves the menu and its keys die.
    let fresh = open(&portal, &ana, feature).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal.portal.remove_partner_feature(&admin, 1, feature).await.unwrap();
    assert_eq!(exchange(&portal, &setup.key, "2", &fresh, &feature_key).await.0, 404);
    let home = portal.get("/meu-imovel", Some(&ana)).await.text().await.unwrap();
    assert!(!home.contains("Seguro Seguradora"));
    let gone = portal.form_post("/api/servico-abrir", &[("id", &feature.to_string())], Some(&ana)).await;
    assert!(!location(&gone).starts_with(ORIGIN));
}

#[tokio::test]
async fn the_sandbox_answers_a_sample_never_a_person() {
    let portal = TestPortal::start().await;
    let setup = setup(&portal, "Seguradora").await;
    let (sandbox, sandbox_key) = setup.sandbox.clone();
    let ana = portal.login(ANA, PASSWORD).await;
    // Buyers cannot open a sandbox funcionalidade.
    let refused = portal.form_post("/api/servico-abrir", &[("id", &sandbox.to_string())], Some(&ana)).await;
    assert!(!location(&refused).starts_with(ORIGIN));
    assert_eq!(portal.get(&format!("/servicos/{sandbox}"), Some(&ana)).await.status(), 404);
    // Staff test it: the partner's page with a sandbox key.
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let tested = portal
        .form_post(
            "/api/equipe/parceiro-funcionalidade",
            &[("id", "1"), ("action", "testar"), ("feature", &sandbox.to_string())],
            Some(&staff),
        )
        .await;
    let page = portal.get(&location(&tested), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Abrir a funcionalidade de teste"));
    let pass_key = pass_key_in(&page).unwrap();
    assert_eq!(exchange(&portal, &setup.key, "2", &pass_key, &sandbox_key).await.0, 403, "not production");
    let (status, body) = exchange(&portal, &setup.key, "1", &pass_key, &sandbox_key).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["integracao"]["nome"], "Pessoa de Teste (sandbox)");
    assert!(!body.to_string().contains("11144477735") && !body.to_string().contains(ANA));
    // A production funcionalidade cannot be "tested" into a sandbox key.
    let production = portal
        .form_post(
            "/api/equipe/parceiro-funcionalidade",
            &[("id", "1"), ("action", "testar"), ("feature", &setup.production.0.to_string())],
            Some(&staff),
        )
        .await;
    assert!(location(&production).contains("erro="), "{}", location(&production));
    // A URL outside the partner's origins is refused when added.
    let refused = portal
        .form_post(
            "/api/equipe/parceiro-funcionalidade",
            &[
                ("id", "1"),
                ("action", "adicionar"),
                ("feature_name", "Fora"),
                ("feature_url", "https://evil.example/x"),
                ("feature_instance", "2"),
                ("feature_fields[]", "nome"),
            ],
            Some(&staff),
        )
        .await;
    let back = location(&refused);
    assert!(back.contains("rascunho="), "{back}");
    let page = portal.get(&back, Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("numa das origens permitidas"));
}
