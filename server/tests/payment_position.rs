//! The payment position of each contract (paid, balance, counts, overdue, next due) is summed in
//! SQL; it must agree with the installments listed one by one, for every demo buyer.

mod common;

use common::*;
use serde_json::Value;

/// Every item of a paginated API list.
async fn all_items(portal: &TestPortal, token: &str, path: &str, key: &str) -> Vec<Value> {
    let mut items = Vec::new();
    for page in 1.. {
        let answer = portal.api_json(token, &format!("{path}?por_pagina=100&pagina={page}")).await;
        let batch = answer[key].as_array().unwrap_or_else(|| panic!("{answer}")).clone();
        let total = answer["total"].as_u64().unwrap() as usize;
        items.extend(batch);
        if items.len() >= total {
            break;
        }
    }
    items
}

fn cents(value: &Value) -> i64 {
    value.as_i64().unwrap_or_else(|| panic!("not a number of centavos: {value}"))
}

/// `dd/mm/aaaa` from `aaaa-mm-dd`.
fn display(iso: &str) -> String {
    let mut parts = iso.split('-');
    let (year, month, day) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    format!("{day}/{month}/{year}")
}

#[tokio::test]
async fn each_contracts_position_agrees_with_its_installments() {
    let portal = TestPortal::start().await;
    let mut contracts_seen = 0;
    for buyer in [ANA, CARLOS_CPF, COMPANY_CNPJ] {
        let token = portal.api_token(buyer).await;
        let contracts = all_items(&portal, &token, "/api/v1/contrato", "contratos").await;
        let boletos = all_items(&portal, &token, "/api/v1/boleto", "boletos").await;
        assert!(!contracts.is_empty(), "{buyer} has contracts in the demo");
        for contract in &contracts {
            let id = contract["id"].as_i64().unwrap();
            let mut mine: Vec<&Value> = boletos.iter().filter(|b| b["contrato_id"] == id).collect();
            mine.sort_by_key(|b| (b["vencimento"].as_str().unwrap().to_string(), b["parcela"].as_i64()));
            let with = |status: &str| mine.iter().filter(|b| b["situacao"] == status).count() as i64;
            let position = &contract["position"];
            let paid: i64 = mine.iter().filter_map(|b| b["valor_pago_centavos"].as_i64()).sum();
            assert_eq!(cents(&position["paid"]), paid, "{buyer} {id}: paid");
            assert_eq!(cents(&position["balance"]), cents(&position["total"]) - paid, "{buyer} {id}");
            assert_eq!(position["installments_paid"], with("pagas"), "{buyer} {id}: paid count");
            assert_eq!(
                position["installments_open"],
                with("em-aberto") + with("vencidas"),
                "{buyer} {id}: open count (overdue ones are open too)"
            );
            assert_eq!(position["installments_overdue"], with("vencidas"), "{buyer} {id}");
            let overdue: i64 = mine
                .iter()
                .filter(|b| b["situacao"] == "vencidas")
                .map(|b| cents(&b["valor_centavos"]))
                .sum();
            assert_eq!(cents(&position["overdue_amount"]), overdue, "{buyer} {id}: overdue amount");
            let next_boleto = mine.iter().find(|b| b["situacao"] == "em-aberto");
            assert_eq!(
                position["next_due_installment"],
                next_boleto.map_or(Value::Null, |b| b["id"].clone()),
                "{buyer} {id}: the next due's boleto"
            );
            let next = next_boleto.map(|b| {
                Value::from(vec![
                    Value::from(display(b["vencimento"].as_str().unwrap())),
                    b["valor_centavos"].clone(),
                ])
            });
            assert_eq!(position["next_due"], next.unwrap_or(Value::Null), "{buyer} {id}: next due");
            assert_eq!(
                position["next_due_iso"],
                next_boleto.map_or(Value::Null, |b| b["vencimento"].clone()),
                "{buyer} {id}: the next due date, sortable"
            );
            contracts_seen += 1;
        }
    }
    assert!(contracts_seen >= 3);
}

#[tokio::test]
async fn meu_imovel_opens_on_what_is_owed_with_the_next_boleto() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let boletos = all_items(&portal, &token, "/api/v1/boleto", "boletos").await;
    let overdue: Vec<&Value> = boletos.iter().filter(|b| b["situacao"] == "vencidas").collect();
    let overdue_cents: i64 = overdue.iter().map(|b| cents(&b["valor_centavos"])).sum();
    let mut open: Vec<&Value> = boletos.iter().filter(|b| b["situacao"] == "em-aberto").collect();
    open.sort_by_key(|b| (b["vencimento"].as_str().unwrap().to_string(), b["parcela"].as_i64()));
    let next = open.first().expect("Ana has an installment to come");

    let cookie = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle} in {page}"));
    let overdue_count = format!("{} parcelas vencidas: ", overdue.len());
    let overdue_amount = format!("class=\"amount\">{}<", portal::br::Centavos(overdue_cents));
    assert!(at(&overdue_count) < at(&overdue_amount));
    assert!(at(&overdue_amount) < at("Fotos da obra"), "the money comes before the works");
    let next_link = format!("href=\"/financeiro/boletos/{}\"", next["id"]);
    assert!(at("href=\"/financeiro?situacao=vencidas\"") < at(&next_link));
    assert!(page.contains(&display(next["vencimento"].as_str().unwrap())));
}

#[tokio::test]
async fn with_two_contracts_the_money_card_links_the_earliest_next_due_of_either() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(COMPANY_CNPJ).await;
    let boletos = all_items(&portal, &token, "/api/v1/boleto", "boletos").await;
    let earliest = boletos
        .iter()
        .filter(|b| b["situacao"] == "em-aberto")
        .min_by_key(|b| (b["vencimento"].as_str().unwrap().to_string(), b["parcela"].as_i64()))
        .expect("the company has an installment to come");
    let cookie = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let page = portal.get("/meu-imovel", Some(&cookie)).await.text().await.unwrap();
    let first_boleto = page
        .split("href=\"/financeiro/boletos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the money card links a boleto");
    assert_eq!(first_boleto, earliest["id"].to_string());
    assert!(page.contains(&display(earliest["vencimento"].as_str().unwrap())));
}
