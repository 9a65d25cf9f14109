//! Antecipação: the company turns it on; a buyer ticks future installments, sees each one's
//! discount, gets one boleto and PIX (twenty requests at once make one); the remessa registers
//! it, the bank's payment pays every installment it holds; unpaid, it expires and gives way.

mod common;

use common::billing::{billing_form, event, nossos_numeros};
use common::*;
use portal::br::cnab240::{simulate_bank_return, Occurrence};
use portal::br::Centavos;
use portal::finance::billing::BillingForm;
use portal::finance::early_payment::{months_ahead, present_value, EarlyPaymentRefusal, EARLY_PAYMENT_DAYS};
use portal::records::rules::parse_form_date;
use portal::time_br::{iso_date, today_in_sao_paulo};

fn today(portal: &TestPortal) -> time::Date {
    today_in_sao_paulo(portal::clock::Clock::now(&portal.clock))
}

/// Company 1 in produção with antecipação at 1 % a month.
async fn offer_early_payment(portal: &TestPortal) {
    let admin = portal.portal.staff_member(1).await.unwrap();
    let form = BillingForm {
        monthly_discount: "1".into(),
        early_payment: Some("on".into()),
        ..billing_form("producao")
    };
    portal.portal.save_company_billing(&admin, 1, &form).await.unwrap();
}

async fn person_of(portal: &TestPortal, login: &str) -> (i64, String) {
    let cookie = portal.login(login, PASSWORD).await;
    let person = portal.portal.authenticate(cookie.split_once('=').unwrap().1).await.unwrap().person_id;
    (person, cookie)
}

async fn anas_contract(portal: &TestPortal) -> (i64, i64) {
    let (person, cookie) = person_of(portal, ANA).await;
    (person, portal.contract_ids(&cookie).await[0])
}

#[tokio::test]
async fn the_discount_follows_the_companys_rate_and_twenty_requests_make_one_boleto() {
    let portal = TestPortal::start().await;
    let (ana, contract) = anas_contract(&portal).await;
    // Off until the company turns it on.
    let offer = portal.portal.my_early_payment_offer(ana, Some(contract), &[]).await.unwrap();
    assert!(offer.unavailable.is_some() && offer.lines.is_empty());
    assert_eq!(
        portal.portal.create_my_early_payment(ana, contract, &[1]).await.unwrap(),
        Err(EarlyPaymentRefusal::Unavailable)
    );

    offer_early_payment(&portal).await;
    let offer = portal.portal.my_early_payment_offer(ana, Some(contract), &[]).await.unwrap();
    assert_eq!(offer.rate, "1 % ao mês");
    let pay_on = today(&portal) + time::Duration::days(EARLY_PAYMENT_DAYS);
    assert!(offer.lines.len() > 10, "the future installments");
    // Each line: its present value at 1 % a month for every whole month ahead.
    for line in &offer.lines {
        let due = parse_form_date(&line.due_on).unwrap();
        assert!(due > pay_on, "only installments due after the boleto");
        assert_eq!(line.months, months_ahead(pay_on, due));
        assert_eq!(line.to_pay, present_value(line.amount, line.months, 100));
        assert_eq!(line.amount - line.discount, line.to_pay);
    }
    let chosen: Vec<i64> = offer.lines.iter().rev().take(2).map(|line| line.installment_id).collect();
    let priced = portal.portal.my_early_payment_offer(ana, Some(contract), &chosen).await.unwrap();
    let expected: i64 = priced.lines.iter().filter(|line| line.selected).map(|line| line.to_pay.0).sum();
    assert_eq!((priced.totals.count, priced.totals.to_pay), (2, Centavos(expected)));
    assert!(priced.totals.discount.0 > 0);

    // Refusals: nothing ticked, an installment of another contract.
    assert_eq!(
        portal.portal.create_my_early_payment(ana, contract, &[]).await.unwrap(),
        Err(EarlyPaymentRefusal::NoneChosen)
    );
    let unknown = offer.lines[0].installment_id + 100_000;
    assert_eq!(
        portal.portal.create_my_early_payment(ana, contract, &[unknown]).await.unwrap(),
        Err(EarlyPaymentRefusal::Changed)
    );

    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (shared, chosen) = (portal.portal.clone(), chosen.clone());
        attempts.spawn(async move { shared.create_my_early_payment(ana, contract, &chosen).await.unwrap() });
    }
    let results = attempts.join_all().await;
    let made: Vec<i64> = results.iter().filter_map(|result| result.ok()).collect();
    assert_eq!(made.len(), 1, "{results:?}");
    assert!(results.iter().all(|result| matches!(
        result,
        Ok(_) | Err(EarlyPaymentRefusal::Taken | EarlyPaymentRefusal::Changed)
    )));

    let detail = portal.portal.my_early_payment(ana, made[0]).await.unwrap();
    assert_eq!(detail.totals.to_pay, Centavos(expected));
    assert_eq!(detail.lines.len(), 2);
    let codes = detail.payment.expect("payable until its due date");
    let barcode = portal::br::boleto::barcode_from_digitable_line(&codes.digitable_line).unwrap();
    assert_eq!(barcode[9..19].parse::<i64>().unwrap(), expected, "one boleto for the discounted total");
    assert!(codes.nosso_numero.ends_with(&format!("7{:09}", made[0])));
    assert!(codes.pix_payload.is_some());
    // Finance cannot mark one of them paid by hand while the antecipação may still be paid.
    let admin = portal.portal.staff_member(1).await.unwrap();
    let by_hand = portal::finance::billing::ManualPaymentForm {
        paid_on: portal::time_br::format_date(today(&portal)),
        amount: "100,00".into(),
        reason: "TED recebida hoje".into(),
    };
    match portal.portal.record_manual_payment(&admin, chosen[0], &by_hand).await {
        Err(portal::staff::StaffError::Invalid(message)) => {
            assert!(
                message.starts_with(&format!("Esta parcela está na antecipação nº {}", made[0])),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    // The ticked installments are no longer offered.
    let after = portal.portal.my_early_payment_offer(ana, Some(contract), &[]).await.unwrap();
    assert!(after.lines.iter().all(|line| !chosen.contains(&line.installment_id)));
    assert_eq!(after.pending.len(), 1);

    // Another buyer of the contract sees it; someone else does not.
    let (company, _) = person_of(&portal, COMPANY_CNPJ).await;
    assert!(portal.portal.my_early_payment(company, made[0]).await.is_err());
    let (carlos, carlos_cookie) = person_of(&portal, CARLOS_CPF).await;
    assert_eq!(
        portal.portal.my_early_payment(carlos, made[0]).await.unwrap().totals.to_pay,
        Centavos(expected)
    );
    let page = portal.get(&format!("/financeiro/antecipacoes/{}", made[0]), Some(&carlos_cookie)).await;
    let page = page.text().await.unwrap();
    assert!(page.contains("linha-digitavel") && page.contains("Desconto"), "the page shows the boleto");
    let pdf_path = format!("/financeiro/antecipacoes/{}/pdf", made[0]);
    assert!(page.contains(&pdf_path), "and links its PDF");

    // Its PDF is the boleto of the discounted total, for the buyers of the contract only.
    let ana_cookie = portal.login(ANA, PASSWORD).await;
    let response = portal.get(&pdf_path, Some(&ana_cookie)).await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let pdf = response.bytes().await.unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        codes.digitable_line.as_str(),
        "Ficha de Compensação",
        &format!("ANT{:09}", made[0]),
        &Centavos(expected).to_string(),
        "Não receber após o vencimento",
        "Ana Paula Souza · CPF 111.444.777-35",
    ] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    let (_, company_cookie) = person_of(&portal, COMPANY_CNPJ).await;
    assert_eq!(portal.get(&pdf_path, Some(&company_cookie)).await.status(), reqwest::StatusCode::NOT_FOUND);
    let anonymous = portal.get(&pdf_path, None).await;
    assert!(anonymous.status().is_redirection(), "signed-out: to the login");

    // Unpaid past its due date it expires; its installments can be anticipated again.
    portal.clock.advance(time::Duration::days(EARLY_PAYMENT_DAYS + 1));
    let expired = portal.portal.my_early_payment(ana, made[0]).await.unwrap();
    assert!(expired.payment.is_none() && expired.status.starts_with("Vencida"));
    let ana_cookie = portal.login(ANA, PASSWORD).await;
    let text = pdf_text(&portal.get(&pdf_path, Some(&ana_cookie)).await.bytes().await.unwrap());
    assert!(text.contains("Vencida sem pagamento") && !text.contains("Ficha de Compensação"), "{text}");
    let again = portal.portal.create_my_early_payment(ana, contract, &chosen).await.unwrap();
    assert!(again.is_ok(), "{again:?}");
}

#[tokio::test]
async fn the_bank_registers_the_antecipation_and_its_payment_pays_each_installment() {
    let portal = TestPortal::start().await;
    offer_early_payment(&portal).await;
    let (ana, contract) = anas_contract(&portal).await;
    let offer = portal.portal.my_early_payment_offer(ana, Some(contract), &[]).await.unwrap();
    let chosen: Vec<i64> = offer.lines.iter().rev().take(3).map(|line| line.installment_id).collect();
    let id = portal.portal.create_my_early_payment(ana, contract, &chosen).await.unwrap().unwrap();
    let detail = portal.portal.my_early_payment(ana, id).await.unwrap();

    let admin = portal.portal.staff_member(1).await.unwrap();
    let until = iso_date(today(&portal) + time::Duration::days(400));
    let remessa = portal.portal.generate_remessa(&admin, 1, &until).await.unwrap();
    let (_, bytes) = portal.portal.cnab_file_download(&admin, remessa).await.unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let numbers = nossos_numeros(&text);
    let nosso = format!("12345677{id:09}");
    assert!(numbers.contains(&nosso), "the antecipação is registered");
    assert!(text.contains(&format!("{:015}", detail.totals.to_pay.0)));
    assert!(text.contains(&format!("ANT{id:09}")));

    let retorno =
        simulate_bank_return(&text, &[event(&nosso, Occurrence::Settled, detail.totals.to_pay.0)], 7)
            .unwrap();
    let file = portal.portal.import_retorno(&admin, "r.ret", retorno.as_bytes()).await.unwrap();
    let preview = portal.portal.retorno_page(&admin, file).await.unwrap();
    assert!(
        preview.lines.iter().any(|line| line.outcome.starts_with("Antecipação paga")),
        "{:?}",
        preview.lines
    );
    portal.portal.apply_retorno(&admin, file).await.unwrap();
    let applied = portal.portal.retorno_page(&admin, file).await.unwrap();
    let line = applied.lines.iter().find(|line| line.outcome.starts_with("Antecipação paga")).unwrap();
    assert_eq!(line.tone, "success", "an applied line reads as it was decided");

    let token = portal.api_token(ANA).await;
    let answer = portal.api_json(&token, &format!("/api/v1/boleto?contrato={contract}&por_pagina=100")).await;
    let boletos = answer["boletos"].as_array().unwrap();
    for line in detail.lines {
        let boleto =
            boletos.iter().find(|boleto| boleto["id"].as_i64() == Some(line.installment_id)).unwrap();
        assert_eq!(boleto["situacao"], "pagas");
        assert_eq!(
            boleto["valor_pago_centavos"].as_i64(),
            Some(line.to_pay.0),
            "each at its discounted amount"
        );
    }
    let detail = portal.portal.my_early_payment(ana, id).await.unwrap();
    assert!(detail.status.starts_with("Paga em") && detail.payment.is_none());
    let staff_view = portal.portal.staff_installment(&admin, chosen[0]).await.unwrap();
    let held = staff_view.early_payment.expect("staff see the antecipação");
    assert!(held.starts_with(&format!("Antecipação {id}: paga em")), "{held}");
}
