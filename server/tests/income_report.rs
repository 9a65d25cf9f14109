//! The informe de pagamentos for the income tax: each co-buyer declares their part, with the
//! totals paid up to 31/12 of the year before and of the year, checked against the installments
//! the API lists one by one.

mod common;

use common::*;
use portal::br::Centavos;
use reqwest::StatusCode;
use serde_json::Value;

/// `aaaa-mm-dd` from the API's `dd/mm/aaaa` (or as it is when already ISO).
fn iso(day: &str) -> String {
    match day.split('/').collect::<Vec<_>>()[..] {
        [d, m, y] => format!("{y}-{m}-{d}"),
        _ => day.to_string(),
    }
}

async fn paid_of_contract(portal: &TestPortal, login: &str, contract: &str) -> Vec<(String, i64)> {
    let token = portal.api_token(login).await;
    let mut paid = Vec::new();
    for page in 1.. {
        let answer = portal
            .api_json(&token, &format!("/api/v1/boleto?situacao=pagas&por_pagina=100&pagina={page}"))
            .await;
        let batch = answer["boletos"].as_array().unwrap().clone();
        let total = answer["total"].as_u64().unwrap() as usize;
        paid.extend(batch.iter().filter(|b| b["contrato"] == contract).map(|b: &Value| {
            (iso(b["pago_em"].as_str().unwrap()), b["valor_pago_centavos"].as_i64().unwrap())
        }));
        if (page * 100) as usize >= total {
            break;
        }
    }
    paid
}

/// The reader's informe PDF for `year`.
async fn informe(portal: &TestPortal, year: i32, cookie: &str) -> Vec<u8> {
    let response = portal.get(&format!("/financeiro/informe-de-rendimentos/{year}"), Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn each_co_buyer_declares_a_third_with_the_totals_to_31_12() {
    let portal = TestPortal::start().await;
    let payments = paid_of_contract(&portal, ANA, "HZ-2024-0117").await;
    assert!(!payments.is_empty(), "Ana and Carlos have paid installments in the demo");
    let year: i32 = payments.iter().map(|(day, _)| day[..4].parse().unwrap()).max().unwrap();
    let sum = |keep: &dyn Fn(&str) -> bool| -> i64 {
        payments.iter().filter(|(day, _)| keep(day)).map(|(_, cents)| cents).sum()
    };
    let start = format!("{year}-01-01");
    let in_year = sum(&|day| day >= start.as_str() && day <= format!("{year}-12-31").as_str());
    let before = sum(&|day| day < start.as_str());
    let until = before + in_year;
    // Three buyers in equal parts (Ana the titular, then Beatriz and Carlos): the first ones
    // take the centavos the division leaves, so that the parts add up to the whole.
    let part_of = |whole: i64, index: i64| Centavos(whole / 3 + i64::from(index < whole % 3));
    assert!(before > 0 && in_year > 0, "the worked example needs payments in both years");

    for (login, index) in [(ANA, 0), (CARLOS_CPF, 2)] {
        let cookie = portal.login(login, PASSWORD).await;
        let response = portal.get(&format!("/financeiro/informe-de-rendimentos/{year}"), Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(disposition.contains(&format!("informe-de-pagamentos-ir-{year}.pdf")), "{disposition}");
        let pdf = response.bytes().await.unwrap();
        let part = |whole: i64| part_of(whole, index);
        let lines = [
            "Informe de pagamentos para o Imposto de Renda".to_string(),
            format!("Ano-calendário {year} · emitido em "),
            "Vendedor: Construtora Horizonte Ltda · CNPJ 12.345.678/0001-95".to_string(),
            "Compradores: Ana Paula Souza (titular, 33,33 %)".to_string(),
            "Carlos Eduardo Souza (cocomprador(a), 33,33 %)".to_string(),
            format!(
                "Pago em {year}: {} no contrato · sua parte (33,33 %): {}",
                Centavos(in_year),
                part(in_year)
            ),
            format!("Total pago até 31/12/{}: {} no contrato", year - 1, Centavos(before)),
            format!(
                "Total pago até 31/12/{year}: {} no contrato · sua parte (33,33 %): {}",
                Centavos(until),
                part(until)
            ),
            format!(
                "Em Bens e Direitos: situação em 31/12/{} {} · em 31/12/{year} {}",
                year - 1,
                part(before),
                part(until)
            ),
        ];
        for line in lines {
            assert!(pdf_contains(&pdf, &line), "{login}'s informe lacks {line:?}");
        }
        assert!(!pdf_contains(&pdf, "Fonte pagadora"), "the construtora sells; it pays nothing");
    }
}

#[tokio::test]
async fn a_buyer_with_two_contracts_gets_each_once_with_its_seller_and_property() {
    let portal = TestPortal::start().await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let year = portal.get("/financeiro/extrato", Some(&company)).await.text().await.unwrap();
    let newest: i32 = year
        .split("/financeiro/informe-de-rendimentos/")
        .skip(1)
        .filter_map(|rest| rest.get(..4)?.parse().ok())
        .max()
        .expect("a year with payments");
    let pdf = informe(&portal, newest, &company).await;
    let text = String::from_utf8_lossy(&pdf).to_string();
    for contract in ["HZ-2021-0042", "HZ-2025-0088"] {
        let needle = format!("Contrato {contract}, assinado em ");
        let hex: String = needle.chars().map(|c| format!("{:02X}", c as u32)).collect();
        assert_eq!(text.matches(&needle).count() + text.matches(&hex).count(), 1, "{contract} once");
    }
    assert!(pdf_contains(&pdf, "Comprador: Mirante Participações Ltda · CNPJ 12.ABC.345/01DE-35"));
    assert!(pdf_contains(&pdf, "Compradores: Mirante Participações Ltda (titular, 100 %)"));
}

#[tokio::test]
async fn parts_set_for_a_contract_are_what_each_buyer_declares() {
    let portal = TestPortal::start().await;
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let contract = portal.contract_ids(&carlos).await[0];
    let parties = portal.portal.contract_shares(contract).await.unwrap();
    let id_of = |name: &str| parties.iter().find(|party| party.name == name).unwrap().person_id;
    let (ana, beatriz, carlos_id) =
        (id_of("Ana Paula Souza"), id_of("Beatriz Souza Lima"), id_of("Carlos Eduardo Souza"));
    let actor = portal::audit::Actor::System;

    // Refused: parts that do not add up, a party left out or given twice, a stranger, zero.
    for (shares, reason) in [
        (vec![(ana, 5_000), (beatriz, 2_500), (carlos_id, 2_000)], "somam 95 %"),
        (vec![(ana, 5_000), (carlos_id, 5_000)], "cada comprador"),
        (vec![(ana, 5_000), (carlos_id, 2_500), (carlos_id, 2_500)], "cada comprador"),
        (vec![(ana, 5_000), (beatriz, 2_500), (999_999, 2_500)], "cada comprador"),
        (vec![(ana, 10_000), (beatriz, 0), (carlos_id, 0)], "0,01 %"),
    ] {
        let error = portal.portal.set_party_shares(contract, Some(&shares), actor).await.unwrap_err();
        assert!(error.to_string().contains(reason), "{shares:?}: {error}");
    }
    assert!(portal.portal.set_party_shares(999_999, None, actor).await.is_err(), "no such contract");
    assert!(portal
        .portal
        .contract_shares(contract)
        .await
        .unwrap()
        .iter()
        .all(|party| party.share_basis_points.is_none()));

    portal
        .portal
        .set_party_shares(contract, Some(&[(ana, 6_000), (beatriz, 1_500), (carlos_id, 2_500)]), actor)
        .await
        .unwrap();
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let text = pdf_text(&informe(&portal, year, &carlos).await);
    assert!(text.contains("Ana Paula Souza (titular, 60 %)"), "{text}");
    assert!(text.contains("Carlos Eduardo Souza (cocomprador(a), 25 %)"), "{text}");
    assert!(text.contains("sua parte (25 %)"), "{text}");
    let page =
        portal.get(&format!("/meu-imovel/contratos/{contract}"), Some(&carlos)).await.text().await.unwrap();
    assert!(page.replace("<!>", "").contains(" · parte de 60 %"), "the contract page shows the parts too");
    let events = portal.portal.store.recent_audit_events(5).await.unwrap();
    assert!(events.iter().any(|event| event.action == "contract_shares_set"), "audited");

    // Back to equal parts.
    portal.portal.set_party_shares(contract, None, actor).await.unwrap();
    assert!(pdf_text(&informe(&portal, year, &carlos).await).contains("sua parte (33,33 %)"));
}
