//! Cobrança set-up shared by the tests: a company's bank, a remessa and the bank's answer.

use portal::br::cnab240::{simulate_bank_return, Occurrence, SimulatedEvent};
use portal::br::Centavos;
use portal::clock::Clock;
use portal::finance::billing::BillingForm;
use portal::staff::CurrentStaff;
use portal::time_br::{iso_date, today_in_sao_paulo};

use super::TestPortal;

/// The demo company's bank: Banco do Brasil, the convênio the configuration's boletos use.
pub fn billing_form(mode: &str) -> BillingForm {
    BillingForm {
        mode: mode.into(),
        bank_code: "001".into(),
        agency: "1234-5".into(),
        account: "12345-6".into(),
        agreement: "1234567".into(),
        wallet: "17".into(),
        wallet_variation: "019".into(),
        beneficiary_name: "Construtora Horizonte Ltda".into(),
        pix_key: "financeiro@horizonte.exemplo.com.br".into(),
        pix_city: "Curitiba".into(),
        late_fine: "2".into(),
        monthly_interest: "1".into(),
        monthly_discount: "0,5".into(),
        days_payable_after_due: "59".into(),
        early_payment: None,
    }
}

/// Configures company 1's bank (production) and generates its remessa of the boletos due in
/// the next 400 days: the remessa's id and text.
pub async fn remessa(portal: &TestPortal, admin: &CurrentStaff) -> (i64, String) {
    portal.portal.save_company_billing(admin, 1, &billing_form("producao")).await.unwrap();
    let until = iso_date(today_in_sao_paulo(portal.clock.now()) + time::Duration::days(400));
    let id = portal.portal.generate_remessa(admin, 1, &until).await.unwrap();
    let (_, bytes) = portal.portal.cnab_file_download(admin, id).await.unwrap();
    (id, String::from_utf8(bytes).unwrap())
}

/// The nosso números of a remessa's boletos, in order.
pub fn nossos_numeros(remessa: &str) -> Vec<String> {
    remessa
        .split("\r\n")
        .filter(|line| line.len() == 240 && &line[7..8] == "3" && &line[13..14] == "P")
        .map(|line| line[37..57].trim().to_string())
        .collect()
}

/// An event of the simulated bank about one boleto.
pub fn event(nosso_numero: &str, occurrence: Occurrence, paid: i64) -> SimulatedEvent {
    SimulatedEvent {
        nosso_numero: nosso_numero.into(),
        occurrence,
        paid: Centavos(paid),
        on: time::macros::date!(2026 - 12 - 03),
        reasons: if occurrence == Occurrence::EntryRejected { "48".into() } else { String::new() },
    }
}

/// A retorno of company 1 (one boleto confirmed), imported and not applied: its id.
pub async fn imported_retorno(portal: &TestPortal, admin: &CurrentStaff) -> i64 {
    let (_, text) = remessa(portal, admin).await;
    let first = nossos_numeros(&text).remove(0);
    let retorno = simulate_bank_return(&text, &[event(&first, Occurrence::EntryConfirmed, 0)], 1).unwrap();
    portal.portal.import_retorno(admin, "retorno.ret", retorno.as_bytes()).await.unwrap()
}
