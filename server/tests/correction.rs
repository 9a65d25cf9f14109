//! Correction indices: monthly values typed or imported (checked, audited), a contract's index
//! and base month, open installments corrected (boleto, page and API), frozen once paid or at
//! the bank, and the extrato splitting principal and correção.

mod common;

use common::billing::remessa;
use common::*;
use portal::finance::correction::{IndexCode, Month};
use portal::finance::correction_model::{CorrectionForm, IndexValueForm};
use portal::records::{ContractFilter, PlanForm};
use portal::staff::{CurrentStaff, StaffError, StaffRole};
use portal::time_br::today_in_sao_paulo;
use reqwest::multipart::{Form, Part};

fn this_month(portal: &TestPortal) -> Month {
    Month::of_date(today_in_sao_paulo(portal::clock::Clock::now(&portal.clock)))
}

async fn contract_id(portal: &TestPortal, admin: &CurrentStaff, number: &str) -> i64 {
    let filter = ContractFilter { search: number.into(), ..ContractFilter::default() };
    portal.portal.staff_contracts(admin, &filter).await.unwrap().rows[0].id
}

async fn save(portal: &TestPortal, staff: &CurrentStaff, index: IndexCode, month: Month, value: &str) {
    let form = IndexValueForm { index: index.code().into(), month: month.to_string(), value: value.into() };
    portal.portal.save_index_value(staff, &form).await.unwrap();
}

fn correction(index: &str, base: Month) -> CorrectionForm {
    CorrectionForm { index: index.into(), base_month: base.iso(), ..CorrectionForm::default() }
}

/// Each listed boleto of a contract: (due month, situação, valor, original, correção).
async fn boletos(portal: &TestPortal, token: &str, contract: i64) -> Vec<(Month, String, i64, i64, i64)> {
    let answer = portal.api_json(token, &format!("/api/v1/boleto?contrato={contract}&por_pagina=100")).await;
    answer["boletos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|boleto| {
            let due = boleto["vencimento"].as_str().unwrap();
            (
                Month::parse(&due[..7]).unwrap(),
                boleto["situacao"].as_str().unwrap().to_string(),
                boleto["valor_centavos"].as_i64().unwrap(),
                boleto["valor_original_centavos"].as_i64().unwrap(),
                boleto["correcao_centavos"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// `original` × `numerator` ÷ `denominator`, half up.
fn scaled(original: i64, numerator: i64, denominator: i64) -> i64 {
    (2 * original * numerator + denominator) / (2 * denominator)
}

#[tokio::test]
async fn open_installments_are_corrected_by_the_index_two_months_back_and_freeze_at_the_bank() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let contract = contract_id(&portal, &admin, "HZ-2024-0117").await;
    let now = this_month(&portal);
    let base = now.plus(-3);
    // INCC-M: 1.000 at the base, +1 % and +2 % in the two months after (the latest published).
    save(&portal, &admin, IndexCode::InccM, base, "1.000,00").await;
    save(&portal, &admin, IndexCode::InccM, base.plus(1), "1.010,00").await;
    save(&portal, &admin, IndexCode::InccM, base.plus(2), "1.020,00").await;
    portal.portal.save_contract_correction(&admin, contract, &correction("incc_m", base)).await.unwrap();

    let token = portal.api_token(ANA).await;
    let listed = boletos(&portal, &token, contract).await;
    let factor = |due: Month| match due.plus(-2) {
        month if month <= base => 1000,
        month if month == base.plus(1) => 1010,
        _ => 1020,
    };
    let mut corrected = 0;
    for (due, status, amount, original, correction) in &listed {
        let expected = if status == "pagas" { *original } else { scaled(*original, factor(*due), 1000) };
        assert_eq!(*amount, expected, "{due} {status}");
        assert_eq!(amount - original, *correction);
        corrected += i64::from(*correction > 0);
    }
    assert!(corrected > 10, "the future installments carry the latest index: {corrected}");

    // The buyer's boleto is issued on the updated value.
    let (due, _, amount, original, _) = *listed.iter().find(|line| line.0 == now.plus(1)).unwrap();
    assert_eq!(amount, scaled(original, 1020, 1000));
    let ana = portal.login(ANA, PASSWORD).await;
    let list = portal.get(&format!("/financeiro?contrato={contract}&ano={}", due.year()), Some(&ana)).await;
    let page = list.text().await.unwrap();
    assert!(page.contains("+ correção"), "the list shows the correction");
    let answer = portal.api_json(&token, &format!("/api/v1/boleto?contrato={contract}&por_pagina=100")).await;
    let id = answer["boletos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|boleto| boleto["valor_centavos"].as_i64() == Some(amount) && boleto["situacao"] == "em-aberto")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let boleto = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    assert!(boleto.contains("Valor original") && boleto.contains("Valor atualizado"));
    let line = code_field(&boleto, "linha-digitavel").unwrap();
    let barcode = portal::br::boleto::barcode_from_digitable_line(&line).unwrap();
    assert_eq!(barcode[9..19].parse::<i64>().unwrap(), amount, "the barcode carries the updated value");

    // The remessa registers them corrected; at the bank they no longer change.
    let (_, text) = remessa(&portal, &admin).await;
    assert!(text.contains(&format!("{amount:015}")), "the remessa carries the updated value");
    save(&portal, &admin, IndexCode::InccM, base.plus(2), "1.030,00").await;
    let after = boletos(&portal, &token, contract).await;
    let sent = after.iter().find(|line| line.0 == now.plus(1)).unwrap();
    assert_eq!(sent.2, amount, "a boleto at the bank keeps its value");
    // A new installment, after the remessa, takes the new value; so does one whose value changes.
    let far = today_in_sao_paulo(portal::clock::Clock::now(&portal.clock)) + time::Duration::days(500);
    let plan = PlanForm {
        kind: "intermediaria".into(),
        first_due: portal::time_br::iso_date(far),
        count: "1".into(),
        amount: "10.000,00".into(),
        ..PlanForm::default()
    };
    portal.portal.add_plan(&admin, contract, &plan).await.unwrap();
    let after = boletos(&portal, &token, contract).await;
    let added = after.iter().find(|line| line.3 == 1_000_000).unwrap();
    assert_eq!(added.2, 1_030_000, "10.000,00 × 1,03");

    // Without correction, what is not at the bank goes back to its original value.
    portal.portal.save_contract_correction(&admin, contract, &CorrectionForm::default()).await.unwrap();
    let after = boletos(&portal, &token, contract).await;
    assert_eq!(after.iter().find(|line| line.3 == 1_000_000).unwrap().2, 1_000_000);
    assert_eq!(after.iter().find(|line| line.0 == now.plus(1)).unwrap().2, amount);
    let trail = portal.portal.store.audit_events_about(&format!("contract:{contract}"), 20).await.unwrap();
    let changes: Vec<&str> = trail
        .iter()
        .filter(|event| event.action == "contract_correction_set")
        .map(|event| event.detail.as_str())
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes[0].ends_with("→ Sem correção"), "{changes:?}");
}

#[tokio::test]
async fn typed_values_are_checked_and_each_change_is_audited() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let now = this_month(&portal);
    let refused = |form: IndexValueForm| {
        let portal = &portal;
        let admin = admin.clone();
        async move {
            match portal.portal.save_index_value(&admin, &form).await {
                Err(StaffError::Fields(errors)) => errors.into_keys().collect::<Vec<_>>(),
                other => panic!("{form:?}: {other:?}"),
            }
        }
    };
    let form = |index: &str, month: &str, value: &str| IndexValueForm {
        index: index.into(),
        month: month.into(),
        value: value.into(),
    };
    assert_eq!(refused(form("selic", &now.iso(), "1,0")).await, ["index"]);
    assert_eq!(refused(form("ipca", &now.plus(1).iso(), "1,0")).await, ["month"], "a future month");
    assert_eq!(refused(form("ipca", "1990-01", "1,0")).await, ["month"], "before the Real");
    assert_eq!(refused(form("ipca", &now.iso(), "0,00")).await, ["value"]);
    assert_eq!(refused(form("ipca", &now.iso(), "1,2,3")).await, ["value"]);
    // The demo's IPCA of last month is about 7.000: its monthly variation typed instead is a typo.
    let typo = form("ipca", &now.iso(), "0,44");
    match portal.portal.save_index_value(&admin, &typo).await {
        Err(StaffError::Fields(errors)) => assert!(errors["value"].contains("não a variação"), "{errors:?}"),
        other => panic!("{other:?}"),
    }

    // Twenty identical saves at once: one value, one audit event.
    let page = portal.portal.correction_indices(&admin).await.unwrap();
    let last = &page.series.iter().find(|series| series.code == "ipca").unwrap().rows[0];
    let value = portal::finance::correction::parse_index_value(&last.value).unwrap() * 1003 / 1000;
    let typed = portal::finance::correction::index_value_text(value);
    let mut saves = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let form = form("ipca", &now.iso(), &typed);
        let (portal, admin) = (portal.portal.clone(), admin.clone());
        saves.spawn(async move { portal.save_index_value(&admin, &form).await });
    }
    for result in saves.join_all().await {
        result.unwrap();
    }
    let trail = portal.portal.store.audit_events_about("index:ipca", 50).await.unwrap();
    let saved: Vec<&str> = trail.iter().map(|event| event.detail.as_str()).collect();
    assert_eq!(saved, [format!("IPCA {now}: {typed}")], "one change");
    save(&portal, &admin, IndexCode::Ipca, now, &typed).await;
    save(&portal, &admin, IndexCode::Ipca, now, "7.500,00").await;
    let trail = portal.portal.store.audit_events_about("index:ipca", 50).await.unwrap();
    assert_eq!(trail.len(), 2, "the same value again changes nothing");
    assert_eq!(trail[0].detail, format!("IPCA {now}: {typed} → 7.500,00"));
}

#[tokio::test]
async fn a_csv_is_imported_whole_or_refused_with_its_lines() {
    let portal = TestPortal::start().await;
    let cookie = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let first = Month::new(2001, 1).unwrap();
    let upload = |index: &'static str, text: String| {
        let (portal, cookie) = (&portal, cookie.clone());
        async move {
            let form = Form::new()
                .text("index", index)
                .part("csv", Part::bytes(text.into_bytes()).file_name("indice.csv"));
            let response = portal
                .client
                .post(portal.url("/equipe/financeiro/indices/importar"))
                .header("origin", &portal.base)
                .header("cookie", cookie)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_redirection(), "{}", response.status());
            location(&response)
        }
    };
    let bad = format!(
        "mes;valor\n{};1.000,00\n13/2001;1.001,00\n{};abc\n{};1.002\n{};1.500,00\n",
        first,
        first.plus(1),
        first.plus(2),
        first.plus(3)
    );
    let refused = upload("igp_m", bad).await;
    assert!(refused.contains("rascunho="), "{refused}");
    let page = portal.get(&refused, Some(&cookie)).await.text().await.unwrap();
    for problem in ["linha 3", "linha 4", "linha 6", "Nada foi importado"] {
        assert!(page.contains(problem), "{problem}");
    }
    assert!(!page.contains("linha 2:") && !page.contains("linha 5:"), "the good lines are not blamed");
    assert!(portal.portal.store.audit_events_about("index:igp_m", 5).await.unwrap().is_empty());

    // A BOM, a header, both month spellings, blank lines.
    let good = format!(
        "\u{feff}Mês;Número-índice\r\n{first};1.000,00\r\n\r\n{};1.004,5\r\n{}-{:02};1.009,123\r\n",
        first.plus(1),
        2001,
        3
    );
    let imported = upload("igp_m", good.clone()).await;
    assert!(imported.contains("importados=3"), "{imported}");
    assert!(upload("igp_m", good).await.contains("importados=0"), "the same file again changes nothing");
    let trail = portal.portal.store.audit_events_about("index:igp_m", 10).await.unwrap();
    assert_eq!(trail.len(), 3, "one event a value");
    let empty = upload("igp_m", "mes;valor\n".into()).await;
    assert!(empty.contains("rascunho="), "{empty}");
}

#[tokio::test]
async fn only_financeiro_changes_indices_and_scoped_staff_only_their_contracts() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let contract = contract_id(&portal, &admin, "HZ-2024-0117").await;
    let base = this_month(&portal).plus(-12);
    let atendimento =
        portal.new_staff("atendimento@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let atendimento = portal.portal.staff_member(atendimento).await.unwrap();
    assert!(portal.portal.correction_indices(&atendimento).await.is_ok(), "atendimento views");
    let form = IndexValueForm { index: "ipca".into(), month: base.iso(), value: "7.000,00".into() };
    assert!(matches!(portal.portal.save_index_value(&atendimento, &form).await, Err(StaffError::Forbidden)));
    assert!(matches!(
        portal.portal.save_contract_correction(&atendimento, contract, &correction("ipca", base)).await,
        Err(StaffError::Forbidden)
    ));

    // A financeiro of another empreendimento: the indices are everyone's, the contract not theirs.
    let elsewhere =
        portal.new_staff("fin.mirante@horizonte.exemplo.com.br", StaffRole::Financeiro, &[2]).await;
    let elsewhere = portal.portal.staff_member(elsewhere).await.unwrap();
    assert!(matches!(portal.portal.save_index_value(&elsewhere, &form).await, Err(StaffError::Forbidden)));
    let outcome =
        portal.portal.save_contract_correction(&elsewhere, contract, &correction("ipca", base)).await;
    assert!(matches!(outcome, Err(StaffError::NotFound)), "{outcome:?}");

    let financeiro = portal.new_staff("fin@horizonte.exemplo.com.br", StaffRole::Financeiro, &[]).await;
    let financeiro = portal.portal.staff_member(financeiro).await.unwrap();
    portal.portal.save_contract_correction(&financeiro, contract, &correction("ipca", base)).await.unwrap();
    let detail = portal.portal.staff_contract(&financeiro, contract).await.unwrap();
    assert_eq!(detail.correction.summary, format!("IPCA sobre o índice de {base}"));
    assert!(detail.correction.warning.is_some(), "the base month has no IPCA yet");

    let refused = CorrectionForm {
        after_index: "ipca".into(),
        switch_month: base.plus(2).iso(),
        ..correction("ipca", base)
    };
    match portal.portal.save_contract_correction(&financeiro, contract, &refused).await {
        Err(StaffError::Fields(errors)) => {
            assert_eq!(
                errors.keys().collect::<Vec<_>>(),
                ["correction_after_index", "correction_switch_month"]
            )
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_extrato_splits_what_was_paid_into_principal_and_correction() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    // The demo corrects HZ-2025-0088 by INCC-M, its payments too.
    let contract = contract_id(&portal, &admin, "HZ-2025-0088").await;
    let buyer = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let page = portal.get(&format!("/financeiro/extrato?contrato={contract}"), Some(&buyer)).await;
    let page = page.text().await.unwrap();
    assert!(page.contains("Principal") && page.contains("correção monetária"), "the split on the page");
    let pdf =
        portal.get(&format!("/financeiro/extrato/{contract}/pdf"), Some(&buyer)).await.bytes().await.unwrap();
    assert!(pdf_contains(&pdf, "Correção monetária"), "and in the PDF");
    let detail = portal.portal.staff_contract(&admin, contract).await.unwrap();
    assert!(
        detail.correction.summary.starts_with("INCC-M sobre o índice de"),
        "{}",
        detail.correction.summary
    );
    assert!(detail.installments.iter().any(|line| line.correction.is_some()));
}
