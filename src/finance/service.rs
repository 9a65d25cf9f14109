use std::fmt::Write;

use super::model::*;
use super::store::InstallmentRow;
use crate::br::boleto::{BankAccount, Boleto};
use crate::br::pix::PixCharge;
use crate::br::Centavos;
use crate::paging::{PageOf, PageRequest};
use crate::property::store::{ContractRow, PartyRow};
use crate::property::{PropertyError, UnitSummary};
use crate::time_br::{display_iso_date, parse_iso_date};
use crate::Portal;

/// The company's bank and PIX data for boletos (from `PORTAL_BOLETO_*` and `PORTAL_PIX_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSettings {
    pub bank: BankAccount,
    /// `Banco do Brasil S.A.`
    pub bank_name: String,
    /// `1234-5 / 12345-6`, as printed on the boleto.
    pub agency_account: String,
    pub beneficiary_name: String,
    pub beneficiary_document: String,
    pub pix_key: String,
    pub pix_city: String,
    /// Fine after the due date, in hundredths of a percent (200 = 2 %, the most the consumer
    /// code allows).
    pub late_fine_basis_points: u32,
    /// Interest per month after the due date, in hundredths of a percent (100 = 1 % a month).
    pub monthly_interest_basis_points: u32,
}

impl PaymentSettings {
    /// Who receives the payment, as the boleto page shows it.
    pub fn beneficiary(&self) -> Beneficiary {
        Beneficiary {
            name: self.beneficiary_name.clone(),
            document: self.beneficiary_document.clone(),
            bank: self.bank_name.clone(),
            agency_account: self.agency_account.clone(),
        }
    }
}

/// The most a late fine may be: 2 % (Código de Defesa do Consumidor, art. 52 § 1º).
pub const MAX_LATE_FINE_BASIS_POINTS: u32 = 200;
/// The most monthly interest the portal prints: 10 % a month.
pub const MAX_MONTHLY_INTEREST_BASIS_POINTS: u32 = 1_000;

/// A percentage typed as `2`, `0,5` or `1.5%` in hundredths of a percent, up to `max`; `None`
/// for anything else (more than two decimals, signs, words, above `max`).
pub fn parse_percent(text: &str, max: u32) -> Option<u32> {
    let normalized = text.trim().trim_end_matches('%').replace(',', ".");
    let (whole, fraction) = normalized.split_once('.').unwrap_or((&normalized, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let basis_points = whole
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(format!("{fraction:0<2}").parse::<u32>().ok()?)?;
    (basis_points <= max).then_some(basis_points)
}

impl PaymentSettings {
    /// Example data for development runs and tests: nothing here can receive money.
    pub fn demo() -> Self {
        Self {
            bank: BankAccount::banco_do_brasil("1234567", "17").expect("valid demo bank"),
            bank_name: "Banco do Brasil S.A.".into(),
            agency_account: "1234-5 / 12345-6".into(),
            beneficiary_name: "Construtora Horizonte Ltda".into(),
            beneficiary_document: "12.345.678/0001-95".into(),
            pix_key: "financeiro@horizonte.exemplo.com.br".into(),
            pix_city: "Curitiba".into(),
            late_fine_basis_points: 200,
            monthly_interest_basis_points: 100,
        }
    }
}

fn status_of(row: &InstallmentRow, today_iso: &str) -> InstallmentStatus {
    InstallmentStatus::of(row.paid_on.is_some(), &row.due_on, today_iso)
}

fn line_of(row: &InstallmentRow, today_iso: &str, next_id: Option<i64>) -> InstallmentLine {
    InstallmentLine {
        id: row.id,
        contract_id: row.contract_id,
        contract_number: row.contract_number.clone(),
        number: row.number,
        kind: row.kind.clone(),
        due_on: display_iso_date(&row.due_on),
        due_iso: row.due_on.clone(),
        amount: Centavos(row.amount_cents),
        original: Centavos(row.original_cents),
        correction: Centavos(row.correction_cents()),
        paid_on: row.paid_on.as_deref().map(display_iso_date),
        paid_amount: row.paid_cents.map(Centavos),
        status: status_of(row, today_iso),
        is_next: Some(row.id) == next_id,
    }
}

/// The bars and spaces of an ITF (interleaved 2 of 5) barcode: `true` is a bar, one entry per
/// narrow module (wide elements are 3 modules, the ratio FEBRABAN recommends).
pub fn itf_modules(barcode: &str) -> Vec<bool> {
    let encoded = barcoders::sym::tf::TF::interleaved(barcode).map(|code| code.encode()).unwrap_or_default();
    encoded.into_iter().map(|module| module == 1).collect()
}

/// The barcode as a scalable SVG: one rectangle per bar, with the quiet zones around it.
fn barcode_svg(barcode: &str) -> String {
    let modules = itf_modules(barcode);
    let quiet = 10;
    let width = modules.len() + 2 * quiet;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} 50\" preserveAspectRatio=\"none\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Código de barras do boleto\">\
         <rect width=\"{width}\" height=\"50\" fill=\"#fff\"/>"
    );
    let mut index = 0;
    while index < modules.len() {
        if modules[index] {
            let start = index;
            while index < modules.len() && modules[index] {
                index += 1;
            }
            let _ = write!(svg, "<rect x=\"{}\" width=\"{}\" height=\"50\"/>", start + quiet, index - start);
        } else {
            index += 1;
        }
    }
    svg.push_str("</svg>");
    svg
}

fn qr_svg(payload: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M).ok()?;
    let svg =
        code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    // Drop the XML declaration: the SVG goes inline in the page.
    Some(svg.split_once("?>").map_or(svg.clone(), |(_, rest)| rest.trim().to_string()))
}

impl Portal {
    /// The buyer's installments across contracts, filtered, with totals; the person filter is in
    /// the query.
    /// One page of the buyer's installments that match `filter`, cut in SQL (the partner API).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_installment_page(
        &self,
        person_id: i64,
        filter: &InstallmentFilter,
        page: PageRequest,
    ) -> Result<PageOf<InstallmentLine>, PropertyError> {
        let today = self.today_iso();
        let next_id = self.store.next_open_installment_of_person(person_id, &today).await?;
        let rows = self.store.installment_page_of_person(person_id, filter, &today, page).await?;
        Ok(rows.map(|row| line_of(&row, &today, next_id)))
    }

    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_installments(
        &self,
        person_id: i64,
        filter: &InstallmentFilter,
    ) -> Result<InstallmentOverview, PropertyError> {
        let rows = self.store.installment_lines_of_person(person_id).await?;
        let today = self.today_iso();
        let next_id =
            rows.iter().find(|row| status_of(row, &today) == InstallmentStatus::Open).map(|row| row.id);
        let all: Vec<InstallmentLine> = rows.iter().map(|row| line_of(row, &today, next_id)).collect();

        let mut contracts: Vec<ContractChoice> = Vec::new();
        let mut years: Vec<i32> = Vec::new();
        for line in &all {
            if !contracts.iter().any(|choice| choice.id == line.contract_id) {
                contracts.push(ContractChoice { id: line.contract_id, number: line.contract_number.clone() });
            }
            if let Some(year) = line.due_iso.get(..4).and_then(|year| year.parse().ok()) {
                if !years.contains(&year) {
                    years.push(year);
                }
            }
        }
        contracts.sort_by(|a, b| a.number.cmp(&b.number));
        years.sort_unstable();

        let next = all.iter().find(|line| line.is_next).cloned();
        // The totals are the buyer's whole position: a filter narrows the list, never what is owed.
        let mut totals = InstallmentTotals::default();
        for line in &all {
            match line.status {
                InstallmentStatus::Open => {
                    totals.open.0 += line.amount.0;
                    totals.open_count += 1;
                }
                InstallmentStatus::Overdue => {
                    totals.overdue.0 += line.amount.0;
                    totals.overdue_count += 1;
                }
                InstallmentStatus::Paid => {
                    totals.paid.0 += line.paid_amount.unwrap_or(line.amount).0;
                    totals.paid_count += 1;
                }
            }
        }
        let installments: Vec<InstallmentLine> = all
            .into_iter()
            .filter(|line| filter.status.is_none_or(|status| line.status == status))
            .filter(|line| filter.contract_id.is_none_or(|id| line.contract_id == id))
            .filter(|line| filter.year.is_none_or(|year| line.due_iso.starts_with(&format!("{year:04}-"))))
            .collect();
        Ok(InstallmentOverview { installments, totals, next, contracts, years })
    }

    /// One boleto of the buyer: 404 ([`PropertyError::NotFound`]) for anyone else's.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_boleto(
        &self,
        person_id: i64,
        installment_id: i64,
    ) -> Result<BoletoDetail, PropertyError> {
        Ok(self.boleto_with_sources(person_id, installment_id, None).await?.0)
    }

    /// One boleto of the buyer, with the 2ª via's amounts for `chosen` (a new due date) when an
    /// overdue one has none yet.
    pub async fn my_boleto_with_quote(
        &self,
        person_id: i64,
        installment_id: i64,
        chosen: Option<&str>,
    ) -> Result<BoletoDetail, PropertyError> {
        Ok(self.boleto_with_sources(person_id, installment_id, chosen).await?.0)
    }

    /// Issues the buyer's 2ª via of an overdue installment falling due on `chosen`; a second
    /// request while one is payable changes nothing (the page shows the one there is).
    pub async fn issue_my_reissue(
        &self,
        person_id: i64,
        installment_id: i64,
        chosen: &str,
    ) -> Result<Result<(), super::reissue::ReissueError>, PropertyError> {
        let (detail, contract, _) = self.boleto_with_sources(person_id, installment_id, None).await?;
        if detail.reissue.is_some() {
            return Ok(Ok(()));
        }
        let line = &detail.installment;
        let target = super::reissue::ReissueTarget {
            installment_id: line.id,
            contract_id: line.contract_id,
            number: line.number,
            development_id: contract.development_id,
            due_iso: line.due_iso.clone(),
            amount: line.amount,
            overdue: line.status == InstallmentStatus::Overdue,
        };
        Ok(self.issue_reissue(&target, chosen, &super::reissue::Requester::Buyer(person_id)).await?)
    }

    /// The 2ª via of `detail` (an overdue installment) falling due on `chosen`, audited.
    pub(crate) async fn issue_reissue(
        &self,
        line: &super::reissue::ReissueTarget,
        chosen: &str,
        requester: &super::reissue::Requester,
    ) -> Result<Result<(), super::reissue::ReissueError>, crate::store::StoreError> {
        use super::reissue::ReissueError;
        if !line.overdue {
            return Ok(Err(ReissueError::NotOverdue));
        }
        let (settings, visible) = self.payment_settings_of(line.development_id).await?;
        let (Some(settings), true) = (settings, visible) else {
            return Ok(Err(ReissueError::Unavailable));
        };
        let today = crate::time_br::today_in_sao_paulo(self.clock.now());
        let Some(due) = parse_iso_date(&line.due_iso) else {
            return Ok(Err(ReissueError::NotOverdue));
        };
        let view = match super::reissue::quote(&settings, line.amount, due, chosen, today) {
            Ok(view) => view,
            Err(error) => return Ok(Err(error)),
        };
        let inserted = self
            .store
            .insert_reissue(
                line.installment_id,
                &view,
                requester,
                &crate::time_br::iso_date(today),
                self.now(),
            )
            .await?;
        if inserted.is_some() {
            let (actor, who) = match requester {
                super::reissue::Requester::Buyer(person) => {
                    (crate::audit::Actor::Person(*person), "comprador")
                }
                super::reissue::Requester::Staff(staff) => (crate::audit::Actor::Staff(*staff), "equipe"),
            };
            self.store
                .record_audit_about(
                    self.now(),
                    actor,
                    "boleto_reissued",
                    None,
                    &format!("contract:{}", line.contract_id),
                    &format!(
                        "parcela {}: 2ª via ({who}) vence em {}, {} ({} + multa {} + juros {})",
                        line.number,
                        view.due_on,
                        view.charge.total,
                        view.charge.original,
                        view.charge.fine,
                        view.charge.interest
                    ),
                )
                .await?;
            self.emit_webhook(
                crate::partners::WebhookEvent::BoletoIssued,
                &[("boleto_id", line.installment_id)],
            )
            .await;
        }
        Ok(Ok(()))
    }

    /// The boleto and what it was made from (its contract and parties), so the PDF reads them
    /// once with the page's own authorisation.
    pub(super) async fn boleto_with_sources(
        &self,
        person_id: i64,
        installment_id: i64,
        chosen: Option<&str>,
    ) -> Result<(BoletoDetail, ContractRow, Vec<PartyRow>), PropertyError> {
        let row = self
            .store
            .installment_of_person(person_id, installment_id)
            .await?
            .ok_or(PropertyError::NotFound)?;
        let contract = self
            .store
            .contract_of_person(person_id, row.contract_id, &self.today_iso())
            .await?
            .ok_or(PropertyError::NotFound)?;
        let parties = self.store.parties_visible_to(person_id, row.contract_id).await?;
        let payer = payer_of(person_id, &parties);
        let today = self.today_iso();
        let installment = line_of(&row, &today, None);
        let unit_label =
            UnitSummary::label_of(contract.block_name.as_deref(), &contract.unit_kind, &contract.unit_number);
        let (settings, visible) = self.payment_settings_of(contract.development_id).await?;
        let settings = settings.as_ref().filter(|_| visible);
        let today_date = crate::time_br::today_in_sao_paulo(self.clock.now());
        let reissue = match installment.status {
            InstallmentStatus::Overdue => {
                self.store.active_reissue(row.id).await?.filter(|reissue| reissue.due_on >= today)
            }
            _ => None,
        };
        let payment = match (settings, installment.status, &reissue) {
            (Some(settings), InstallmentStatus::Overdue, Some(reissue)) => {
                reissue.nosso_numero.as_deref().and_then(|number| {
                    // The 2ª via is not yet due: PIX carries its amount.
                    payment_codes(settings, number, &reissue.due_on, reissue.amount_cents, true).ok()
                })
            }
            (Some(settings), InstallmentStatus::Open | InstallmentStatus::Overdue, _) => payment_codes(
                settings,
                &row.nosso_numero,
                &row.due_on,
                row.amount_cents,
                installment.status == InstallmentStatus::Open,
            )
            .ok(),
            _ => None,
        };
        let due = parse_iso_date(&row.due_on);
        let late_today = match (settings, installment.status, due, &reissue) {
            (Some(settings), InstallmentStatus::Overdue, Some(due), None) => {
                Some(crate::finance::late_fees::late_charge(
                    Centavos(row.amount_cents),
                    due,
                    today_date,
                    settings.late_fine_basis_points,
                    settings.monthly_interest_basis_points,
                ))
            }
            _ => None,
        };
        let reissue_offer = match (settings, due, &reissue) {
            (Some(settings), Some(due), None) => super::reissue::offer(
                settings,
                Centavos(row.amount_cents),
                due,
                installment.status,
                chosen,
                today_date,
            ),
            _ => None,
        };
        let reissue = reissue.map(|reissue| reissue.view(&row.due_on));
        let detail = BoletoDetail {
            late_today,
            reissue,
            reissue_offer,
            installment,
            development_name: contract.development_name.clone(),
            unit_label,
            payer_name: payer.map(|party| party.name.clone()).unwrap_or_default(),
            payer_document: payer.map(|party| shown_document(person_id, party)).unwrap_or_default(),
            co_buyers: parties
                .iter()
                .filter(|party| payer.is_none_or(|payer| payer.person_id != party.person_id))
                .map(|party| party.name.clone())
                .collect(),
            beneficiary: settings.map(PaymentSettings::beneficiary),
            payment,
        };
        Ok((detail, contract, parties))
    }
}

impl Portal {
    /// The bank and PIX data of an empreendimento's boletos: its company's own settings, or the
    /// configuration's when the company has none; and whether buyers may see them (not while the
    /// company's bank is in homologação).
    pub(crate) async fn payment_settings_of(
        &self,
        development_id: i64,
    ) -> Result<(Option<PaymentSettings>, bool), crate::store::StoreError> {
        Ok(match self.store.billing_of_development(development_id).await? {
            Some((cnpj, Some(billing))) => (billing.payment_settings(&cnpj), !billing.is_test()),
            _ => (self.payment.as_deref().cloned(), true),
        })
    }
}

/// The pagador of a contract's boletos: its titular (whoever downloads them), or, on a contract
/// without one, the reader.
pub(super) fn payer_of(person_id: i64, parties: &[PartyRow]) -> Option<&PartyRow> {
    parties
        .iter()
        .find(|party| party.role == "titular")
        .or_else(|| parties.iter().find(|party| party.person_id == person_id))
}

/// The pagador's CPF/CNPJ in full for the pagador, masked for the other buyers (as the contract
/// page shows the parties).
pub(super) fn shown_document(person_id: i64, payer: &PartyRow) -> String {
    if payer.person_id == person_id {
        super::statement::formatted_document(&payer.document)
    } else {
        crate::property::mask_document(&payer.document)
    }
}

pub(super) fn payment_codes(
    settings: &PaymentSettings,
    sequence: &str,
    due_iso: &str,
    amount_cents: i64,
    with_pix: bool,
) -> Result<PaymentCodes, crate::br::boleto::BoletoError> {
    let due = parse_iso_date(due_iso).ok_or(crate::br::boleto::BoletoError::DueDateOutOfRange)?;
    let amount = Centavos(amount_cents);
    let number = super::boleto_number::bank_number(&settings.bank, sequence).ok_or(
        crate::br::boleto::BoletoError::Bank("o número deste boleto não cabe no nosso número do banco"),
    )?;
    let boleto = Boleto::new(&settings.bank, &number, due, amount)?;
    // PIX's txid takes letters and digits only: the file form, not the printed one.
    let txid = settings.bank.nosso_numero(&number)?;
    let nosso_numero = settings.bank.printed_nosso_numero(&number)?;
    // A PIX code carries a fixed amount: only for installments not yet due (overdue ones need the
    // fees the bank adds to the boleto).
    let pix_payload = with_pix.then(|| {
        PixCharge {
            key: settings.pix_key.clone(),
            merchant_name: settings.beneficiary_name.clone(),
            merchant_city: settings.pix_city.clone(),
            amount: Some(amount),
            txid: Some(txid),
            single_use: true,
        }
        .payload()
    });
    Ok(PaymentCodes {
        digitable_line: boleto.formatted_digitable_line(),
        barcode: boleto.barcode().to_string(),
        barcode_svg: barcode_svg(boleto.barcode()),
        pix_qr_svg: pix_payload.as_deref().and_then(qr_svg),
        pix_payload,
        nosso_numero,
    })
}
