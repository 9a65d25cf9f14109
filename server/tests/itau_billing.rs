//! A company that banks with Itaú: its buyers' boletos are Itaú's (barcode, nosso número with
//! its DAC, PDF), its remessa is Itaú's CNAB 240 and Itaú's retorno pays the installments.

mod common;

use common::billing::{billing_form, event};
use common::*;
use portal::br::boleto::barcode_from_digitable_line;
use portal::br::cnab240::{simulate_bank_return, Occurrence};
use portal::clock::Clock;
use portal::finance::billing::BillingForm;
use portal::staff::StaffError;
use portal::time_br::{iso_date, today_in_sao_paulo};

fn itau_form() -> BillingForm {
    BillingForm {
        bank_code: "341".into(),
        agency: "1248".into(),
        account: "02124-6".into(),
        agreement: String::new(),
        wallet: "109".into(),
        wallet_variation: String::new(),
        ..billing_form("producao")
    }
}

/// The Itaú nosso números (positions 41 to 48) of a remessa's segmentos P.
fn itau_numbers(remessa: &str) -> Vec<String> {
    remessa
        .split("\r\n")
        .filter(|line| line.len() == 240 && &line[7..8] == "3" && &line[13..14] == "P")
        .map(|line| line[40..48].to_string())
        .collect()
}

#[tokio::test]
async fn an_itau_company_issues_registers_and_settles_itau_boletos() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();

    // A wrong DAC is refused under the account, and nothing is saved.
    let wrong = BillingForm { account: "02124-5".into(), ..itau_form() };
    match portal.portal.save_company_billing(&admin, 1, &wrong).await {
        Err(StaffError::Fields(errors)) => {
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["account"]);
            assert!(errors["account"].contains("DAC"), "{errors:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!portal.portal.company_billing_detail(&admin, 1).await.unwrap().configured);

    portal.portal.save_company_billing(&admin, 1, &itau_form()).await.unwrap();

    // The buyer's boleto is an Itaú one, valid to the last digit, with carteira/número-DAC.
    let ana = portal.login(ANA, PASSWORD).await;
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&open)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let line = code_field(&page, "linha-digitavel").expect("a boleto to pay");
    assert!(line.starts_with("34191.09"), "{line}");
    let barcode = barcode_from_digitable_line(&line).unwrap();
    assert_eq!(&barcode[19..22], "109");
    assert_eq!(&barcode[31..41], "1248021246", "agência, conta and their DAC");
    assert!(page.contains("Itaú Unibanco S.A.") && page.contains("109/"), "the page names bank and number");
    let pdf = portal.get(&format!("/financeiro/boletos/{id}/pdf"), Some(&ana)).await.bytes().await.unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("341-7") && text.contains("Itaú Unibanco") && text.contains(&line), "{text}");

    // The remessa is Itaú's; the bank pays one of Ana's boletos and the retorno applies it.
    let until = iso_date(today_in_sao_paulo(portal.clock.now()) + time::Duration::days(400));
    let remessa_id = portal.portal.generate_remessa(&admin, 1, &until).await.unwrap();
    let (_, bytes) = portal.portal.cnab_file_download(&admin, remessa_id).await.unwrap();
    let remessa = String::from_utf8(bytes).unwrap();
    assert!(remessa.split("\r\n").filter(|line| !line.is_empty()).all(|line| line.starts_with("341")));
    assert_eq!(&remessa[163..166], "040", "Itaú's layout version");
    let numbers = itau_numbers(&remessa);
    let anas = portal.contract_ids(&ana).await;
    let paid = numbers
        .iter()
        .find(|number| anas.contains(&number[..5].parse::<i64>().unwrap()))
        .expect("a boleto of Ana's in the remessa");
    let contract: i64 = paid[..5].parse().unwrap();
    let number: i64 = paid[5..].parse().unwrap();
    let detail = portal.portal.staff_contract(&admin, contract).await.unwrap();
    let installment = detail.installments.iter().find(|line| line.number == number).unwrap().id;

    let retorno = simulate_bank_return(&remessa, &[event(paid, Occurrence::Settled, 123_456)], 9).unwrap();
    let retorno_id = portal.portal.import_retorno(&admin, "itau.ret", retorno.as_bytes()).await.unwrap();
    let preview = portal.portal.retorno_page(&admin, retorno_id).await.unwrap();
    assert_eq!((preview.lines[0].tone.as_str(), preview.paid_count), ("success", 1), "{:?}", preview.lines);
    portal.portal.apply_retorno(&admin, retorno_id).await.unwrap();
    let payment = portal.portal.staff_installment(&admin, installment).await.unwrap().payment.expect("paid");
    assert_eq!((payment.amount.0, payment.source.as_str()), (123_456, "Retorno do banco"));
    let paid_page = portal.get("/financeiro?situacao=pagas", Some(&ana)).await.text().await.unwrap();
    assert!(listed_boleto_ids(&paid_page).contains(&installment));
}

#[tokio::test]
async fn a_company_keeps_its_account_while_the_bank_holds_its_boletos() {
    let portal = TestPortal::start().await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    // Banco do Brasil in produção: the remessa sends the boletos there.
    let (_, bb_remessa) = common::billing::remessa(&portal, &admin).await;
    let first = common::billing::nossos_numeros(&bb_remessa).remove(0);
    match portal.portal.save_company_billing(&admin, 1, &itau_form()).await {
        Err(StaffError::Fields(errors)) => {
            let message = &errors["bank_code"];
            assert!(
                message.contains("registrados na conta atual (Banco do Brasil S.A., 1234-5 / 12345-6)"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let other_convenio = BillingForm { agreement: "7654321".into(), ..billing_form("producao") };
    assert!(portal.portal.save_company_billing(&admin, 1, &other_convenio).await.is_err(), "a convênio too");
    // What is not the account (fees, PIX, the beneficiary's name) still changes.
    let fees = BillingForm { monthly_interest: "0,5".into(), ..billing_form("producao") };
    portal.portal.save_company_billing(&admin, 1, &fees).await.unwrap();

    // In homologação nothing was really registered: the account may change, and a retorno of
    // the former bank is then refused naming both banks.
    portal.portal.save_company_billing(&admin, 1, &billing_form("homologacao")).await.unwrap();
    portal
        .portal
        .save_company_billing(&admin, 1, &BillingForm { mode: "homologacao".into(), ..itau_form() })
        .await
        .unwrap();
    let retorno = simulate_bank_return(&bb_remessa, &[event(&first, Occurrence::Settled, 1_000)], 3).unwrap();
    match portal.portal.import_retorno(&admin, "bb.ret", retorno.as_bytes()).await {
        Err(StaffError::Invalid(message)) => {
            assert_eq!(
                message,
                "O arquivo é do banco 001, mas Construtora Horizonte Ltda cobra pelo banco 341."
            )
        }
        other => panic!("{other:?}"),
    }
}
