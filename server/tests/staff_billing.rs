//! Cobrança: each company's bank (checked, audited, homologação hidden from buyers), the
//! remessa that sends boletos to the bank, the bank's retorno previewed and applied once, and
//! payments recorded by hand.

mod common;

use common::billing::{billing_form, event, nossos_numeros, remessa};
use common::*;
use portal::br::cnab240::{simulate_bank_return, Occurrence};
use portal::finance::billing::ManualPaymentForm;
use portal::staff::{StaffError, StaffRole};
use reqwest::multipart::{Form, Part};

/// The installment a nosso número names: `convênio + contract (5) + number (5)`.
async fn installment_of(portal: &TestPortal, nosso_numero: &str) -> portal::records::InstallmentLine {
    let admin = portal.portal.staff_member(1).await.unwrap();
    let contract: i64 = nosso_numero[7..12].parse().unwrap();
    let number: i64 = nosso_numero[12..].parse().unwrap();
    let detail = portal.portal.staff_contract(&admin, contract).await.unwrap();
    detail.installments.into_iter().find(|line| line.number == number).unwrap()
}

#[tokio::test]
async fn bank_settings_are_checked_audited_and_homologation_hides_boletos_from_buyers() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let broken = portal::finance::billing::BillingForm {
        agency: "12".into(),
        late_fine: "3".into(),
        ..billing_form("producao")
    };
    match portal.portal.save_company_billing(&admin, 1, &broken).await {
        Err(StaffError::Fields(errors)) => {
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["agency", "late_fine"]);
        }
        other => panic!("{other:?}"),
    }

    let ana = portal.login(ANA, PASSWORD).await;
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let boleto = format!("/financeiro/boletos/{}", listed_boleto_ids(&open)[0]);
    assert!(
        code_field(&portal.get(&boleto, Some(&ana)).await.text().await.unwrap(), "linha-digitavel").is_some()
    );

    portal.portal.save_company_billing(&admin, 1, &billing_form("homologacao")).await.unwrap();
    let page = portal.get(&boleto, Some(&ana)).await.text().await.unwrap();
    assert!(code_field(&page, "linha-digitavel").is_none(), "homologação: no payable code for buyers");
    assert!(code_field(&page, "pix-copia-e-cola").is_none());

    let production =
        portal::finance::billing::BillingForm { agreement: "7654321".into(), ..billing_form("producao") };
    portal.portal.save_company_billing(&admin, 1, &production).await.unwrap();
    let page = portal.get(&boleto, Some(&ana)).await.text().await.unwrap();
    let line = code_field(&page, "linha-digitavel").expect("produção: the boleto again");
    let barcode = portal::br::boleto::barcode_from_digitable_line(&line).unwrap();
    assert_eq!(&barcode[25..32], "7654321", "the company's own convênio, not the configuration's");

    let trail = portal.portal.store.audit_events_about("company:1", 10).await.unwrap();
    let changes: Vec<&str> = trail
        .iter()
        .filter(|event| event.action == "billing_settings_changed")
        .map(|event| event.detail.as_str())
        .collect();
    assert_eq!(changes.len(), 2, "the refused form changed nothing: {changes:?}");
    assert!(changes[0].contains("convênio: 1234567 → 7654321"), "{changes:?}");
}

#[tokio::test]
async fn a_remessa_sends_each_unsent_boleto_once_even_when_generated_twenty_times_at_once() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal.portal.save_company_billing(&admin, 1, &billing_form("producao")).await.unwrap();
    let until = "2099-01-01";
    match portal.portal.generate_remessa(&admin, 1, until).await {
        Err(StaffError::Invalid(sentence)) => assert!(sentence.contains("400 dias"), "{sentence}"),
        other => panic!("beyond 400 days: {other:?}"),
    }
    let until = portal::time_br::iso_date(
        portal::time_br::today_in_sao_paulo(portal::clock::Clock::now(&portal.clock))
            + time::Duration::days(400),
    );
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (shared, admin, until) = (portal.portal.clone(), admin.clone(), until.clone());
        attempts.spawn(async move { shared.generate_remessa(&admin, 1, &until).await });
    }
    let results = attempts.join_all().await;
    let made: Vec<i64> = results.iter().filter_map(|result| result.as_ref().ok().copied()).collect();
    assert_eq!(made.len(), 1, "{results:?}");
    for result in results.iter().filter(|result| result.is_err()) {
        assert!(matches!(result, Err(StaffError::Invalid(_))), "{result:?}");
    }
    let (_, bytes) = portal.portal.cnab_file_download(&admin, made[0]).await.unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let numbers = nossos_numeros(&text);
    assert!(!numbers.is_empty());
    let sent = installment_of(&portal, &numbers[0]).await;
    let detail = portal.portal.staff_installment(&admin, sent.id).await.unwrap();
    assert_eq!(detail.bank_status, "Enviado ao banco");
    // At the bank, its due date and amount are the bank's: only its kind may still change.
    let form = portal::records::InstallmentForm { amount: "1,00".into(), ..detail.form.clone() };
    match portal.portal.update_installment(&admin, sent.id, &form).await {
        Err(StaffError::Invalid(sentence)) => assert!(sentence.contains("já está no banco"), "{sentence}"),
        other => panic!("{other:?}"),
    }
    let kind = portal::records::InstallmentForm { kind: "intermediaria".into(), ..detail.form.clone() };
    portal.portal.update_installment(&admin, sent.id, &kind).await.unwrap();
    // Nothing is left to send, and the next remessa says so.
    match portal.portal.generate_remessa(&admin, 1, &until).await {
        Err(StaffError::Invalid(sentence)) => {
            assert!(sentence.starts_with("Nenhum boleto a enviar"), "{sentence}")
        }
        other => panic!("{other:?}"),
    }
    // The staff download is the same file, for financeiro; atendimento may not download it.
    let cookie = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let download = portal.get(&format!("/equipe/financeiro/arquivos/{}", made[0]), Some(&cookie)).await;
    assert_eq!(download.text().await.unwrap(), text);
    portal.new_staff("atende@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let atendimento = portal.portal.staff_member(2).await.unwrap();
    assert!(matches!(
        portal.portal.generate_remessa(&atendimento, 1, &until).await,
        Err(StaffError::Forbidden)
    ));
}

#[tokio::test]
async fn a_retorno_is_previewed_then_applied_once_and_the_buyer_sees_the_payment() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let (_, text) = remessa(&portal, &admin).await;
    let numbers = nossos_numeros(&text);
    let ana = portal.login(ANA, PASSWORD).await;
    let anas = portal.contract_ids(&ana).await;
    let of_ana = |number: &String| anas.contains(&number[7..12].parse::<i64>().unwrap());
    let paid = numbers.iter().find(|number| of_ana(number)).expect("a boleto of Ana's");
    let others: Vec<&String> = numbers.iter().filter(|number| *number != paid).collect();
    let (confirmed, rejected) = (others[0], others[1]);
    let paid_line = installment_of(&portal, paid).await;
    let events = [
        event(confirmed, Occurrence::EntryConfirmed, 0),
        event(paid, Occurrence::Settled, 123_456),
        event(rejected, Occurrence::EntryRejected, 0),
        event("12345679999999999", Occurrence::Settled, 5_000),
    ];
    let retorno = simulate_bank_return(&text, &events, 44).unwrap();
    let cookie = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let upload = |bytes: Vec<u8>| {
        let portal = &portal;
        let cookie = cookie.clone();
        async move {
            let form = Form::new().part("retorno", Part::bytes(bytes).file_name("CBR644.ret"));
            post_multipart(portal, "/equipe/financeiro/retornos", &cookie, form).await
        }
    };
    let to = location(&upload(retorno.clone().into_bytes()).await);
    if !to.starts_with("/equipe/financeiro/retornos/") {
        let page = portal.get(&to, Some(&cookie)).await.text().await.unwrap();
        panic!("{to}: {}", page.split("alert").nth(1).unwrap_or(&page[..page.len().min(3000)]));
    }
    let id: i64 = to.rsplit('/').next().unwrap().parse().unwrap();

    let preview = portal.portal.retorno_page(&admin, id).await.unwrap();
    let outcomes: Vec<(&str, Option<&str>)> = preview
        .lines
        .iter()
        .map(|line| (line.tone.as_str(), line.installment.as_deref().map(|_| "parcela")))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("success", Some("parcela")),
            ("success", Some("parcela")),
            ("danger", Some("parcela")),
            ("warning", None)
        ]
    );
    assert!(preview.lines[2].outcome.contains("48: CEP inválido"), "{:?}", preview.lines[2]);
    assert_eq!((preview.paid_count, preview.paid_total.0, preview.unmatched), (1, 123_456, 1));
    let page = portal.get(&to, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Aplicar retorno") && page.contains("06 · Liquidação"));
    assert!(
        portal.portal.staff_installment(&admin, paid_line.id).await.unwrap().payment.is_none(),
        "a preview changes nothing"
    );

    // The same file again is refused, saying so, under the upload field.
    let again = location(&upload(retorno.clone().into_bytes()).await);
    let page = portal.get(&again, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Este arquivo já foi importado"), "{again}");

    // Twenty confirmations at once apply it once.
    let mut applies = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (shared, admin) = (portal.portal.clone(), admin.clone());
        applies.spawn(async move { shared.apply_retorno(&admin, id).await });
    }
    let results = applies.join_all().await;
    assert_eq!(results.iter().filter(|result| result.is_ok()).count(), 1, "{results:?}");

    let detail = portal.portal.staff_installment(&admin, paid_line.id).await.unwrap();
    let payment = detail.payment.expect("paid by the retorno");
    assert_eq!(
        (payment.paid_on.as_str(), payment.amount.0, payment.source.as_str()),
        ("03/12/2026", 123_456, "Retorno do banco")
    );
    let confirmed_line = installment_of(&portal, confirmed).await;
    assert_eq!(
        portal.portal.staff_installment(&admin, confirmed_line.id).await.unwrap().bank_status,
        "Registrado no banco"
    );
    let rejected_line = installment_of(&portal, rejected).await;
    let rejected_status =
        portal.portal.staff_installment(&admin, rejected_line.id).await.unwrap().bank_status;
    assert!(rejected_status.starts_with("Rejeitado pelo banco: 48: CEP inválido"), "{rejected_status}");
    let applied = portal.portal.retorno_page(&admin, id).await.unwrap();
    assert!(applied.file.applied.is_some() && !applied.can_apply);
    assert_eq!(applied.lines.len(), 4);

    // The buyer's Financeiro shows the installment paid, with the amount the bank credited.
    let paid_page = portal.get("/financeiro?situacao=pagas", Some(&ana)).await.text().await.unwrap();
    assert!(listed_boleto_ids(&paid_page).contains(&paid_line.id), "the buyer sees it paid");

    // A second retorno paying the same boleto (the bank resends it) changes nothing more.
    let resent = simulate_bank_return(&text, &[event(paid, Occurrence::Settled, 123_456)], 45).unwrap();
    let to = location(&upload(resent.into_bytes()).await);
    let second: i64 = to.rsplit('/').next().unwrap().parse().unwrap();
    let preview = portal.portal.retorno_page(&admin, second).await.unwrap();
    assert_eq!(
        (preview.lines[0].tone.as_str(), preview.lines[0].outcome.as_str()),
        ("info", "Já estava paga: nada muda.")
    );
}

#[tokio::test]
async fn malformed_or_foreign_retornos_are_refused_with_the_line_and_the_reason() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let (_, text) = remessa(&portal, &admin).await;
    let good =
        simulate_bank_return(&text, &[event(&nossos_numeros(&text)[0], Occurrence::EntryConfirmed, 0)], 2)
            .unwrap();
    let cookie = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let mut lines: Vec<String> = good.split("\r\n").map(str::to_string).collect();
    lines[2].truncate(238);
    let cut_line = lines.join("\r\n");
    let other_company = good.replacen("12345678000195", "11222333000181", 2);
    let cases = [
        (text.clone(), "este é um arquivo de remessa"),
        (cut_line, "Linha 3: tem 238 caracteres"),
        (other_company, "11.222.333/0001-81, que não é de nenhuma empresa cadastrada"),
        (String::new(), "Escolha o arquivo de retorno"),
    ];
    for (bytes, sentence) in cases {
        let form = Form::new().part("retorno", Part::bytes(bytes.into_bytes()).file_name("x.ret"));
        let to = location(&post_multipart(&portal, "/equipe/financeiro/retornos", &cookie, form).await);
        assert!(to.starts_with("/equipe/financeiro?rascunho="), "{to}");
        let page = portal.get(&to, Some(&cookie)).await.text().await.unwrap();
        assert!(page.contains(sentence), "{sentence}: {to}");
    }
}

#[tokio::test]
async fn finance_records_a_payment_by_hand_and_undoes_only_a_manual_one() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let (_, text) = remessa(&portal, &admin).await;
    let line = installment_of(&portal, &nossos_numeros(&text)[0]).await;
    let form = |paid_on: &str, amount: &str, reason: &str| ManualPaymentForm {
        paid_on: paid_on.into(),
        amount: amount.into(),
        reason: reason.into(),
    };
    match portal.portal.record_manual_payment(&admin, line.id, &form("2099-01-01", "0", "x")).await {
        Err(StaffError::Fields(errors)) => {
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["amount", "paid_on", "reason"])
        }
        other => panic!("{other:?}"),
    }
    portal
        .portal
        .record_manual_payment(
            &admin,
            line.id,
            &form("01/12/2026", "1.000,50", "TED recebida, comprovante no e-mail"),
        )
        .await
        .unwrap();
    let detail = portal.portal.staff_installment(&admin, line.id).await.unwrap();
    let payment = detail.payment.unwrap();
    assert!(payment.manual && payment.source.contains("TED recebida"), "{payment:?}");
    assert_eq!(payment.amount.0, 100_050);
    assert!(matches!(
        portal
            .portal
            .record_manual_payment(&admin, line.id, &form("01/12/2026", "10", "de novo, por engano"))
            .await,
        Err(StaffError::Invalid(_))
    ));

    // The bank then pays it too: the preview warns of a double payment and changes nothing.
    let retorno =
        simulate_bank_return(&text, &[event(&nossos_numeros(&text)[0], Occurrence::Settled, 100_050)], 9)
            .unwrap();
    let id = portal.portal.import_retorno(&admin, "r.ret", retorno.as_bytes()).await.unwrap();
    let preview = portal.portal.retorno_page(&admin, id).await.unwrap();
    assert!(preview.lines[0].outcome.contains("pagou duas vezes"), "{:?}", preview.lines[0]);

    assert!(matches!(
        portal.portal.undo_manual_payment(&admin, line.id, "").await,
        Err(StaffError::Fields(_))
    ));
    portal.portal.undo_manual_payment(&admin, line.id, "Lançado na parcela errada").await.unwrap();
    assert!(portal.portal.staff_installment(&admin, line.id).await.unwrap().payment.is_none());
    let trail = portal
        .portal
        .store
        .audit_events_about(
            &format!("contract:{}", &nossos_numeros(&text)[0][7..12].parse::<i64>().unwrap()),
            10,
        )
        .await
        .unwrap();
    assert!(trail
        .iter()
        .any(|event| event.action == "manual_payment_undone"
            && event.detail.contains("Lançado na parcela errada")));
    assert!(trail.iter().any(|event| event.action == "installment_paid_by_hand"));

    // A payment from the bank is never undone by hand.
    let other = installment_of(&portal, &nossos_numeros(&text)[1]).await;
    let retorno =
        simulate_bank_return(&text, &[event(&nossos_numeros(&text)[1], Occurrence::Settled, 500)], 10)
            .unwrap();
    let id = portal.portal.import_retorno(&admin, "r2.ret", retorno.as_bytes()).await.unwrap();
    portal.portal.apply_retorno(&admin, id).await.unwrap();
    assert!(matches!(
        portal.portal.undo_manual_payment(&admin, other.id, "tentativa indevida").await,
        Err(StaffError::Invalid(_))
    ));
}

#[tokio::test]
async fn reports_show_overdue_by_age_and_receipts_by_period_on_the_page_and_as_csv() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let report = portal.portal.delinquency_report(&admin).await.unwrap();
    assert!(report.total.count > 0, "the demo has overdue installments");
    assert_eq!(report.total.count, report.contracts.iter().map(|c| c.installments.len() as i64).sum::<i64>());
    assert_eq!(report.total.total, report.developments.iter().map(|row| row.total).sum());
    assert_eq!(report.total.counts.iter().sum::<i64>(), report.total.count);
    for contract in &report.contracts {
        for line in &contract.installments {
            assert!(line.days_late >= 1, "{line:?}");
        }
    }
    let csv = String::from_utf8(report.to_csv()).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}Empreendimento;Contrato;Comprador;CPF/CNPJ;Parcela;Vencimento;Dias em atraso;Faixa;Valor"
    );
    let first = lines.next().unwrap();
    assert!(first.split(';').count() == 9 && first.rsplit(';').next().unwrap().contains(','), "{first}");
    assert_eq!(csv.lines().count() as i64, 1 + report.total.count);

    // Paying one by hand takes it off the report and puts it in today's receipts.
    let paid = &report.contracts[0].installments[0];
    let form = ManualPaymentForm {
        paid_on: portal::time_br::iso_date(portal::time_br::today_in_sao_paulo(portal::clock::Clock::now(
            &portal.clock,
        ))),
        amount: "1.234,56".into(),
        reason: "Depósito identificado".into(),
    };
    portal.portal.record_manual_payment(&admin, paid.id, &form).await.unwrap();
    let after = portal.portal.delinquency_report(&admin).await.unwrap();
    assert_eq!(after.total.count, report.total.count - 1);
    let receipts = portal
        .portal
        .receipts_report(&admin, Some(&form.paid_on), Some(&form.paid_on), Some("dia"))
        .await
        .unwrap();
    assert_eq!(receipts.rows.len(), 1, "{receipts:?}");
    assert_eq!((receipts.rows[0].by_hand.0, receipts.rows[0].from_bank.0), (123_456, 0));
    let month = portal.portal.receipts_report(&admin, None, None, None).await.unwrap();
    assert!(month.rows.iter().all(|row| row.period.contains('/') && row.period.len() == 7), "{month:?}");
    assert!(month.total.0 >= 123_456);
    let csv = String::from_utf8(receipts.to_csv()).unwrap();
    assert!(csv.contains(";1;0,00;1234,56;0,00;1234,56"), "{csv}");
    for (from, to, sentence) in [
        ("31/02/2026", "", "dd/mm/aaaa"),
        ("2026-12-02", "2026-12-01", "antes da inicial"),
        ("2020-01-01", "2026-01-01", "dois anos"),
    ] {
        match portal.portal.receipts_report(&admin, Some(from), Some(to), None).await {
            Err(StaffError::Invalid(message)) => assert!(message.contains(sentence), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    // The pages and the CSV downloads, for staff.
    let cookie = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let page = portal.get("/equipe/financeiro/inadimplencia", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Mais de 90 dias") && page.contains("Compradores em atraso"));
    let download = portal.get("/equipe/financeiro/recebimentos.csv?por=dia", Some(&cookie)).await;
    assert_eq!(download.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(download.text().await.unwrap().contains("1234,56"));
    let bad = portal
        .get("/equipe/financeiro/recebimentos?de=2026-12-02&ate=2026-12-01", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(bad.contains("A data final vem antes da inicial."));
}

#[tokio::test]
async fn an_overdue_boleto_shows_what_paying_it_today_costs() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let overdue = portal.get("/financeiro?situacao=vencidas", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&overdue)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let at = page.find("Pagando hoje: ").expect("the amount to pay today");
    let sentence = &page[at..at + page[at..].find(").").unwrap()];
    // "Pagando hoje: R$ T (R$ A + multa de R$ F + juros de R$ J por N dias de atraso"
    let cents = |text: &str| -> i64 {
        text.trim().trim_start_matches("R$").trim().replace(['.', ','], "").parse().unwrap()
    };
    let amounts: Vec<i64> = sentence
        .split("R$")
        .skip(1)
        .map(|part| cents(part.split([' ', '(']).find(|piece| !piece.is_empty()).unwrap()))
        .collect();
    let days: i64 = sentence.split(" por ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let [total, original, fine, interest] = amounts[..] else { panic!("{sentence}") };
    assert!(days >= 1, "{sentence}");
    assert_eq!(fine, original * 200 / 10_000, "2 % of multa: {sentence}");
    assert_eq!(interest, original * 100 * days / 300_000, "1 % a month pro rata die: {sentence}");
    assert_eq!(total, original + fine + interest, "{sentence}");
}
