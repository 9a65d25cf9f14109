//! 2ª via of an overdue installment: the buyer picks a new due date within the window, sees
//! the multa and juros before confirming, and gets a new boleto (page, PDF, API); one is active
//! at a time; the next remessa registers it and writes off the boleto it replaces; the bank's
//! payment of it pays the installment.

mod common;

use common::billing::{event, nossos_numeros, remessa};
use common::*;
use portal::br::boleto::barcode_from_digitable_line;
use portal::br::cnab240::{simulate_bank_return, Occurrence};
use portal::clock::Clock;
use portal::finance::late_fees::late_charge;
use portal::time_br::{iso_date, today_in_sao_paulo};
use reqwest::StatusCode;

fn today(portal: &TestPortal) -> time::Date {
    today_in_sao_paulo(portal.clock.now())
}

async fn first_overdue(portal: &TestPortal, cookie: &str) -> i64 {
    let page = portal.get("/financeiro?situacao=vencidas", Some(cookie)).await.text().await.unwrap();
    listed_boleto_ids(&page)[0]
}

#[tokio::test]
async fn a_buyer_sees_the_fees_then_issues_one_2a_via_with_its_own_codes_and_pdf() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let id = first_overdue(&portal, &ana).await;
    let page_path = format!("/financeiro/boletos/{id}");
    let page = portal.get(&page_path, Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("2ª via com novo vencimento") && page.contains("Ver valores"));

    // Out of the window: the reason, and no amounts.
    for day in [today(&portal) - time::Duration::days(1), today(&portal) + time::Duration::days(11)] {
        let page = portal
            .get(&format!("{page_path}?vencimento={}", iso_date(day)), Some(&ana))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Escolha um vencimento de"), "{day}");
        assert!(!page.contains("Emitir 2ª via"));
    }
    let new_due = today(&portal) + time::Duration::days(3);
    let quote = portal
        .get(&format!("{page_path}?vencimento={}", iso_date(new_due)), Some(&ana))
        .await
        .text()
        .await
        .unwrap();
    assert!(quote.contains("Emitir 2ª via") && quote.contains("Multa"));
    let staff = portal.portal.staff_member(1).await.unwrap();
    let staff_view = portal.portal.staff_installment(&staff, id).await.unwrap();
    let original = staff_view.line.due_on.clone();
    let due = portal::records::rules::parse_form_date(&original).unwrap();
    let amount = portal::br::Centavos(portal::records::rules::parse_money(&staff_view.line.amount).unwrap());
    let expected = late_charge(amount, due, new_due, 200, 100);
    assert!(quote.contains(&expected.total.to_string()), "the total {}", expected.total);

    // Twenty confirmations at once make one 2ª via.
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, url, base, cookie) =
            (portal.client.clone(), portal.url("/api/boleto-segunda-via"), portal.base.clone(), ana.clone());
        let form = [("id", id.to_string()), ("due", iso_date(new_due))];
        requests.spawn(async move {
            client
                .post(url)
                .header("accept", "text/html")
                .header("origin", base)
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    for status in requests.join_all().await {
        assert!(status.is_redirection(), "{status}");
    }
    let admin = portal.portal.staff_member(1).await.unwrap();
    let contract = portal.portal.staff_installment(&admin, id).await.unwrap().contract_id;
    let trail = portal.portal.store.audit_events_about(&format!("contract:{contract}"), 50).await.unwrap();
    assert_eq!(trail.iter().filter(|event| event.action == "boleto_reissued").count(), 1, "one 2ª via");

    let page = portal.get(&format!("{page_path}?segunda-via=1"), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("2ª via emitida"));
    let line = code_field(&page, "linha-digitavel").expect("the 2ª via's linha digitável");
    let barcode = barcode_from_digitable_line(&line).unwrap();
    assert_eq!(barcode[9..19].parse::<i64>().unwrap(), expected.total.0, "the barcode carries the total");
    assert_eq!(&barcode[25..33], "12345678", "convênio + the 2ª via's sequence (8…)");
    assert!(code_field(&page, "pix-copia-e-cola").is_some(), "a 2ª via not yet due has PIX");
    assert!(!page.contains("Ver valores"), "no second offer while one is payable");

    let pdf = portal.get(&format!("{page_path}/pdf"), Some(&ana)).await.bytes().await.unwrap();
    assert!(pdf_contains(&pdf, "2ª via da parcela vencida em"), "the PDF says what it is");
    assert!(pdf_contains(&pdf, &expected.total.to_string()));

    let trail = portal
        .portal
        .store
        .audit_events_about(&format!("contract:{}", staff_view.contract_id), 20)
        .await
        .unwrap();
    assert!(trail
        .iter()
        .any(|event| event.action == "boleto_reissued" && event.detail.contains("(comprador)")));
}

#[tokio::test]
async fn partners_quote_and_issue_a_2a_via_and_never_for_an_open_or_anyone_elses_installment() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let overdue = first_overdue(&portal, &ana).await;
    let open_page = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let open = listed_boleto_ids(&open_page)[0];
    let token = portal.api_token(ANA).await;
    let day = iso_date(today(&portal) + time::Duration::days(2));
    let quote =
        portal.api_json(&token, &format!("/api/v1/boleto/{overdue}/segunda-via?vencimento={day}")).await;
    assert_eq!(quote["valores"]["vencimento"], day.as_str());
    let total = quote["valores"]["total_centavos"].as_i64().unwrap();
    assert_eq!(
        total,
        ["valor_original_centavos", "multa_centavos", "juros_centavos"]
            .iter()
            .map(|key| quote["valores"][key].as_i64().unwrap())
            .sum::<i64>()
    );

    let post = |id: i64, body: serde_json::Value, token: String| {
        let portal = &portal;
        async move {
            portal
                .client
                .post(portal.url(&format!("/api/v1/boleto/{id}/segunda-via")))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let far = post(overdue, serde_json::json!({ "vencimento": "2099-01-01" }), token.clone()).await;
    assert_eq!(far.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let issued = post(overdue, serde_json::json!({ "vencimento": day }), token.clone()).await;
    assert_eq!(issued.status(), StatusCode::CREATED);
    let body: serde_json::Value = issued.json().await.unwrap();
    assert_eq!(body["segunda_via"]["total_centavos"].as_i64().unwrap(), total);
    assert!(body["linha_digitavel"].as_str().is_some() && body["pix_copia_e_cola"].as_str().is_some());
    let again = portal.api_json(&token, &format!("/api/v1/boleto/{overdue}")).await;
    assert_eq!(again["segunda_via"]["vencimento"], day.as_str());

    let not_overdue = post(open, serde_json::json!({ "vencimento": day }), token.clone()).await;
    assert_eq!(not_overdue.status(), StatusCode::CONFLICT);
    let company = portal.api_token(COMPANY_CNPJ).await;
    let foreign = post(overdue, serde_json::json!({ "vencimento": day }), company).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_next_remessa_registers_the_2a_via_and_writes_off_the_original_and_its_payment_pays_the_installment(
) {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    // An overdue installment whose boleto the bank holds: sent in a first remessa, then due.
    let ana = portal.login(ANA, PASSWORD).await;
    let anas = portal.contract_ids(&ana).await;
    let (_, first) = remessa(&portal, &admin).await;
    let sent = nossos_numeros(&first)
        .into_iter()
        .find(|number| anas.contains(&number[7..12].parse::<i64>().unwrap()))
        .expect("one of Ana's");
    let line = first.split("\r\n").find(|line| line.contains(sent.as_str())).unwrap();
    let due =
        time::Date::parse(&line[77..85], time::macros::format_description!("[day][month][year]")).unwrap();
    portal.clock.advance(due - today(&portal) + time::Duration::days(3));
    let contract: i64 = sent[7..12].parse().unwrap();
    let number: i64 = sent[12..].parse().unwrap();
    let id = portal
        .portal
        .staff_contract(&admin, contract)
        .await
        .unwrap()
        .installments
        .iter()
        .find(|l| l.number == number)
        .unwrap()
        .id;
    // Staff issue it (a buyer who phoned): out of the window is refused under the field.
    match portal.portal.staff_issue_reissue(&admin, id, "2099-01-01").await {
        Err(portal::staff::StaffError::Fields(errors)) => assert!(errors.contains_key("reissue_due")),
        other => panic!("{other:?}"),
    }
    let day = iso_date(today(&portal) + time::Duration::days(5));
    portal.portal.staff_issue_reissue(&admin, id, &day).await.unwrap();
    let detail = portal.portal.staff_installment(&admin, id).await.unwrap();
    let reissue = detail.reissue.expect("the 2ª via on the staff page");
    assert!(detail.reissue_window.is_none());

    let (_, text) = remessa(&portal, &admin).await;
    let lines: Vec<&str> = text.split("\r\n").collect();
    let write_off = lines.iter().find(|line| line.len() == 240 && &line[13..17] == "P 02").expect("a baixa");
    assert_eq!(write_off[37..57].trim(), sent, "the original boleto is written off");
    let numbers = nossos_numeros(&text);
    let second =
        numbers.iter().find(|number| number.starts_with("12345678")).expect("the 2ª via is registered");
    let p = lines.iter().find(|line| line.contains(second.as_str())).unwrap();
    assert_eq!(p[85..100].parse::<i64>().unwrap(), reissue.charge.total.0);
    assert_eq!(
        p[195..220].trim_end(),
        format!("SEGUNDA VIA {}", p[195..220].trim_end().rsplit(' ').next().unwrap())
    );

    // The bank pays the 2ª via: the installment is paid with its total.
    let retorno =
        simulate_bank_return(&text, &[event(second, Occurrence::Settled, reissue.charge.total.0)], 3)
            .unwrap();
    let file = portal.portal.import_retorno(&admin, "r.ret", retorno.as_bytes()).await.unwrap();
    let preview = portal.portal.retorno_page(&admin, file).await.unwrap();
    assert_eq!(preview.lines[0].installment_id, Some(id));
    portal.portal.apply_retorno(&admin, file).await.unwrap();
    let paid = portal.portal.staff_installment(&admin, id).await.unwrap().payment.expect("paid");
    assert_eq!(paid.amount, reissue.charge.total);

    // Eleven days on, an expired 2ª via gives way to a new one.
    portal.clock.advance(time::Duration::days(11));
    let ana = portal.login(ANA, PASSWORD).await;
    let other = first_overdue(&portal, &ana).await;
    portal.portal.staff_issue_reissue(&admin, other, &iso_date(today(&portal))).await.unwrap();
    portal.clock.advance(time::Duration::days(1));
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get(&format!("/financeiro/boletos/{other}"), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Ver valores"), "the expired 2ª via is offered again");
    portal.portal.staff_issue_reissue(&admin, other, &iso_date(today(&portal))).await.unwrap();
    let detail = portal.portal.staff_installment(&admin, other).await.unwrap();
    assert_eq!(detail.reissue.expect("the new one").due_iso, iso_date(today(&portal)));
}
