//! An antecipação's PDF: the same FEBRABAN sheet as an installment's boleto, for the one boleto
//! that pays the chosen installments at their discounted value.

use super::early_payment::EarlyPaymentDetail;
use super::ficha::{boleto_pdf, BoletoSheet};
use super::service::{itf_modules, payer_of, shown_document};
use crate::documents::pdf::text_document;
use crate::property::{PropertyError, UnitSummary};
use crate::time_br::{display_iso_date, iso_date, today_in_sao_paulo};
use crate::Portal;

impl Portal {
    /// The antecipação's boleto as a PDF, `antecipacao-<contract>-<id>.pdf`; once paid or past
    /// its due date, a page saying so instead of a boleto to pay.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_early_payment_pdf(
        &self,
        person_id: i64,
        id: i64,
    ) -> Result<(String, Vec<u8>), PropertyError> {
        let detail = self.my_early_payment(person_id, id).await?;
        let contract_code: String =
            detail.contract_number.chars().filter(char::is_ascii_alphanumeric).collect();
        let file_name = format!("antecipacao-{contract_code}-{id}.pdf");
        let today = iso_date(today_in_sao_paulo(self.clock.now()));
        let contract = self
            .store
            .contract_of_person(person_id, detail.contract_id, &today)
            .await?
            .ok_or(PropertyError::NotFound)?;
        let (settings, _) = self.payment_settings_of(contract.development_id).await?;
        let (Some(settings), Some(payment)) = (settings.as_ref(), &detail.payment) else {
            let mut lines = summary_lines(&detail);
            lines.push(String::new());
            lines.push(format!("Situação: {}.", detail.status));
            return Ok((file_name, text_document("Antecipação de parcelas", &lines)));
        };
        let parties = self.store.parties_visible_to(person_id, detail.contract_id).await?;
        let payer = payer_of(person_id, &parties).ok_or(PropertyError::NotFound)?;
        let payer_address = self.payer_address(person_id, payer, &contract).await?;
        let co_buyers: Vec<String> = parties
            .iter()
            .filter(|party| party.person_id != payer.person_id)
            .map(|party| party.name.clone())
            .collect();
        let unit_label =
            UnitSummary::label_of(contract.block_name.as_deref(), &contract.unit_kind, &contract.unit_number);
        let (numbers, plural) = installment_numbers(&detail);
        let reference = format!(
            "Antecipação {} {numbers} do contrato {} · {}, {unit_label}",
            if plural { "das parcelas" } else { "da parcela" },
            detail.contract_number,
            contract.development_name
        );
        let totals = &detail.totals;
        let mut instructions = vec![
            format!(
                "Antecipação: {} em parcelas, com desconto de {}. Pague até {}.",
                totals.amount, totals.discount, detail.due_on
            ),
            "Não receber após o vencimento: a antecipação deixa de valer e as parcelas voltam aos seus boletos."
                .to_string(),
        ];
        if payment.pix_payload.is_some() {
            instructions.push(
                "Até o vencimento, pague também por PIX com o QR Code ou o copia e cola do recibo.".into(),
            );
        }
        instructions.push(format!("Referente a: {reference}."));
        let buyers = std::iter::once(format!("{} (titular)", payer.name))
            .chain(co_buyers.iter().cloned())
            .collect::<Vec<_>>()
            .join(", ");
        let processing_date = display_iso_date(&today);
        let sheet = BoletoSheet {
            bank_name: settings.bank_name.trim_end_matches(" S.A.").to_string(),
            bank_code: settings.bank.code_with_digit(),
            digitable_line: payment.digitable_line.clone(),
            barcode_modules: itf_modules(&payment.barcode),
            due_on: detail.due_on.clone(),
            amount: totals.to_pay,
            beneficiary: format!("{} · CNPJ {}", settings.beneficiary_name, settings.beneficiary_document),
            agency_code: settings.agency_account.clone(),
            document_date: processing_date.clone(),
            document_number: format!("ANT{id:09}"),
            processing_date,
            nosso_numero: payment.nosso_numero.clone(),
            wallet: settings.bank.wallet().to_string(),
            instructions,
            payer: format!("{} · {}", payer.name, shown_document(person_id, payer)),
            payer_address,
            co_buyers,
            reference,
            pix: payment.pix_payload.clone(),
            payable_after_due: false,
            summary: vec![
                ("Contrato".into(), detail.contract_number.clone()),
                ("Imóvel".into(), format!("{}, {unit_label}", contract.development_name)),
                ("Parcelas".into(), numbers),
                (
                    "Valores".into(),
                    format!("{} - desconto {} = {}", totals.amount, totals.discount, totals.to_pay),
                ),
                ("Compradores".into(), buyers),
            ],
        };
        Ok((file_name, boleto_pdf(&sheet)))
    }
}

/// `20, 21 e 22` and whether there is more than one.
fn installment_numbers(detail: &EarlyPaymentDetail) -> (String, bool) {
    let numbers: Vec<&str> = detail
        .lines
        .iter()
        .map(|line| line.title.split(" · ").next().unwrap_or(&line.title).trim_start_matches("Parcela "))
        .collect();
    match numbers.split_last() {
        Some((last, [])) => (last.to_string(), false),
        Some((last, rest)) => (format!("{} e {last}", rest.join(", ")), true),
        None => (String::new(), false),
    }
}

/// What the text page of an antecipação no longer payable says.
fn summary_lines(detail: &EarlyPaymentDetail) -> Vec<String> {
    let mut lines = vec![format!("Contrato {} · antecipação nº {}", detail.contract_number, detail.id)];
    lines.extend(detail.lines.iter().map(|line| {
        format!(
            "{} · vencimento {} · {} - {} = {}",
            line.title, line.due_on, line.amount, line.discount, line.to_pay
        )
    }));
    lines.push(format!(
        "Total: {} - desconto {} = {}",
        detail.totals.amount, detail.totals.discount, detail.totals.to_pay
    ));
    lines
}
