//! A boleto's PDF: the FEBRABAN sheet (recibo do pagador, PIX, ficha de compensação) for an
//! installment to pay, the receipt for a paid one.

use super::ficha::{boleto_pdf, BoletoSheet};
use super::model::*;
use super::service::{itf_modules, payer_of, shown_document};
use crate::br::Centavos;
use crate::documents::pdf::text_document;
use crate::property::store::{ContractRow, PartyRow};
use crate::property::PropertyError;
use crate::time_br::display_iso_date;
use crate::Portal;

impl Portal {
    /// The boleto as a PDF, named `boleto-<contract>-parcela-<number>.pdf` (a paid
    /// installment's is its receipt, `comprovante-…`).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_boleto_pdf(
        &self,
        person_id: i64,
        installment_id: i64,
    ) -> Result<(String, Vec<u8>), PropertyError> {
        let (boleto, contract, parties) = self.boleto_with_sources(person_id, installment_id, None).await?;
        let line = &boleto.installment;
        if line.status == InstallmentStatus::Paid {
            return Ok(payment_receipt(&boleto));
        }
        let file_name = installment_file_name("boleto", line);
        let (settings, _) = self.payment_settings_of(contract.development_id).await?;
        let (Some(settings), Some(payment)) = (settings.as_ref(), &boleto.payment) else {
            let mut lines = installment_heading(&boleto);
            lines.push(format!("Vencimento: {}    Valor: {}", line.due_on, line.amount));
            lines.push(String::new());
            lines.push("Pagamento online indisponível: fale com a construtora.".into());
            return Ok((file_name, text_document("Boleto de pagamento", &lines)));
        };
        let payer = payer_of(person_id, &parties).ok_or(PropertyError::NotFound)?;
        let payer_address = self.payer_address(person_id, payer, &contract).await?;
        let reference = format!(
            "Contrato {} · {} · {}, {}",
            line.contract_number,
            line.title(),
            boleto.development_name,
            boleto.unit_label
        );
        // A 2ª via is a boleto of its own: its due date and amount, and what they add up.
        let (due_on, amount) = match &boleto.reissue {
            Some(reissue) => (reissue.due_on.clone(), reissue.charge.total),
            None => (line.due_on.clone(), line.amount),
        };
        let mut instructions = vec![late_payment_instruction(
            &due_on,
            amount,
            settings.late_fine_basis_points,
            settings.monthly_interest_basis_points,
        )];
        if let Some(reissue) = &boleto.reissue {
            instructions.insert(
                0,
                format!(
                    "2ª via da parcela vencida em {}: {} + multa {} + juros {} ({} dias).",
                    line.due_on,
                    reissue.charge.original,
                    reissue.charge.fine,
                    reissue.charge.interest,
                    reissue.charge.days_late
                ),
            );
        }
        if payment.pix_payload.is_some() {
            instructions.push(
                "Até o vencimento, pague também por PIX com o QR Code ou o copia e cola do recibo.".into(),
            );
        }
        instructions.push(format!("Referente a: {reference}."));
        let buyers = std::iter::once(format!("{} (titular)", payer.name))
            .chain(boleto.co_buyers.iter().cloned())
            .collect::<Vec<_>>()
            .join(", ");
        let sheet = BoletoSheet {
            bank_name: settings.bank_name.trim_end_matches(" S.A.").to_string(),
            bank_code: settings.bank.code_with_digit(),
            digitable_line: payment.digitable_line.clone(),
            barcode_modules: itf_modules(&payment.barcode),
            due_on,
            amount,
            beneficiary: format!("{} · CNPJ {}", settings.beneficiary_name, settings.beneficiary_document),
            agency_code: settings.agency_account.clone(),
            document_date: display_iso_date(&contract.signed_on),
            document_number: format!("{}/{}", line.contract_number, line.number),
            processing_date: display_iso_date(&self.today_iso()),
            nosso_numero: payment.nosso_numero.clone(),
            wallet: settings.bank.wallet().to_string(),
            instructions,
            payer: format!("{} · {}", payer.name, shown_document(person_id, payer)),
            payer_address,
            co_buyers: boleto.co_buyers.clone(),
            reference,
            pix: payment.pix_payload.clone(),
            payable_after_due: true,
            summary: vec![
                (
                    "Contrato".into(),
                    format!(
                        "{} · assinado em {}",
                        line.contract_number,
                        display_iso_date(&contract.signed_on)
                    ),
                ),
                ("Imóvel".into(), format!("{}, {}", boleto.development_name, boleto.unit_label)),
                (
                    "Parcela".into(),
                    format!("{} · vencimento {} · {}", line.title(), line.due_on, line.amount),
                ),
                ("Compradores".into(), buyers),
                ("Dúvidas".into(), "Mensagens, no Portal do Cliente".into()),
            ],
        };
        Ok((file_name, boleto_pdf(&sheet)))
    }
}

impl Portal {
    /// The pagador's address as the boleto prints it: the titular's own for the titular; the
    /// other buyers see only its city.
    pub(super) async fn payer_address(
        &self,
        person_id: i64,
        payer: &PartyRow,
        contract: &ContractRow,
    ) -> Result<String, PropertyError> {
        let addresses = self.store.addresses_of(payer.person_id).await?;
        Ok(match addresses.first() {
            Some(address) if payer.person_id == person_id => {
                let complement =
                    address.complement.as_deref().map(|text| format!(", {text}")).unwrap_or_default();
                let (cep_head, cep_tail) = address.cep.split_at_checked(5).unwrap_or((&address.cep, ""));
                format!(
                    "{}, {}{complement} – {} – {}/{} – CEP {cep_head}-{cep_tail}",
                    address.street, address.number, address.district, address.city, address.state,
                )
            }
            Some(address) => format!("{}/{}", address.city, address.state),
            None => format!("{}, {}/{}", contract.address, contract.city, contract.state),
        })
    }
}

/// `Após 10/12/2026, cobrar multa de 2,00% (R$ 57,00) e juros de mora de 1,00% ao mês
/// (R$ 0,95 por dia de atraso).` The amounts are what [`super::late_fees::late_charge`] charges
/// (truncated to the centavo, as the page shows them): the multa, and the juros of one day.
pub(crate) fn late_payment_instruction(
    due_on: &str,
    amount: Centavos,
    fine_basis_points: u32,
    monthly_interest_basis_points: u32,
) -> String {
    let percent = |basis_points: u32| format!("{},{:02}%", basis_points / 100, basis_points % 100);
    let one_day = super::late_fees::late_charge(
        amount,
        time::Date::MIN,
        time::Date::MIN.next_day().unwrap_or(time::Date::MIN),
        fine_basis_points,
        monthly_interest_basis_points,
    );
    let (fine, daily) = (one_day.fine, one_day.interest);
    format!(
        "Após {due_on}, cobrar multa de {} ({fine}) e juros de mora de {} ao mês ({daily} por dia de atraso).",
        percent(fine_basis_points),
        percent(monthly_interest_basis_points)
    )
}

/// `boleto-HZ20240117-parcela-7.pdf`: `kind`, the contract number without punctuation, the number.
fn installment_file_name(kind: &str, line: &InstallmentLine) -> String {
    let contract: String = line.contract_number.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{kind}-{contract}-parcela-{}.pdf", line.number)
}

/// The first lines of an installment's text PDF: contract and installment, unit, pagador.
fn installment_heading(boleto: &BoletoDetail) -> Vec<String> {
    let line = &boleto.installment;
    vec![
        format!("Contrato {} · {}", line.contract_number, line.title()),
        format!("{} · {}", boleto.development_name, boleto.unit_label),
        format!("Pagador: {}", boleto.payer_name),
    ]
}

/// A paid installment's PDF is its receipt, not a boleto to pay again: what was paid, when,
/// for which installment of which contract, and to whom.
fn payment_receipt(boleto: &BoletoDetail) -> (String, Vec<u8>) {
    let line = &boleto.installment;
    let file_name = installment_file_name("comprovante", line);
    let mut lines = installment_heading(boleto);
    lines.extend([
        format!("Vencimento: {}    Valor da parcela: {}", line.due_on, line.amount),
        String::new(),
        format!(
            "Pago em {}: {}",
            line.paid_on.clone().unwrap_or_default(),
            line.paid_amount.unwrap_or(line.amount)
        ),
        "Situação: quitada".to_string(),
    ]);
    if let Some(beneficiary) = &boleto.beneficiary {
        lines.push(format!("Recebido por: {} · CNPJ {}", beneficiary.name, beneficiary.document));
    }
    (file_name, text_document("Comprovante de pagamento", &lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_the_fine_and_the_daily_interest_in_reais() {
        assert_eq!(
            late_payment_instruction("10/12/2026", Centavos(285_000), 200, 100),
            "Após 10/12/2026, cobrar multa de 2,00% (R$ 57,00) e juros de mora de 1,00% ao mês \
             (R$ 0,95 por dia de atraso)."
        );
        // 1,5 % of R$ 1.000,01 is R$ 15,00015 → R$ 15,00; 0,33 % a month over 30 days → R$ 0,11.
        assert_eq!(
            late_payment_instruction("01/01/2027", Centavos(100_001), 150, 33),
            "Após 01/01/2027, cobrar multa de 1,50% (R$ 15,00) e juros de mora de 0,33% ao mês \
             (R$ 0,11 por dia de atraso)."
        );
    }
}
