//! The buyer's antecipação: choose future installments of a contract, see each one's discount
//! (see [`super::early_payment`]), and get one boleto and PIX for them; the company turns it on
//! in Cobrança (with its bank in produção).

use time::Duration;

use super::early_payment::*;
use super::early_payment_store::{EarlyPaymentRow, NewEarlyPayment};
use super::model::{installment_kind_label, ContractChoice};
use super::service::payment_codes;
use super::PaymentSettings;
use crate::br::Centavos;
use crate::property::PropertyError;
use crate::time_br::{display_iso_date, iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;

const NOT_OFFERED: &str = "A construtora não oferece antecipação de parcelas neste contrato.";

fn title(number: i64, kind: &str) -> String {
    format!("Parcela {number} · {}", installment_kind_label(kind))
}

impl Portal {
    /// The bank and the monthly discount of a contract's antecipações, or why there are none.
    async fn early_terms(
        &self,
        development_id: i64,
    ) -> Result<Result<(PaymentSettings, u32), String>, PropertyError> {
        let Some((cnpj, Some(billing))) = self.store.billing_of_development(development_id).await? else {
            return Ok(Err(NOT_OFFERED.into()));
        };
        match billing.payment_settings(&cnpj) {
            Some(settings) if billing.early_payment != 0 && !billing.is_test() => {
                Ok(Ok((settings, billing.monthly_discount_bp.clamp(0, 10_000) as u32)))
            }
            _ => Ok(Err(NOT_OFFERED.into())),
        }
    }

    /// The buyer's contracts with installments, in the order Financeiro lists them.
    async fn my_contract_choices(&self, person_id: i64) -> Result<Vec<ContractChoice>, PropertyError> {
        let mut contracts: Vec<ContractChoice> = Vec::new();
        for row in self.store.installment_lines_of_person(person_id).await? {
            if !contracts.iter().any(|choice| choice.id == row.contract_id) {
                contracts.push(ContractChoice { id: row.contract_id, number: row.contract_number });
            }
        }
        Ok(contracts)
    }

    /// `/financeiro/antecipar`: the chosen contract's future installments priced for a boleto due
    /// in [`EARLY_PAYMENT_DAYS`], the `selected` ones marked and summed.
    pub async fn my_early_payment_offer(
        &self,
        person_id: i64,
        contract: Option<i64>,
        selected: &[i64],
    ) -> Result<EarlyPaymentOffer, PropertyError> {
        let contracts = self.my_contract_choices(person_id).await?;
        let today = today_in_sao_paulo(self.clock.now());
        let pay_on = today + Duration::days(EARLY_PAYMENT_DAYS);
        let mut offer = EarlyPaymentOffer {
            contract_id: contract.or_else(|| contracts.first().map(|choice| choice.id)),
            contracts,
            unavailable: None,
            rate: String::new(),
            pay_on: crate::time_br::format_date(pay_on),
            lines: Vec::new(),
            totals: EarlyPaymentTotals::default(),
            pending: Vec::new(),
        };
        let Some(contract_id) = offer.contract_id else {
            offer.unavailable = Some("Você ainda não tem parcelas a antecipar.".into());
            return Ok(offer);
        };
        let contract = self
            .store
            .contract_of_person(person_id, contract_id, &iso_date(today))
            .await?
            .ok_or(PropertyError::NotFound)?;
        self.store.expire_early_payments(contract_id, &iso_date(today), self.now()).await?;
        let (settings_rate, lines) = match self.early_terms(contract.development_id).await? {
            Err(reason) => (Err(reason), Vec::new()),
            Ok(_) if !matches!(contract.status.as_str(), "ativo" | "em_assinatura") => {
                (Err("Este contrato não está em vigor: não há parcelas a antecipar.".into()), Vec::new())
            }
            Ok((_, rate)) => {
                let rows = self.store.anticipable_installments(contract_id, &iso_date(pay_on)).await?;
                let lines = rows
                    .into_iter()
                    .filter_map(|row| {
                        let due = parse_iso_date(&row.due_on)?;
                        let mut line = EarlyPaymentLine::priced(
                            row.id,
                            title(row.number, &row.kind),
                            due,
                            Centavos(row.amount_cents),
                            pay_on,
                            rate,
                        );
                        line.selected = selected.contains(&row.id);
                        Some(line)
                    })
                    .collect();
                (Ok(rate), lines)
            }
        };
        match settings_rate {
            Ok(rate) => offer.rate = format!("{} % ao mês", super::billing::percent_text(i64::from(rate))),
            Err(reason) => offer.unavailable = Some(reason),
        }
        if offer.unavailable.is_none() && lines.is_empty() {
            offer.unavailable =
                Some("Não há parcelas futuras em aberto para antecipar neste contrato.".into());
        }
        offer.totals = EarlyPaymentTotals::of(lines.iter().filter(|line| line.selected));
        offer.lines = lines;
        offer.pending = self
            .store
            .pending_early_payments(contract_id, &iso_date(today))
            .await?
            .into_iter()
            .map(|(row, count)| EarlyPaymentSummary {
                id: row.id,
                contract_number: row.contract_number,
                due_on: display_iso_date(&row.due_on),
                count,
                total: Centavos(row.total_cents),
            })
            .collect();
        Ok(offer)
    }

    /// Generates the antecipação of `selected` (installments of `contract_id`); its id, or why
    /// not in a sentence. Twenty requests at once for the same installments make one.
    pub async fn create_my_early_payment(
        &self,
        person_id: i64,
        contract_id: i64,
        selected: &[i64],
    ) -> Result<Result<i64, EarlyPaymentRefusal>, PropertyError> {
        let offer = self.my_early_payment_offer(person_id, Some(contract_id), selected).await?;
        if offer.unavailable.is_some() && offer.lines.is_empty() && offer.rate.is_empty() {
            return Ok(Err(EarlyPaymentRefusal::Unavailable));
        }
        let chosen: Vec<&EarlyPaymentLine> = offer.lines.iter().filter(|line| line.selected).collect();
        if selected.is_empty() {
            return Ok(Err(EarlyPaymentRefusal::NoneChosen));
        }
        if selected.len() > MAX_EARLY_INSTALLMENTS {
            return Ok(Err(EarlyPaymentRefusal::TooMany));
        }
        if selected.iter().any(|id| !chosen.iter().any(|line| line.installment_id == *id)) {
            return Ok(Err(EarlyPaymentRefusal::Changed));
        }
        let today = today_in_sao_paulo(self.clock.now());
        let pay_on = iso_date(today + Duration::days(EARLY_PAYMENT_DAYS));
        let items: Vec<(i64, i64, i64)> =
            chosen.iter().map(|line| (line.installment_id, line.amount.0, line.discount.0)).collect();
        let new = NewEarlyPayment {
            contract_id,
            person_id,
            due_on: &pay_on,
            items: &items,
            now: self.now(),
            today: &iso_date(today),
        };
        let Some(id) = self.store.insert_early_payment(&new).await? else {
            return Ok(Err(EarlyPaymentRefusal::Taken));
        };
        self.store
            .record_audit_about(
                self.now(),
                crate::audit::Actor::Person(person_id),
                "early_payment_created",
                None,
                &format!("contract:{contract_id}"),
                &format!(
                    "antecipação {id}: {} parcela(s), {} com desconto de {}, vence em {}",
                    offer.totals.count,
                    offer.totals.to_pay,
                    offer.totals.discount,
                    display_iso_date(&pay_on)
                ),
            )
            .await?;
        Ok(Ok(id))
    }

    /// An antecipação of one of the buyer's contracts, with its boleto while payable.
    pub async fn my_early_payment(
        &self,
        person_id: i64,
        id: i64,
    ) -> Result<EarlyPaymentDetail, PropertyError> {
        let row = self.store.early_payment(id).await?.ok_or(PropertyError::NotFound)?;
        let today = iso_date(today_in_sao_paulo(self.clock.now()));
        let contract = self
            .store
            .contract_of_person(person_id, row.contract_id, &today)
            .await?
            .ok_or(PropertyError::NotFound)?;
        let lines = self.early_payment_lines(&row).await?;
        let (settings, visible) = self.payment_settings_of(contract.development_id).await?;
        let settings = settings.filter(|_| visible);
        let payable = row.paid_on.is_none() && row.cancelled_at.is_none() && row.due_on >= today;
        let (status, tone) = match (&row.paid_on, payable) {
            (Some(day), _) => (format!("Paga em {}", display_iso_date(day)), "success"),
            (None, true) => (format!("A pagar até {}", display_iso_date(&row.due_on)), "info"),
            (None, false) => ("Vencida sem pagamento: as parcelas voltaram ao normal".to_string(), "warning"),
        };
        let payment = match (&settings, &row.nosso_numero, payable) {
            (Some(settings), Some(number), true) => {
                payment_codes(settings, number, &row.due_on, row.total_cents, true).ok()
            }
            _ => None,
        };
        Ok(EarlyPaymentDetail {
            id: row.id,
            contract_id: row.contract_id,
            contract_number: row.contract_number.clone(),
            due_on: display_iso_date(&row.due_on),
            totals: EarlyPaymentTotals::of(lines.iter()),
            lines,
            status,
            status_tone: tone.into(),
            beneficiary: settings.as_ref().map(PaymentSettings::beneficiary),
            payment,
        })
    }

    async fn early_payment_lines(
        &self,
        row: &EarlyPaymentRow,
    ) -> Result<Vec<EarlyPaymentLine>, PropertyError> {
        let pay_on = parse_iso_date(&row.due_on);
        Ok(self
            .store
            .early_payment_items(row.id)
            .await?
            .into_iter()
            .map(|item| {
                let due = parse_iso_date(&item.due_on);
                EarlyPaymentLine {
                    installment_id: item.installment_id,
                    title: title(item.number, &item.kind),
                    due_on: display_iso_date(&item.due_on),
                    amount: Centavos(item.amount_cents),
                    months: pay_on.zip(due).map(|(pay_on, due)| months_ahead(pay_on, due)).unwrap_or(0),
                    discount: Centavos(item.discount_cents),
                    to_pay: Centavos(item.amount_cents - item.discount_cents),
                    selected: true,
                }
            })
            .collect())
    }
}
