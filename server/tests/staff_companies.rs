//! Companies (SPEs) in Configurações: every rule under its field, CNPJ unique, audited changes,
//! the logo (images only) and the brand the buyer's pages show, admins only.

mod common;

use common::*;
use portal::staff::StaffRole;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

fn company<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    pairs.iter().map(|(name, value)| (format!("company[{name}]"), *value)).collect()
}

async fn post(portal: &TestPortal, form: &[(String, &str)], cookie: &str) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    portal.form_post("/api/equipe/empresa-salvar", &form, Some(cookie)).await
}

#[tokio::test]
async fn admins_keep_companies_and_choose_the_brand_buyers_see() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;

    let bad = company(&[
        ("name", ""),
        ("cnpj", "11.111.111/1111-11"),
        ("email", "sem-arroba"),
        ("whatsapp", "(41) 3333-2026"),
        ("colour", "#ffff00"),
    ]);
    let back = location(&post(&portal, &bad, &admin).await);
    assert!(back.starts_with("/equipe/configuracoes/empresas/nova?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    for sentence in
        ["até 60 caracteres", "CNPJ inválido", "E-mail inválido", "celular com DDD", "Cor inválida"]
    {
        assert!(page.contains(sentence), "{sentence}");
    }
    let staff = portal.portal.staff_member(1).await.unwrap();
    let existing_cnpj = portal.portal.staff_company_list(&staff).await.unwrap()[0].cnpj.clone();
    let taken_again = company(&[("name", "Outra"), ("cnpj", existing_cnpj.as_str())]);
    let page = portal
        .get(&location(&post(&portal, &taken_again, &admin).await), Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Já existe uma empresa com este CNPJ."));

    let good = company(&[
        ("name", "Vila Nova SPE Ltda"),
        ("cnpj", "11.222.333/0001-81"),
        ("email", "sac@vilanova.exemplo.com.br"),
        ("phone", "0800 123 4567"),
        ("whatsapp", "(11) 98765-4321"),
        ("colour", "#7a1f5c"),
    ]);
    let saved = location(&post(&portal, &good, &admin).await);
    assert!(saved.ends_with("?salva=1"), "{saved}");
    let id: i64 = saved
        .trim_start_matches("/equipe/configuracoes/empresas/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut edit = good.clone();
    edit.retain(|(name, _)| name != "company[name]");
    edit.push(("company[name]".into(), "Vila Nova Incorporadora SPE"));
    let id_text = id.to_string();
    edit.push(("id".into(), &id_text));
    post(&portal, &edit, &admin).await;
    let trail = portal.portal.store.audit_events_about(&format!("company:{id}"), 5).await.unwrap();
    assert!(trail[0].detail.contains("nome: Vila Nova SPE Ltda → Vila Nova Incorporadora SPE"), "{trail:?}");

    // The brand: name, colour, contacts and logo on the buyer's pages.
    let logo = post_multipart(
        &portal,
        &format!("/equipe/configuracoes/empresas/{id}/logo"),
        &admin,
        Form::new().part("logo", Part::bytes(png()).file_name("logo.png")),
    )
    .await;
    assert!(location(&logo).ends_with("?logo=1"), "{}", location(&logo));
    let svg = post_multipart(
        &portal,
        &format!("/equipe/configuracoes/empresas/{id}/logo"),
        &admin,
        Form::new().part("logo", Part::bytes(b"<svg onload='alert(1)'/>".to_vec()).file_name("logo.svg")),
    )
    .await;
    let page = portal.get(&location(&svg), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Logo recusado"), "{}", location(&svg));
    let form = [("id", id_text.as_str()), ("action", "marca")];
    assert!(location(&portal.form_post("/api/equipe/empresa-acao", &form, Some(&admin)).await)
        .ends_with("?marca=1"));
    let login = portal.get("/entrar", None).await.text().await.unwrap();
    assert!(login.contains("Vila Nova Incorporadora SPE") && login.contains("/marca/cores.css?v=7a1f5c"));
    assert!(login.contains("sac@vilanova.exemplo.com.br"));
    let css = portal.get("/marca/cores.css?v=7a1f5c", None).await.text().await.unwrap();
    assert!(css.contains("--color-brand: #7a1f5c"));
    let served = portal.get("/marca/logo", None).await;
    assert_eq!(served.headers()["content-type"], "image/png");
    let form = [("id", id_text.as_str()), ("action", "marca-padrao")];
    portal.form_post("/api/equipe/empresa-acao", &form, Some(&admin)).await;
    let login = portal.get("/entrar", None).await.text().await.unwrap();
    assert!(!login.contains("Vila Nova Incorporadora SPE"));

    // Only admins keep companies.
    portal.new_staff("atendimento@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let desk = portal.staff_login("atendimento@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let refused = post(&portal, &edit, &desk).await;
    assert!(location(&refused).contains("erro=sem-permissao") || refused.status() == StatusCode::FORBIDDEN);
}
