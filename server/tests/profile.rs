//! Meus dados: the person's data, the fields they may change, addresses, and `/pessoa`.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn address<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    let mut fields = vec![
        ("label", "Residencial"),
        ("cep", "80010-000"),
        ("street", "Rua XV de Novembro"),
        ("number", "1000"),
        ("complement", "ap. 12"),
        ("district", "Centro"),
        ("city", "Curitiba"),
        ("state", "PR"),
    ];
    for (name, value) in changes {
        fields.iter_mut().find(|(field, _)| field == name).unwrap().1 = value;
    }
    fields.into_iter().map(|(name, value)| (format!("form[{name}]"), value)).collect()
}

async fn post(portal: &TestPortal, path: &str, cookie: &str, fields: &[(String, &str)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    portal.form_post(path, &pairs, Some(cookie)).await
}

#[tokio::test]
async fn a_buyer_keeps_addresses_and_personal_data_current_and_nobody_else_can() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/meus-dados", Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Ana Paula Souza") && page.contains(ANA));
    assert!(page.contains("Nenhum endereço cadastrado."));

    let mut fields = address(&[("cep", "8001-000")]);
    fields.push(("id".into(), ""));
    let refused = post(&portal, "/api/endereco-salvar", &ana, &fields).await;
    let back = location(&refused);
    assert!(back.starts_with("/meus-dados/enderecos/novo?rascunho="), "{back}");
    let form = portal.get(&back, Some(&ana)).await.text().await.unwrap();
    assert!(
        form.contains("CEP inválido") && form.contains("value=\"Rua XV de Novembro\""),
        "typed values stay"
    );
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let other = portal.get(&back, Some(&company)).await.text().await.unwrap();
    assert!(!other.contains("Rua XV de Novembro"), "another buyer cannot read the draft");

    let mut fields = address(&[]);
    fields.push(("id".into(), ""));
    let saved = post(&portal, "/api/endereco-salvar", &ana, &fields).await;
    assert_eq!(location(&saved), "/meus-dados?salvo=endereco");
    let page = portal.get("/meus-dados", Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Rua XV de Novembro, 1000, ap. 12 · Centro · Curitiba/PR · 80010-000"));
    let address_id: String = page
        .split("/meus-dados/enderecos/")
        .filter_map(|rest| rest.split('"').next())
        .find(|id| id.parse::<i64>().is_ok())
        .unwrap()
        .to_string();

    // Another buyer can neither see, change nor remove it.
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let other = portal.get(&format!("/meus-dados/enderecos/{address_id}"), Some(&company)).await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    let mut fields = address(&[("street", "Rua Invadida")]);
    fields.push(("id".into(), &address_id));
    let changed = post(&portal, "/api/endereco-salvar", &company, &fields).await;
    assert_eq!(changed.status(), StatusCode::NOT_FOUND);
    let removed =
        portal.form_post("/api/endereco-remover", &[("id", address_id.as_str())], Some(&company)).await;
    assert_eq!(removed.status(), StatusCode::NOT_FOUND);
    assert!(portal.get("/meus-dados", Some(&ana)).await.text().await.unwrap().contains("Rua XV de Novembro"));

    let mut fields = address(&[("street", "Avenida Sete de Setembro")]);
    fields.push(("id".into(), &address_id));
    assert_eq!(
        location(&post(&portal, "/api/endereco-salvar", &ana, &fields).await),
        "/meus-dados?salvo=endereco"
    );
    let removed = portal.form_post("/api/endereco-remover", &[("id", address_id.as_str())], Some(&ana)).await;
    assert_eq!(location(&removed), "/meus-dados?salvo=removido");
    assert!(portal
        .get("/meus-dados", Some(&ana))
        .await
        .text()
        .await
        .unwrap()
        .contains("Nenhum endereço cadastrado."));

    let future = [
        ("form[birth_date]", "2999-01-01"),
        ("form[gender]", "f"),
        ("form[secondary_document]", "12.345.678-9"),
    ];
    let refused = portal.form_post("/api/meus-dados-salvar", &future, Some(&ana)).await;
    let page = portal.get(&location(&refused), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("anterior a hoje") && page.contains("value=\"12.345.678-9\""));
    let fine = [
        ("form[birth_date]", "1988-03-14"),
        ("form[gender]", "f"),
        ("form[secondary_document]", "12.345.678-9"),
    ];
    assert_eq!(
        location(&portal.form_post("/api/meus-dados-salvar", &fine, Some(&ana)).await),
        "/meus-dados?salvo=1"
    );
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    for action in ["address_added", "address_changed", "address_removed", "personal_data_changed"] {
        assert!(events.iter().any(|event| event.action == action), "audit {action}");
    }
}

#[tokio::test]
async fn partners_read_and_update_pessoa() {
    let portal = TestPortal::start().await;
    let token: Value = portal
        .client
        .post(portal.url("/api/v1/autenticacao"))
        .json(&json!({ "login": ANA, "senha": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["token"].as_str().unwrap();
    let person: Value = portal.api_json(token, "/api/v1/pessoa").await;
    assert_eq!(person["email"], ANA);
    assert_eq!(person["tipo"], "PF");

    let updated = portal
        .client
        .put(portal.url("/api/v1/pessoa"))
        .bearer_auth(token)
        .json(&json!({ "data_nascimento": "1988-03-14", "documento2": "12.345.678-9" }))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), StatusCode::OK);
    let updated: Value = updated.json().await.unwrap();
    assert_eq!(
        (updated["data_nascimento"].as_str(), updated["documento2"].as_str()),
        (Some("1988-03-14"), Some("12.345.678-9"))
    );

    let refused = portal
        .client
        .put(portal.url("/api/v1/pessoa"))
        .bearer_auth(token)
        .json(&json!({ "genero": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        portal.client.get(portal.url("/api/v1/pessoa")).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Seed 001: the caller's addresses and cards under their own id; anyone else's id is 404.
    let ana = portal.login(ANA, PASSWORD).await;
    save_an_address(&portal, &ana).await;
    let id = person["id"].as_i64().unwrap();
    let addresses: Value = portal.api_json(token, &format!("/api/v1/account/clients/{id}/addresses")).await;
    let listed = addresses["enderecos"].as_array().unwrap();
    assert!(listed.iter().any(|address| address["logradouro"] == "Rua XV de Novembro"), "{addresses}");
    let person: Value = portal.api_json(token, "/api/v1/pessoa").await;
    assert_eq!(addresses["enderecos"], person["enderecos"], "the same list as /pessoa");
    let cards: Value = portal.api_json(token, &format!("/api/v1/account/clients/{id}/cards")).await;
    assert_eq!(cards, json!({ "cartoes": [] }));
    for path in [
        format!("/api/v1/account/clients/{}/addresses", id + 1),
        format!("/api/v1/account/clients/{}/cards", id + 1),
        "/api/v1/account/clients/eu/addresses".to_string(),
    ] {
        let other = portal.client.get(portal.url(&path)).bearer_auth(token).send().await.unwrap();
        assert_eq!(other.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let anonymous =
        portal.client.get(portal.url(&format!("/api/v1/account/clients/{id}/cards"))).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_email_or_mobile_counts_only_after_its_code_comes_back() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let new_email = "ana.paula@exemplo.com.br";
    let asked = portal
        .form_post("/api/contato-trocar", &[("channel", "email"), ("value", new_email)], Some(&ana))
        .await;
    let to = location(&asked);
    assert!(to.starts_with("/meus-dados/contato/confirmar?troca="), "{to}");
    let change = query_value(&to, "troca");
    let code = code_sent_to(&portal, new_email).await;

    // Another buyer cannot use it, wrong codes count, and nothing changed yet.
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let stolen = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change.as_str()), ("code", code.as_str()), ("channel", "email")],
            Some(&company),
        )
        .await;
    assert!(location(&stolen).contains("erro=codigo"));
    let wrong = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change.as_str()), ("code", "000000"), ("channel", "email")],
            Some(&ana),
        )
        .await;
    assert!(location(&wrong).contains("erro=codigo"));
    portal.login(ANA, PASSWORD).await;

    let confirmed = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change.as_str()), ("code", code.as_str()), ("channel", "email")],
            Some(&ana),
        )
        .await;
    assert_eq!(location(&confirmed), "/meus-dados?salvo=contato");
    portal.login(new_email, PASSWORD).await;
    let old = portal
        .form_post("/api/entrar", &[("identifier", ANA), ("password", PASSWORD), ("next", "/")], None)
        .await;
    assert!(location(&old).contains("erro=credenciais"), "the old e-mail no longer signs in");
    let mail = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(mail
        .iter()
        .any(|m| m.destination == ANA && m.subject == "O e-mail do seu cadastro foi alterado"));

    // A mobile: the SMS goes to the new number, which becomes confirmed.
    let asked = portal
        .form_post("/api/contato-trocar", &[("channel", "sms"), ("value", "(41) 3333-4444")], Some(&ana))
        .await;
    assert!(portal
        .get(&location(&asked), Some(&ana))
        .await
        .text()
        .await
        .unwrap()
        .contains("Informe um celular"));
    let asked = portal
        .form_post("/api/contato-trocar", &[("channel", "sms"), ("value", "(41) 98888-7777")], Some(&ana))
        .await;
    let change = query_value(&location(&asked), "troca");
    let code = code_sent_to(&portal, "41988887777").await;
    for _ in 0..5 {
        portal
            .form_post(
                "/api/contato-confirmar",
                &[("change", change.as_str()), ("code", "111111"), ("channel", "sms")],
                Some(&ana),
            )
            .await;
    }
    let burnt = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change.as_str()), ("code", code.as_str()), ("channel", "sms")],
            Some(&ana),
        )
        .await;
    assert!(location(&burnt).contains("erro=codigo"), "5 wrong tries burn the code");
    let again = portal
        .form_post("/api/contato-trocar", &[("channel", "sms"), ("value", "41988887777")], Some(&ana))
        .await;
    let change = query_value(&location(&again), "troca");
    let code = code_sent_to(&portal, "41988887777").await;
    let done = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change.as_str()), ("code", code.as_str()), ("channel", "sms")],
            Some(&ana),
        )
        .await;
    assert_eq!(location(&done), "/meus-dados?salvo=contato");
    let page = portal.get("/meus-dados", Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("(41) 98888-7777") && page.contains("Confirmado"));
    let events = portal.portal.store.recent_audit_events(30).await.unwrap();
    assert!(
        events.iter().any(|e| e.action == "email_changed")
            && events.iter().any(|e| e.action == "phone_changed")
    );
}

const COMPANY_EMAIL: &str = "contato@mirante-participacoes.exemplo.com.br";

async fn ask_for_email(portal: &TestPortal, cookie: &str, email: &str) -> String {
    let asked = portal
        .form_post("/api/contato-trocar", &[("channel", "email"), ("value", email)], Some(cookie))
        .await;
    location(&asked)
}

async fn confirm_email(portal: &TestPortal, cookie: &str, change: &str, code: &str) -> String {
    let confirmed = portal
        .form_post(
            "/api/contato-confirmar",
            &[("change", change), ("code", code), ("channel", "email")],
            Some(cookie),
        )
        .await;
    assert!(confirmed.status().is_redirection(), "{}", confirmed.status());
    location(&confirmed)
}

#[tokio::test]
async fn asking_for_another_accounts_email_looks_the_same_as_asking_for_a_free_one() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    // (A new request replaces the pending one: the taken address goes last.)
    let free = ask_for_email(&portal, &ana, "ana.nova@exemplo.com.br").await;
    let taken = ask_for_email(&portal, &ana, COMPANY_EMAIL).await;
    let page_of = |to: &str| to.split('?').next().unwrap().to_string();
    assert_eq!(page_of(&taken), "/meus-dados/contato/confirmar", "{taken}");
    assert_eq!(page_of(&taken), page_of(&free));
    let taken_page = portal.get(&taken, Some(&ana)).await.text().await.unwrap();
    assert!(!taken_page.contains("outro cadastro"), "the page does not tell either");

    // Only whoever reads that mailbox learns it is taken, and its owner is told.
    let code = code_sent_to(&portal, COMPANY_EMAIL).await;
    let refused = confirm_email(&portal, &ana, &query_value(&taken, "troca"), &code).await;
    assert_eq!(refused, "/meus-dados/contato?canal=email&erro=contato-indisponivel");
    let page = portal.get(&refused, Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Não foi possível usar este e-mail no seu cadastro"), "{page}");
    let mail = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(mail.iter().any(
        |m| m.destination == COMPANY_EMAIL && m.subject == "Tentaram usar o seu e-mail em outro cadastro"
    ));
    portal.login(ANA, PASSWORD).await;
    portal.login(COMPANY_EMAIL, PASSWORD).await;
    let again = confirm_email(&portal, &ana, &query_value(&taken, "troca"), &code).await;
    assert!(again.contains("erro=codigo"), "the refused change is used up: {again}");
}

#[tokio::test]
async fn an_address_taken_while_its_code_was_on_the_way_is_refused_with_a_sentence() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let wanted = "compartilhado@exemplo.com.br";
    let ana_change = query_value(&ask_for_email(&portal, &ana, wanted).await, "troca");
    let ana_code = code_sent_to(&portal, wanted).await;
    let company_change = query_value(&ask_for_email(&portal, &company, wanted).await, "troca");
    let company_code = code_sent_to(&portal, wanted).await;

    assert_eq!(
        confirm_email(&portal, &company, &company_change, &company_code).await,
        "/meus-dados?salvo=contato"
    );
    let refused = confirm_email(&portal, &ana, &ana_change, &ana_code).await;
    assert!(refused.ends_with("erro=contato-indisponivel"), "{refused}");
    portal.login(ANA, PASSWORD).await;
    portal.login(wanted, PASSWORD).await;
}

#[tokio::test]
async fn one_account_may_start_five_contact_changes_an_hour() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    for attempt in 0..5 {
        let to = ask_for_email(&portal, &ana, &format!("ana{attempt}@exemplo.com.br")).await;
        assert!(to.starts_with("/meus-dados/contato/confirmar?"), "{attempt}: {to}");
    }
    let limited = ask_for_email(&portal, &ana, COMPANY_EMAIL).await;
    let page = portal.get(&limited, Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Muitos pedidos de código"), "{page}");
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let other = ask_for_email(&portal, &company, "mirante.nova@exemplo.com.br").await;
    assert!(other.starts_with("/meus-dados/contato/confirmar?"), "another account has its own limit");
}
